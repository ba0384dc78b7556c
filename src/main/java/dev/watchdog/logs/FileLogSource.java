package dev.watchdog.logs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Searches local log files: only those matching the configured paths and globs, with their rotated
 * siblings (see {@link LogFiles}). Plain files are read from the end backwards and reading stops once
 * entries are older than the window, so the cost of a search is the size of the window, not of the
 * file. Gzip files are read whole, and skipped when last modified before the window began.
 *
 * <p>Every search is bounded by a maximum of lines and bytes; when one is reached the result says so.
 * Thread-safe: each search has its own state.
 */
public final class FileLogSource implements LogSource {

    private final String name;
    private final LogFiles files;
    private final LineParser.Format format;
    private final long maxLines;
    private final long maxBytes;
    private final Clock clock;

    /**
     * @param patterns absolute paths or globs ({@code /var/log/app/*.log})
     * @param format   {@code auto}, {@code json} or {@code text}
     * @param clock    "now" for open-ended searches, the zone for timestamps without one, the year of syslog dates
     */
    public FileLogSource(String name, List<String> patterns, String format, long maxLines, long maxBytes, Clock clock) {
        this.name = name;
        this.files = new LogFiles(name, patterns);
        this.format = LineParser.Format.valueOf(format.toUpperCase(Locale.ROOT));
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return name + " (files " + String.join(", ", files.patterns()) + ")";
    }

    @Override
    public LogSearchResult search(LogQuery query) {
        return search(query, null);
    }

    /**
     * Searches one file only, when {@code file} names one of this source's files (an absolute path, or
     * just a file name such as {@code app.log.1}); any other path is refused in the result's failures.
     * Null or blank searches every file.
     */
    public LogSearchResult search(LogQuery query, String file) {
        LogQuery bounded = query.endingAtIfOpen(clock.instant());
        LogFiles.Resolution resolution = files.resolve(file);
        MatchCollector collector = new MatchCollector(name, bounded);
        ScanBudget budget = new ScanBudget(maxLines, maxBytes);
        LineParser parser = new LineParser(format, clock.getZone(), clock.instant());
        FileScanner scanner = new FileScanner(name, parser, collector, budget, bounded);
        List<String> limits = new ArrayList<>();
        List<String> failures = new ArrayList<>(resolution.problems());
        for (Path path : resolution.files()) {
            if (budget.exhausted()) {
                break;
            }
            try {
                if (isGzip(path)) {
                    // A gzip file cannot be read backwards; when it was last written before the window
                    // began, none of its entries can be in the window.
                    if (LogFiles.modified(path).toInstant().isBefore(bounded.start())) {
                        continue;
                    }
                    scanner.scanGzip(path);
                } else {
                    scanner.scanBackwards(path);
                }
                if (scanner.note() != null) {
                    limits.add(scanner.note());
                }
            } catch (IOException e) {
                failures.add(name + ": cannot read " + path + ": " + describe(e));
            }
        }
        if (budget.exhausted()) {
            limits.add(name + ": " + budget.reason()
                    + (scanner.reached() == null ? "" : "; entries before " + scanner.reached() + " were not searched"));
        }
        return collector.toResult(bounded, budget.lines(), budget.bytes(), limits, failures);
    }

    /** Whether the configured files exist and can be read: the file source's "credentials". */
    @Override
    public List<String> checkCredentials() {
        LogFiles.Resolution resolution = files.resolve();
        List<String> problems = new ArrayList<>(resolution.problems());
        for (Path path : resolution.files()) {
            if (!Files.isReadable(path)) {
                problems.add(name + ": cannot read " + path + " (permission denied; run Watchdog as a user that may "
                        + "read it, e.g. in the adm group)");
            }
        }
        return problems;
    }

    private static boolean isGzip(Path path) {
        return path.getFileName().toString().endsWith(".gz");
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "the file is gone (rotated away during the search?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
