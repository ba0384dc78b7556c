package dev.watchdog.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines front to back from a stream (a gzip file cannot be read backwards). Like
 * {@link dev.watchdog.files.ReverseLineReader}, a line longer than {@code maxLineBytes} keeps only its start, so one
 * endless line cannot fill the heap.
 */
final class ForwardLineReader {

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean endOfStream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    ForwardLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its line break, or null at the end. */
    String nextLine() throws IOException {
        line.reset();
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (endOfStream || !fill()) {
                    return any ? text() : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position);
            if (position < limit) {
                position++; // the newline
                return text();
            }
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            endOfStream = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private void append(int from, int to) {
        int room = maxLineBytes - line.size();
        if (room > 0) {
            line.write(buffer, from, Math.min(room, to - from));
        }
    }

    private String text() {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
