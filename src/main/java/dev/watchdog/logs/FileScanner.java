package dev.watchdog.logs;

import dev.watchdog.files.ReverseLineReader;
import dev.watchdog.logs.LineParser.ParsedLine;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.GZIPInputStream;

/**
 * Feeds the entries of one file that fall in the query's window to a {@link MatchCollector}. Lines
 * without a timestamp continue the entry above them (stack traces). Plain files are read backwards and
 * reading stops at the first entries older than the window; gzip files are read forwards.
 */
final class FileScanner {

    /** Lines longer than this keep only their start. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /**
     * Reading stops after this many entries in a row older than the window (newer than it, for gzip
     * files read forwards). One is not enough: threads log slightly out of order, and a stray number
     * at the start of a continuation line can look like a timestamp.
     */
    static final int OUTSIDE_WINDOW_IN_A_ROW = 3;
    /** Continuation lines kept per entry (those nearest its first line: the exception and top frames). */
    static final int MAX_CONTINUATION_LINES = 200;
    /** Characters of continuation lines kept per entry, so one entry stays a modest string. */
    static final int MAX_CONTINUATION_CHARS = 64 * 1024;
    /** This many lines in a row without a timestamp mean the format is not understood. */
    static final int MAX_UNDATED_LINES = 10_000;

    private final String source;
    private final LineParser parser;
    private final MatchCollector collector;
    private final ScanBudget budget;
    private final Instant start;
    private final Instant end;
    /** The oldest entry time reached, to say what a budget cut left out. */
    private Instant reached;
    private String note;

    FileScanner(String source, LineParser parser, MatchCollector collector, ScanBudget budget, LogQuery query) {
        this.source = source;
        this.parser = parser;
        this.collector = collector;
        this.budget = budget;
        this.start = query.start();
        this.end = query.end();
    }

    /** Something the caller should report about the last file scanned (no timestamps found), or null. */
    String note() {
        return note;
    }

    Instant reached() {
        return reached;
    }

    void scanBackwards(Path file) throws IOException {
        note = null;
        try (ReverseLineReader reader = ReverseLineReader.open(file, MAX_LINE_BYTES, Long.MAX_VALUE)) {
            Continuation continuation = new Continuation();
            long counted = 0;
            int olderInARow = 0;
            int undated = 0;
            String line;
            while (budget.bytesLeft() && (line = reader.previousLine()) != null) {
                budget.addBytes(reader.bytesRead() - counted);
                counted = reader.bytesRead();
                checkCancelled();
                if (!budget.takeLine()) {
                    return;
                }
                ParsedLine parsed = parser.parse(line);
                if (!parsed.isDated()) {
                    if (++undated > MAX_UNDATED_LINES) {
                        note = noTimestamp(file);
                        return;
                    }
                    continuation.addAbove(line);
                    continue;
                }
                undated = 0;
                reached = parsed.time();
                if (parsed.time().isBefore(start)) {
                    if (++olderInARow >= OUTSIDE_WINDOW_IN_A_ROW) {
                        return;
                    }
                } else {
                    olderInARow = 0;
                    offerIfInWindow(parsed, continuation);
                }
                continuation.clear();
            }
            budget.addBytes(reader.bytesRead() - counted);
        }
    }

    void scanGzip(Path file) throws IOException {
        note = null;
        try (CountingInputStream raw = new CountingInputStream(Files.newInputStream(file));
                InputStream in = new GZIPInputStream(new BufferedInputStream(raw, 64 * 1024), 64 * 1024)) {
            ForwardLineReader reader = new ForwardLineReader(in, MAX_LINE_BYTES);
            ParsedLine head = null;
            Continuation continuation = new Continuation();
            long counted = 0;
            int newerInARow = 0;
            int undated = 0;
            String line;
            while (budget.bytesLeft() && (line = reader.nextLine()) != null) {
                budget.addBytes(raw.count() - counted);
                counted = raw.count();
                checkCancelled();
                if (!budget.takeLine()) {
                    break;
                }
                ParsedLine parsed = parser.parse(line);
                if (!parsed.isDated()) {
                    if (++undated > MAX_UNDATED_LINES && head == null) {
                        note = noTimestamp(file);
                        return;
                    }
                    if (head != null) {
                        continuation.addBelow(line);
                    }
                    continue;
                }
                undated = 0;
                if (head != null) {
                    offerIfInWindow(head, continuation);
                }
                continuation.clear();
                head = parsed;
                newerInARow = parsed.time().isBefore(end) ? 0 : newerInARow + 1;
                if (newerInARow >= OUTSIDE_WINDOW_IN_A_ROW) {
                    return;
                }
            }
            if (head != null) {
                offerIfInWindow(head, continuation);
            }
            budget.addBytes(raw.count() - counted);
        }
    }

    private void offerIfInWindow(ParsedLine head, Continuation continuation) {
        if (head.time().isBefore(start) || !head.time().isBefore(end)) {
            return;
        }
        collector.offer(new LogEntry(head.time(), head.level(), continuation.joinedTo(head.text()), head.message(),
                head.errorType()));
    }

    /**
     * The lines without timestamp that belong to an entry, bounded in lines and characters. Kept are the
     * lines nearest the entry's first line: the exception message and the top frames say the most.
     */
    private static final class Continuation {
        private final Deque<String> lines = new ArrayDeque<>();
        private int chars;

        /** Reading backwards: the new line is above those kept, so the lowest ones go first. */
        void addAbove(String line) {
            lines.addFirst(line);
            chars += line.length();
            while (lines.size() > MAX_CONTINUATION_LINES || chars > MAX_CONTINUATION_CHARS) {
                chars -= lines.removeLast().length();
            }
        }

        /** Reading forwards: the new line is below those kept, and is dropped when there is no room. */
        void addBelow(String line) {
            if (lines.size() < MAX_CONTINUATION_LINES && chars + line.length() <= MAX_CONTINUATION_CHARS) {
                lines.addLast(line);
                chars += line.length();
            }
        }

        String joinedTo(String head) {
            if (lines.isEmpty()) {
                return head;
            }
            StringBuilder joined = new StringBuilder(head.length() + chars + lines.size());
            joined.append(head);
            lines.forEach(line -> joined.append('\n').append(line));
            return joined.toString();
        }

        void clear() {
            lines.clear();
            chars = 0;
        }
    }

    private String noTimestamp(Path file) {
        return source + ": " + file + ": no timestamp in " + MAX_UNDATED_LINES + " lines in a row; the file was "
                + "skipped (supported: ISO-8601, yyyy-MM-dd HH:mm:ss,SSS, syslog MMM dd HH:mm:ss, epoch seconds or "
                + "milliseconds, JSON lines with time/timestamp/@timestamp/ts)";
    }

    /** A search past its timeout is interrupted by {@link LogSources}: stop reading, do not finish quietly. */
    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new TextFilter.SearchCancelled();
        }
    }

    /** Counts the compressed bytes read from disk, the real cost of reading a gzip file. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        long count() {
            return count;
        }
    }
}
