package dev.watchdog.deploys;

import dev.watchdog.concurrent.Threads;
import dev.watchdog.config.Durations;
import dev.watchdog.deploys.DeploymentsSettings.ArgoCdSource;
import dev.watchdog.deploys.DeploymentsSettings.FileSource;
import dev.watchdog.deploys.DeploymentsSettings.GitHubSource;
import dev.watchdog.deploys.DeploymentsSettings.UrlSource;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configured deployment source asked at once: "what changed?" for the agent and for the
 * summary without an LLM. All sources are queried in parallel, each within the timeout; the
 * answers are merged newest first and capped. A source that fails or hangs becomes a line of text
 * in {@link DeploymentLookup#failures()}: one broken source never breaks a lookup.
 *
 * <p>Thread-safe. Worker threads are daemons that end when idle, so nothing needs closing.
 */
public final class DeploymentSources {

    private static final Logger log = LoggerFactory.getLogger(DeploymentSources.class);

    /** Extra wait beyond the timeout, so a source's own timeout message (naming its URL) usually wins. */
    static final Duration GRACE = Duration.ofMillis(500);

    private static final Comparator<Deployment> NEWEST_FIRST = Comparator.comparing(Deployment::time).reversed()
            .thenComparing(Deployment::source)
            .thenComparing(Deployment::service);

    private final List<DeploymentSource> sources;
    private final Duration timeout;
    private final int maxResults;
    private final Clock clock;
    private final Redactor redactor;
    private final ExecutorService workers;

    public DeploymentSources(List<DeploymentSource> sources, Duration timeout, int maxResults, Clock clock) {
        this(sources, timeout, maxResults, clock, Redactor.standard());
    }

    /** @param redactor applied to every failure text, so configured secrets never reach the model or the log */
    public DeploymentSources(List<DeploymentSource> sources, Duration timeout, int maxResults, Clock clock,
            Redactor redactor) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("deployment lookup timeout must be positive, was " + timeout);
        }
        if (maxResults < 1) {
            throw new IllegalArgumentException("max results must be at least 1, was " + maxResults);
        }
        this.sources = List.copyOf(sources);
        this.timeout = timeout;
        this.maxResults = maxResults;
        this.clock = clock;
        this.redactor = redactor;
        this.workers = Executors.newCachedThreadPool(Threads.named("deployment-source"));
    }

    /** Builds every configured source on the process' shared HTTP client. */
    public static DeploymentSources from(DeploymentsSettings settings, Clock clock) {
        return from(settings, clock, SharedHttpClient.get());
    }

    static DeploymentSources from(DeploymentsSettings settings, Clock clock, OkHttpClient shared) {
        List<DeploymentSource> sources = new ArrayList<>();
        for (DeploymentsSettings.Source source : settings.sources()) {
            sources.add(create(source, settings, shared));
        }
        return new DeploymentSources(sources, settings.timeout(), settings.maxResults(), clock,
                Redactor.standard().alsoMasking(settings.secrets()));
    }

    private static DeploymentSource create(DeploymentsSettings.Source source, DeploymentsSettings settings,
            OkHttpClient shared) {
        if (source instanceof GitHubSource github) {
            return new GitHubDeploymentSource(github.name(), github.url(), github.token(),
                    github.repositories().stream().map(repository -> new GitHubDeploymentSource.Repository(
                            repository.repo(), repository.service(), repository.environment())).toList(),
                    settings.timeout(), settings.maxResults(), shared);
        }
        if (source instanceof ArgoCdSource argo) {
            return new ArgoCdDeploymentSource(argo.name(), argo.url(), argo.token(),
                    argo.applications().stream().map(application -> new ArgoCdDeploymentSource.Application(
                            application.name(), application.namespace(), application.service(),
                            application.environment())).toList(),
                    settings.timeout(), shared);
        }
        if (source instanceof UrlSource url) {
            return new UrlDeploymentSource(url.name(), url.url(),
                    PeerAuth.tokenOrBasic(url.token(), url.username(), url.password())
                            .withHeaders(url.headers()), url.items(),
                    FieldMapping.of(url.fields()), settings.timeout(), shared);
        }
        FileSource file = (FileSource) source;
        return new FileDeploymentSource(file.name(), file.path(), FieldMapping.of(file.fields()));
    }

    public List<String> names() {
        return sources.stream().map(DeploymentSource::name).toList();
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /**
     * Deployments of {@code service} (null or blank: all) in the last {@code lookback}, newest first,
     * at most max-results of them, with a line per source that could not be read.
     */
    public DeploymentLookup recent(String service, Duration lookback) {
        if (lookback == null || lookback.isZero() || lookback.isNegative()) {
            throw new IllegalArgumentException("lookback must be positive, was " + lookback);
        }
        if (sources.isEmpty()) {
            return new DeploymentLookup(List.of(), List.of("no deployment sources are configured, so recent "
                    + "deployments are unknown"));
        }
        Instant now = clock.instant();
        List<Future<DeploymentLookup>> answers = new ArrayList<>();
        for (DeploymentSource source : sources) {
            answers.add(workers.submit(() -> source.lookup(service, lookback, now)));
        }
        // Real time, not the injected clock: the clock says which window to ask for, this bounds the wait.
        long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
        List<Deployment> deployments = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            DeploymentSource source = sources.get(i);
            try {
                DeploymentLookup answer = answers.get(i).get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                deployments.addAll(answer.deployments());
                answer.failures().forEach(failure -> failures.add(redactor.redact(failure)));
            } catch (TimeoutException slow) {
                answers.get(i).cancel(true);
                failures.add(source.name() + ": no answer within " + Durations.format(timeout));
            } catch (ExecutionException failed) {
                failures.add(redactor.redact(describe(source, failed.getCause())));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                answers.forEach(answer -> answer.cancel(true));
                failures.add(source.name() + ": lookup interrupted");
                break;
            } catch (CancellationException cancelled) {
                failures.add(source.name() + ": lookup cancelled");
            }
        }
        failures.forEach(failure -> log.warn("Deployment lookup: {}", failure));
        deployments.sort(NEWEST_FIRST);
        return new DeploymentLookup(deployments.subList(0, Math.min(maxResults, deployments.size())), failures);
    }

    /**
     * For {@code check-config}: every source's own cheap check, run in parallel. Each HTTP request
     * is bounded by the source's timeout, so this waits without a deadline of its own.
     */
    public List<String> checkCredentials() {
        List<Future<List<String>>> checks = new ArrayList<>();
        for (DeploymentSource source : sources) {
            checks.add(workers.submit(source::checkCredentials));
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            try {
                checks.get(i).get().forEach(problem -> problems.add(redactor.redact(problem)));
            } catch (ExecutionException failed) {
                problems.add(redactor.redact(describe(sources.get(i), failed.getCause())));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                problems.add(sources.get(i).name() + ": check interrupted");
                break;
            }
        }
        return problems;
    }

    /** Expected failures carry their own message; anything else is named without a stack trace. */
    private static String describe(DeploymentSource source, Throwable cause) {
        if (cause instanceof DeploymentSourceException) {
            return cause.getMessage();
        }
        log.debug("Deployment source {} failed unexpectedly", source.name(), cause);
        return source.name() + ": failed unexpectedly (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
    }

}
