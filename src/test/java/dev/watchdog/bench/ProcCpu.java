package dev.watchdog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of another process, as Linux accounts it in {@code /proc/<pid>/stat}: user plus system time
 * ({@code utime} + {@code stime}, fields 14 and 15), in clock ticks of {@value #TICKS_PER_SECOND} per second
 * (USER_HZ, 100 on every Linux architecture Prometheus is packaged for).
 */
final class ProcCpu {

    static final int TICKS_PER_SECOND = 100;

    private final Path stat;

    ProcCpu(long pid) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
    }

    /** User plus system CPU time used so far, in seconds. */
    double seconds() {
        try {
            return (double) ticks(Files.readString(stat)) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stat + ": has the process ended?", e);
        }
    }

    /**
     * utime + stime of a stat line. The command name (field 2) is in parentheses and may itself hold spaces and
     * parentheses, so fields are counted from the last ')'.
     */
    static long ticks(String statLine) {
        int end = statLine.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line (no command in parentheses): " + statLine);
        }
        String[] fields = statLine.substring(end + 1).trim().split("\\s+");
        // fields[0] is field 3 (state): utime, field 14, is fields[11]; stime, field 15, is fields[12]
        if (fields.length < 13) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line has at least 15 fields, this one "
                    + (fields.length + 2) + ": " + statLine);
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
