package dev.watchdog.deploys;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's lines from the last to the first, without reading more than {@code maxBytes} from
 * the end: an append-only event file has its newest lines last, and a lookup only wants those.
 * Lines are split on {@code \n} (a trailing {@code \r} is dropped) and decoded as UTF-8; splitting
 * bytes on {@code \n} is safe in UTF-8 because that byte never occurs inside a multi-byte character.
 * The text after the last {@code \n} comes first, empty when the file ends with a newline.
 */
final class ReverseLineReader implements Closeable {

    private static final int CHUNK = 64 * 1024;

    private final FileChannel channel;
    private final long lowestReadable;
    private long position;
    private byte[] chunk = new byte[0];
    private int chunkEnd;
    private boolean stoppedAtLimit;
    private boolean atStart;

    ReverseLineReader(Path path, long maxBytes) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.position = channel.size();
        this.lowestReadable = Math.max(0, position - maxBytes);
    }

    /** The previous line, or null at the start of the file or at the byte limit. */
    String previousLine() throws IOException {
        if (atStart) {
            return null;
        }
        byte[] line = new byte[0];
        while (true) {
            for (int i = chunkEnd - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    line = prepend(chunk, i + 1, chunkEnd, line);
                    chunkEnd = i;
                    return decode(line);
                }
            }
            line = prepend(chunk, 0, chunkEnd, line);
            chunkEnd = 0;
            if (position == lowestReadable) {
                atStart = true;
                if (position > 0) {
                    // The line continues before the limit: half a line is not a line.
                    stoppedAtLimit = true;
                    return null;
                }
                return decode(line);
            }
            readChunk();
        }
    }

    /** True when reading stopped at {@code maxBytes} from the end rather than at the start of the file. */
    boolean stoppedAtLimit() {
        return stoppedAtLimit;
    }

    private void readChunk() throws IOException {
        int size = (int) Math.min(CHUNK, position - lowestReadable);
        position -= size;
        chunk = new byte[size];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file shrank while it was read");
            }
        }
        chunkEnd = size;
    }

    private static byte[] prepend(byte[] source, int from, int to, byte[] tail) {
        byte[] joined = new byte[to - from + tail.length];
        System.arraycopy(source, from, joined, 0, to - from);
        System.arraycopy(tail, 0, joined, to - from, tail.length);
        return joined;
    }

    private static String decode(byte[] line) {
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
