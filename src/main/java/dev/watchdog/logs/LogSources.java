package dev.watchdog.logs;

import dev.watchdog.concurrent.Threads;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;

/**
 * Every configured log source behind one search: the sources are asked in parallel, each with its own
 * timeout, and their results added up. A source that fails, throws or does not answer in time never
 * breaks the search: it becomes a line in {@link LogSearchResult#failures()}.
 *
 * <p>At most {@link #MAX_PARALLEL} sources are searched at once, on daemon threads owned by this object.
 * Configured secrets are masked in everything returned, on top of the standard redaction.
 */
public final class LogSources implements LogSearch, AutoCloseable {

    static final int MAX_PARALLEL = 4;
    /** Remote sources enforce the timeout themselves; this margin lets their own, clearer message win. */
    private static final Duration MAX_GRACE = Duration.ofMillis(500);

    private final List<LogSource> sources;
    private final Duration timeout;
    private final Clock clock;
    private final Redactor redactor;
    private final Duration grace;
    private final ExecutorService executor;

    public LogSources(List<LogSource> sources, Duration timeout, Clock clock, Redactor redactor) {
        this.sources = List.copyOf(sources);
        this.timeout = timeout;
        this.clock = clock;
        this.redactor = redactor;
        this.grace = timeout.compareTo(MAX_GRACE) < 0 ? timeout : MAX_GRACE;
        this.executor = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_PARALLEL, sources.size())),
                Threads.named("log-search"));
    }

    /** The sources of the {@code logs:} section; HTTP sources share {@link SharedHttpClient}'s pool. */
    public static LogSources from(LogsSettings settings, Clock clock) {
        return from(settings, clock, SharedHttpClient.get());
    }

    static LogSources from(LogsSettings settings, Clock clock, OkHttpClient http) {
        List<LogSource> sources = new ArrayList<>();
        for (LogsSettings.Source source : settings.sources()) {
            if (source instanceof LogsSettings.FileSource file) {
                sources.add(new FileLogSource(file.name(), file.paths(), file.format(), settings.maxLines(),
                        settings.maxBytes(), clock));
            } else if (source instanceof LogsSettings.LokiSource loki) {
                sources.add(new LokiLogSource(loki, settings.timeout(), http, clock));
            } else if (source instanceof LogsSettings.ElasticsearchSource es) {
                sources.add(new ElasticsearchLogSource(es, settings.timeout(), http, clock));
            }
        }
        return new LogSources(sources, settings.timeout(), clock, Redactor.standard().alsoMasking(settings.secrets()));
    }

    public List<LogSource> sources() {
        return sources;
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    @Override
    public LogSearchResult search(LogQuery query) {
        return search(query, null, null);
    }

    /**
     * Searches one source, or all when {@code sourceName} is null or blank; {@code file} (a file source's
     * file, by absolute path or name) narrows a file source to that file and is refused anywhere else.
     * A name or file that does not exist is a failure in the result that lists what does.
     */
    public LogSearchResult search(LogQuery query, String sourceName, String file) {
        // One "now" for every source, so that their windows are the same.
        LogQuery bounded = query.endingAtIfOpen(clock.instant());
        if (sources.isEmpty()) {
            return LogSearchResult.failed(bounded, "no log sources are configured (add them under logs.sources)");
        }
        List<LogSource> chosen = sources;
        if (sourceName != null && !sourceName.isBlank()) {
            chosen = sources.stream().filter(source -> source.name().equals(sourceName.strip())).toList();
            if (chosen.isEmpty()) {
                return masked(LogSearchResult.failed(bounded, "there is no log source named \"" + sourceName
                        + "\" (configured: " + names(sources) + ")"));
            }
        }
        boolean oneFile = file != null && !file.isBlank();
        List<LogSource> fileSources = chosen.stream().filter(FileLogSource.class::isInstance).toList();
        if (oneFile && fileSources.isEmpty()) {
            return masked(LogSearchResult.failed(bounded, "a file can only be searched in a file source (file sources: "
                    + (sources.stream().anyMatch(FileLogSource.class::isInstance)
                            ? names(sources.stream().filter(FileLogSource.class::isInstance).toList()) : "none") + ")"));
        }
        List<LogSource> searched = oneFile ? fileSources : chosen;
        List<Future<LogSearchResult>> futures = new ArrayList<>();
        for (LogSource source : searched) {
            futures.add(executor.submit(() -> oneFile ? ((FileLogSource) source).search(bounded, file)
                    : source.search(bounded)));
        }
        List<LogSearchResult> results = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.plus(grace).toNanos();
        for (int i = 0; i < searched.size(); i++) {
            results.add(await(searched.get(i), futures.get(i), bounded, deadline));
        }
        return masked(LogSearchResult.merge(bounded, results));
    }

    private static String names(List<LogSource> sources) {
        return String.join(", ", sources.stream().map(LogSource::name).toList());
    }

    /** Problems found by one cheap call to each source; empty when every source works. */
    public List<String> checkCredentials() {
        List<Future<List<String>>> futures = new ArrayList<>();
        for (LogSource source : sources) {
            futures.add(executor.submit((Callable<List<String>>) source::checkCredentials));
        }
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.plus(grace).toNanos();
        for (int i = 0; i < sources.size(); i++) {
            LogSource source = sources.get(i);
            try {
                problems.addAll(futures.get(i).get(remaining(deadline), TimeUnit.NANOSECONDS));
            } catch (TimeoutException late) {
                futures.get(i).cancel(true);
                problems.add(source.describe() + ": no answer within " + FailureText.duration(timeout));
            } catch (ExecutionException | CancellationException failed) {
                problems.add(source.describe() + ": the check failed: " + reason(failed));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                problems.add(source.describe() + ": the check was interrupted");
            }
        }
        return problems.stream().map(redactor::redact).toList();
    }

    private LogSearchResult await(LogSource source, Future<LogSearchResult> future, LogQuery query, long deadline) {
        try {
            return future.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            // Interrupting stops file reads and regex scans; HTTP calls end at their own timeout.
            future.cancel(true);
            return LogSearchResult.failed(query, source.describe() + ": no result within "
                    + FailureText.duration(timeout) + " (logs.timeout); left out of this search");
        } catch (ExecutionException failed) {
            return LogSearchResult.failed(query, source.describe() + ": the search failed: " + reason(failed));
        } catch (CancellationException cancelled) {
            return LogSearchResult.failed(query, source.describe() + ": the search was cancelled");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return LogSearchResult.failed(query, source.describe() + ": the search was interrupted");
        }
    }

    /** Configured passwords and keys are masked too, whatever their shape. */
    private LogSearchResult masked(LogSearchResult result) {
        return new LogSearchResult(result.query(), result.totalMatches(), result.countsByLevel(),
                result.topErrorTypes().stream()
                        .map(type -> new LogSearchResult.ErrorTypeCount(redactor.redact(type.errorType()), type.count()))
                        .toList(),
                result.samples().stream()
                        .map(line -> new LogSearchResult.LogLine(line.time(), line.source(), line.level(),
                                redactor.redact(line.text())))
                        .toList(),
                result.linesScanned(), result.bytesRead(),
                result.limits().stream().map(redactor::redact).toList(),
                result.failures().stream().map(redactor::redact).toList(),
                result.groups().stream().map(this::masked).toList());
    }

    private LogGroup masked(LogGroup group) {
        return new LogGroup(redactor.redact(group.template()), group.level(),
                group.errorType() == null ? null : redactor.redact(group.errorType()), group.count(), group.first(),
                group.last(), redactor.redact(group.example()), group.fields().stream()
                        .map(field -> new LogGroup.Field(redactor.redact(field.name()), field.distinct(), field.capped(),
                                field.top().stream().map(value -> new LogGroup.ValueCount(
                                        redactor.redact(value.value()), value.count())).toList()))
                        .toList());
    }

    private static String reason(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TextFilter.SearchCancelled) {
            return "it ran past the timeout";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }


    @Override
    public void close() {
        executor.shutdownNow();
    }
}
