package dev.watchdog.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads a file's lines from the last to the first, one block at a time, so that a search of the last
 * five minutes of a 1 GB log reads only those five minutes. Only the file's size at the start is read:
 * lines appended during the search belong to the next one.
 *
 * <p>A line longer than {@code maxLineBytes} keeps its first {@code maxLineBytes} bytes (where the
 * timestamp and the message are); the rest is skipped.
 */
final class ReverseLineReader {

    static final int BLOCK_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final int maxLineBytes;
    private final int blockBytes;
    private final ByteBuffer block;
    /** File offset of the first byte of the current block. */
    private long blockStart;
    /** Lines are taken from the current block backwards; {@code cursor} is the end of the next one. */
    private int cursor;
    /** Start of a line that began in an earlier block: bytes already read, kept until its start is found. */
    private byte[] carry = new byte[0];
    private boolean atEndOfFile = true;
    private boolean atStartOfFile;
    private long bytesRead;

    ReverseLineReader(FileChannel channel, int maxLineBytes) throws IOException {
        this(channel, maxLineBytes, BLOCK_BYTES);
    }

    /** @param blockBytes tests use tiny blocks so that lines cross block boundaries */
    ReverseLineReader(FileChannel channel, int maxLineBytes, int blockBytes) throws IOException {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
        this.blockBytes = blockBytes;
        this.block = ByteBuffer.allocate(blockBytes);
        this.blockStart = channel.size();
    }

    long bytesRead() {
        return bytesRead;
    }

    /** The line before the previous one returned, without its line break; null at the start of the file. */
    String previousLine() throws IOException {
        while (!atStartOfFile) {
            int newline = lastNewline(cursor);
            if (newline >= 0) {
                String line = lineFrom(newline + 1, cursor);
                cursor = newline;
                boolean afterLastNewline = atEndOfFile;
                atEndOfFile = false;
                if (afterLastNewline && line.isEmpty()) {
                    continue; // the newline ending the last line does not start another line
                }
                return line;
            }
            // No newline left in this block: its start belongs to a line that began earlier.
            keepForLater(0, cursor);
            cursor = 0;
            if (blockStart == 0) {
                atStartOfFile = true;
                String first = stripCarriageReturn(new String(carry, StandardCharsets.UTF_8));
                carry = new byte[0];
                return first.isEmpty() ? null : first;
            }
            readPreviousBlock();
        }
        return null;
    }

    private void readPreviousBlock() throws IOException {
        long start = Math.max(0, blockStart - blockBytes);
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
        byte[] bytes = block.array();
        String line;
        if (carry.length == 0) {
            line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        } else {
            keepForLater(from, to);
            line = new String(carry, StandardCharsets.UTF_8);
            carry = new byte[0];
        }
        return stripCarriageReturn(line);
    }

    /** Puts {@code [from, to)} of the block in front of the carried bytes, keeping at most maxLineBytes. */
    private void keepForLater(int from, int to) {
        int length = to - from;
        if (length == 0) {
            return;
        }
        // The start of a line matters (timestamp, level, message); beyond the cap, its end is dropped.
        int kept = Math.min(maxLineBytes, length + carry.length);
        byte[] joined = new byte[kept];
        int fromBlock = Math.min(length, kept);
        System.arraycopy(block.array(), from, joined, 0, fromBlock);
        if (kept > fromBlock) {
            System.arraycopy(carry, 0, joined, fromBlock, kept - fromBlock);
        }
        carry = joined;
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
