package dev.watchdog.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReverseLineReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "block of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 64, 65536})
    void readsTheSameLinesAsAForwardReadInReverseWhateverTheBlockSize(int blockBytes) throws IOException {
        String content = "first\nsecond line\n\nfourth after an empty one\r\nfünfte: ünïcödé ✓\nlast without newline";

        List<String> lines = readBackwards(content, 1024, blockBytes);

        List<String> expected = new ArrayList<>(List.of("first", "second line", "", "fourth after an empty one",
                "fünfte: ünïcödé ✓", "last without newline"));
        Collections.reverse(expected);
        assertThat(lines).isEqualTo(expected);
    }

    @Test
    void aFinalNewlineDoesNotMakeAnEmptyLastLine() throws IOException {
        assertThat(readBackwards("a\nb\n", 1024, 3)).containsExactly("b", "a");
    }

    @Test
    void anEmptyFileHasNoLines() throws IOException {
        assertThat(readBackwards("", 1024, 4)).isEmpty();
    }

    @Test
    void aLongLineKeepsItsStart() throws IOException {
        String longLine = "2024-01-15T10:00:00Z ERROR " + "x".repeat(500);

        List<String> lines = readBackwards("before\n" + longLine + "\nafter\n", 40, 16);

        assertThat(lines).containsExactly("after", longLine.substring(0, 40), "before");
    }

    @Test
    void countsTheBytesItRead() throws IOException {
        Path file = dir.resolve("count.log");
        Files.writeString(file, "a".repeat(99) + "\n" + "b".repeat(99) + "\n");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ReverseLineReader reader = new ReverseLineReader(channel, 1024, Long.MAX_VALUE, 64);
            reader.previousLine();
            assertThat(reader.bytesRead()).isEqualTo(128); // two blocks reach the newline at 99, not the whole 200
        }
    }

    @Test
    void stopsAtTheByteLimitWithoutTheLineItCuts() throws IOException {
        Path file = dir.resolve("limit.log");
        Files.writeString(file, "oldest\ncut in half\nnewer\nnewest\n");
        try (ReverseLineReader reader = ReverseLineReader.open(file, 1024, "newer\nnewest\n".length() + 4)) {
            assertThat(reader.previousLine()).isEqualTo("newest");
            assertThat(reader.previousLine()).isEqualTo("newer");
            assertThat(reader.previousLine()).isNull();
            assertThat(reader.stoppedAtLimit()).isTrue();
            assertThat(reader.bytesRead()).isEqualTo("newer\nnewest\n".length() + 4);
        }
    }

    @Test
    void aWholeFileWithinTheLimitIsNotStoppedAtIt() throws IOException {
        Path file = dir.resolve("small.log");
        Files.writeString(file, "a\nb\n");
        try (ReverseLineReader reader = ReverseLineReader.open(file, 1024, 4)) {
            assertThat(reader.previousLine()).isEqualTo("b");
            assertThat(reader.previousLine()).isEqualTo("a");
            assertThat(reader.previousLine()).isNull();
            assertThat(reader.stoppedAtLimit()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\nstill being written", "only line, no newline"})
    void saysWhenTheLastLineHasNoNewline(String content) throws IOException {
        Path file = dir.resolve("unterminated.log");
        Files.writeString(file, content);
        try (ReverseLineReader reader = ReverseLineReader.open(file, 1024, Long.MAX_VALUE)) {
            assertThat(reader.lastLineUnterminated()).isFalse();
            reader.previousLine();
            assertThat(reader.lastLineUnterminated()).isTrue();
        }
    }

    @Test
    void aLastLineWithItsNewlineIsTerminated() throws IOException {
        Path file = dir.resolve("terminated.log");
        Files.writeString(file, "a\nb\n");
        try (ReverseLineReader reader = ReverseLineReader.open(file, 1024, Long.MAX_VALUE)) {
            assertThat(reader.previousLine()).isEqualTo("b");
            assertThat(reader.lastLineUnterminated()).isFalse();
        }
    }

    private List<String> readBackwards(String content, int maxLineBytes, int blockBytes) throws IOException {
        Path file = dir.resolve("test.log");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ReverseLineReader reader = new ReverseLineReader(channel, maxLineBytes, Long.MAX_VALUE, blockBytes);
            for (String line = reader.previousLine(); line != null; line = reader.previousLine()) {
                lines.add(line);
            }
            assertThat(reader.bytesRead()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
        }
        return lines;
    }
}
