package dev.watchdog.logs;

/**
 * How much one file search may read, across all its files: a search must cost the same whether the
 * logs are small or a runaway 50 GB file. Not thread-safe: one budget per search.
 */
final class ScanBudget {

    private final long maxLines;
    private final long maxBytes;
    private long lines;
    private long bytes;

    ScanBudget(long maxLines, long maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Counts one line; false when the line budget was already used up. */
    boolean takeLine() {
        if (lines >= maxLines) {
            return false;
        }
        lines++;
        return true;
    }

    void addBytes(long read) {
        bytes += read;
    }

    boolean bytesLeft() {
        return bytes < maxBytes;
    }

    boolean exhausted() {
        return lines >= maxLines || bytes >= maxBytes;
    }

    long lines() {
        return lines;
    }

    long bytes() {
        return bytes;
    }

    /** Why the search stopped early, or null when it did not. */
    String reason() {
        if (lines >= maxLines) {
            return "stopped after " + maxLines + " lines (logs.max-lines)";
        }
        if (bytes >= maxBytes) {
            return "stopped after reading " + LogSearchResult.bytes(bytes) + " (logs.max-bytes)";
        }
        return null;
    }
}
