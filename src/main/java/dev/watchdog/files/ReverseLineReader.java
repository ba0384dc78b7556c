package dev.watchdog.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's lines from the last to the first, one block at a time, so that a search of the last
 * five minutes of a 1 GB log reads only those five minutes, and a lookup in an append-only event file
 * reads only its newest lines. Only the file's size at the start is read: lines appended meanwhile
 * belong to the next reader.
 *
 * <p>Lines are split on {@code \n} (a trailing {@code \r} is dropped) and decoded as UTF-8; splitting
 * bytes on {@code \n} is safe in UTF-8 because that byte never occurs inside a multi-byte character.
 * The newline that ends the file does not start an empty line. A line longer than {@code maxLineBytes}
 * keeps its first {@code maxLineBytes} bytes (where the timestamp and the message are); the rest is
 * skipped. Nothing before the last {@code maxBytes} of the file is read, and the line cut by that
 * limit is not returned: half a line is not a line.
 *
 * <p>Not commons-io's {@code ReversedLinesFileReader}: it holds a line whole however long it is,
 * splits on a lone {@code \r}, and can neither say how many bytes it read nor stop at a byte limit.
 */
public final class ReverseLineReader implements Closeable {

    public static final int BLOCK_BYTES = 64 * 1024;
    private static final byte[] NOTHING = new byte[0];

    private final FileChannel channel;
    private final int maxLineBytes;
    private final int blockBytes;
    private final ByteBuffer block;
    private final long lowestReadable;
    /** File offset of the first byte of the current block. */
    private long blockStart;
    /** Lines are taken from the current block backwards; {@code cursor} is the end of the next one. */
    private int cursor;
    /** Start of a line that began in an earlier block: bytes already read, kept until its start is found. */
    private byte[] carry = NOTHING;
    private boolean atEndOfFile = true;
    private boolean atStart;
    private boolean stoppedAtLimit;
    private boolean lastLineUnterminated;
    private long bytesRead;

    /** @param blockBytes tests use tiny blocks so that lines cross block boundaries */
    ReverseLineReader(FileChannel channel, int maxLineBytes, long maxBytes, int blockBytes) throws IOException {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
        this.blockBytes = blockBytes;
        this.block = ByteBuffer.allocate(blockBytes);
        this.blockStart = channel.size();
        this.lowestReadable = Math.max(0, blockStart - maxBytes);
    }

    /** A reader of the last {@code maxBytes} of {@code file} (Long.MAX_VALUE: all of it); close it. */
    public static ReverseLineReader open(Path file, int maxLineBytes, long maxBytes) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new ReverseLineReader(channel, maxLineBytes, maxBytes, BLOCK_BYTES);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The line before the previous one returned, without its line break; null at the start or the byte limit. */
    public String previousLine() throws IOException {
        while (!atStart) {
            int newline = lastNewline(cursor);
            if (newline >= 0) {
                String line = lineFrom(newline + 1, cursor);
                cursor = newline;
                boolean afterLastNewline = atEndOfFile;
                atEndOfFile = false;
                if (afterLastNewline && line.isEmpty()) {
                    continue; // the newline ending the last line does not start another line
                }
                lastLineUnterminated |= afterLastNewline;
                return line;
            }
            // No newline left in this block: its start belongs to a line that began earlier.
            keepForLater(0, cursor);
            cursor = 0;
            if (blockStart == lowestReadable) {
                return firstLine();
            }
            readPreviousBlock();
        }
        return null;
    }

    public long bytesRead() {
        return bytesRead;
    }

    /** True when reading stopped at {@code maxBytes} from the end rather than at the start of the file. */
    public boolean stoppedAtLimit() {
        return stoppedAtLimit;
    }

    /** True once the last line has been returned and no newline followed it: perhaps it is still being written. */
    public boolean lastLineUnterminated() {
        return lastLineUnterminated;
    }

    private String firstLine() {
        atStart = true;
        byte[] first = carry;
        carry = NOTHING;
        if (blockStart > 0) {
            stoppedAtLimit = true;
            return null;
        }
        String line = decode(first, 0, first.length);
        lastLineUnterminated |= atEndOfFile && !line.isEmpty();
        return line.isEmpty() ? null : line;
    }

    private void readPreviousBlock() throws IOException {
        long start = Math.max(lowestReadable, blockStart - blockBytes);
        int length = (int) (blockStart - start);
        block.clear().limit(length);
        while (block.hasRemaining()) {
            if (channel.read(block, start + block.position()) < 0) {
                throw new IOException("the file shrank while it was read (truncated or rotated)");
            }
        }
        bytesRead += length;
        blockStart = start;
        cursor = length;
    }

    private int lastNewline(int before) {
        byte[] bytes = block.array();
        for (int i = before - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The line in {@code [from, to)} of the block, joined to the carried bytes that follow it. */
    private String lineFrom(int from, int to) {
        if (carry.length == 0) {
            return decode(block.array(), from, to);
        }
        keepForLater(from, to);
        byte[] line = carry;
        carry = NOTHING;
        return decode(line, 0, line.length);
    }

    /** Puts {@code [from, to)} of the block in front of the carried bytes, keeping at most maxLineBytes. */
    private void keepForLater(int from, int to) {
        int length = to - from;
        if (length == 0) {
            return;
        }
        // The start of a line matters (timestamp, level, message); beyond the cap, its end is dropped.
        int kept = (int) Math.min(maxLineBytes, (long) length + carry.length);
        byte[] joined = new byte[kept];
        int fromBlock = Math.min(length, kept);
        System.arraycopy(block.array(), from, joined, 0, fromBlock);
        if (kept > fromBlock) {
            System.arraycopy(carry, 0, joined, fromBlock, kept - fromBlock);
        }
        carry = joined;
    }

    private static String decode(byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
