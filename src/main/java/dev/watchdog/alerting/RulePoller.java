package dev.watchdog.alerting;

import dev.watchdog.alerting.anomaly.AnomalyFigures;
import dev.watchdog.concurrent.Workers;
import dev.watchdog.db.StaleLeaseException;
import dev.watchdog.db.StoreException;
import dev.watchdog.ops.telemetry.Phase;
import dev.watchdog.ops.telemetry.Telemetry;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Evaluates every rule group at its interval. A poll that cannot reach Prometheus changes no
 * alert: missing data is not recovery, and not a reason to fire either.
 */
public final class RulePoller {

    private static final Logger log = LoggerFactory.getLogger(RulePoller.class);

    /** Observes each poll, e.g. for metrics and readiness. */
    public interface PollObserver {
        void polled(Instant at, Duration took, boolean reachedPrometheus);

        void ruleEvaluated(AlertRule rule, String outcome);
    }

    private final List<RuleGroup> groups;
    private final Duration defaultInterval;
    private final RuleQuery query;
    private final AlertTracker tracker;
    private final SelfMonitor selfMonitor;
    private final AlertListener listener;
    private final PollStatus status;
    private final PollObserver observer;
    private final Clock clock;

    public RulePoller(List<RuleGroup> groups, Duration defaultInterval, RuleQuery query, AlertTracker tracker,
            SelfMonitor selfMonitor, AlertListener listener, PollStatus status, PollObserver observer, Clock clock) {
        this.groups = List.copyOf(groups);
        this.defaultInterval = defaultInterval;
        this.query = query;
        this.tracker = tracker;
        this.selfMonitor = selfMonitor;
        this.listener = listener;
        this.status = status;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * Evaluates each group at its own interval on {@code scheduler}, starting now, while
     * {@code leads} says this replica is the one that polls.
     */
    public void start(ScheduledExecutorService scheduler, BooleanSupplier leads) {
        if (groups.isEmpty()) {
            scheduler.scheduleAtFixedRate(() -> Workers.runLogged("poll", () -> {
                if (leads.getAsBoolean()) {
                    pollGroups(List.of());
                }
            }), 0, defaultInterval.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        // One start for every group: groups due at the same moment evaluate at the same time, one poll.
        Instant start = clock.instant();
        for (RuleGroup group : groups) {
            Duration interval = group.interval() != null ? group.interval() : defaultInterval;
            // An exception escaping a tick would end the schedule for good: polls would silently stop.
            scheduler.scheduleAtFixedRate(() -> Workers.runLogged("poll of group " + group.name(), () -> {
                if (leads.getAsBoolean()) {
                    pollGroups(List.of(group), aligned(start, interval));
                }
            }), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The evaluation time of this tick: the start plus a whole number of intervals, as Prometheus
     * evaluates at exact multiples. Timer jitter would otherwise make {@code for: 3s} with a 1s
     * interval measure 2.999s at the third tick, and fire one poll late.
     */
    private Instant aligned(Instant start, Duration interval) {
        long ticks = Math.round((double) Duration.between(start, clock.instant()).toMillis() / interval.toMillis());
        return start.plus(interval.multipliedBy(Math.max(0, ticks)));
    }

    /** One evaluation of the given groups at the clock's current time. Never throws. */
    public void pollGroups(List<RuleGroup> toPoll) {
        pollGroups(toPoll, clock.instant());
    }

    private void pollGroups(List<RuleGroup> toPoll, Instant now) {
        try (Phase poll = Telemetry.get().phase("watchdog.poll")) {
            poll.set("watchdog.rule_groups", String.join(",", toPoll.stream().map(RuleGroup::name).toList()))
                    .set("watchdog.rules", toPoll.stream().mapToLong(group -> group.rules().size()).sum());
            evaluate(toPoll, now, poll);
        }
    }

    private void evaluate(List<RuleGroup> toPoll, Instant now, Phase poll) {
        long started = System.nanoTime();
        long series = 0;
        long errors = 0;
        boolean reached = true;
        String error = null;
        List<AlertTransition> transitions = new ArrayList<>();
        for (RuleGroup group : toPoll) {
            for (AlertRule rule : group.rules()) {
                try {
                    // Prometheus 3's query_offset: the query looks that far back; the alert's times stay now
                    Instant queryTime = group.queryOffset() == null ? now : now.minus(group.queryOffset());
                    List<Sample> samples = query.query(rule.query(), queryTime);
                    series += samples.size();
                    transitions.addAll(tracker.evaluate(rule, samples, figures(rule, samples, queryTime), now,
                            group.limit()));
                    selfMonitor.ruleSucceeded(rule);
                    observer.ruleEvaluated(rule, "ok");
                } catch (AlertLimitExceededException overLimit) {
                    transitions.addAll(overLimit.transitions());
                    observer.ruleEvaluated(rule, "limit_exceeded");
                    if (selfMonitor.limitExceeded(rule, overLimit)) {
                        log.warn("rule {} ({}): {}; its alerts are dropped, as Prometheus does", rule.name(),
                                rule.origin(), overLimit.getMessage());
                    }
                } catch (RuleEvaluationException failure) {
                    errors++;
                    ruleFailed(rule, failure.getMessage());
                } catch (PrometheusException failure) {
                    if (failure.isQueryError()) {
                        errors++;
                        ruleFailed(rule, failure.getMessage());
                        continue;
                    }
                    observer.ruleEvaluated(rule, "unreachable");
                    reached = false;
                    error = failure.getMessage();
                    break; // the next rules would fail the same way; their alerts stay as they are
                } catch (StoreException unavailable) {
                    observer.ruleEvaluated(rule, "store_error");
                    log.warn("rule {}: its alerts could not be recorded, so nothing is told; the next poll tries"
                            + " again: {}", rule.name(), unavailable.getMessage());
                    break;
                } catch (StaleLeaseException lost) {
                    log.warn("another replica took the lead during this poll; stopping it: {}", lost.getMessage());
                    return;
                } catch (RuntimeException unexpected) {
                    errors++;
                    observer.ruleEvaluated(rule, "error");
                    log.error("rule {} failed unexpectedly", rule.name(), unexpected);
                }
            }
            if (!reached) {
                break;
            }
        }
        poll.set("watchdog.series", series).set("watchdog.errors", errors).set("watchdog.prometheus_reached", reached)
                .set("watchdog.transitions", transitions.size());
        if (reached) {
            status.succeeded(now);
        } else {
            poll.failed(error);
            status.failed(now, error);
            log.warn("Prometheus poll failed; alert states are kept as they were: {}", error);
        }
        try {
            transitions.addAll(selfMonitor.evaluate(tracker, status.snapshot(), now));
        } catch (StoreException unavailable) {
            log.warn("Watchdog's own alerts could not be recorded; the next poll tries again: {}",
                    unavailable.getMessage());
        }
        observer.polled(now, Duration.ofNanos(System.nanoTime() - started), reached);
        if (!transitions.isEmpty()) {
            deliver(transitions);
        }
    }

    /**
     * An anomaly rule's figures, queried only when it returned series and its annotations show them (see
     * {@link AnomalyFigures}); null for other rules. Without them the alert still comes, its figures NaN.
     */
    private Function<Map<String, String>, Map<String, Double>> figures(AlertRule rule, List<Sample> samples,
            Instant queryTime) {
        if (!rule.isAnomaly()) {
            return null;
        }
        if (samples.isEmpty() || !AnomalyFigures.usedBy(rule.annotations().values())) {
            return AnomalyFigures.UNKNOWN;
        }
        try {
            return AnomalyFigures.of(query.query(rule.figures(), queryTime));
        } catch (RuntimeException failure) {
            log.warn("rule {} ({}): its figures could not be read; its annotations show NaN: {}", rule.name(),
                    rule.origin(), failure.getMessage(), failure);
            return AnomalyFigures.UNKNOWN;
        }
    }

    private void ruleFailed(AlertRule rule, String error) {
        observer.ruleEvaluated(rule, "query_error");
        if (selfMonitor.ruleFailed(rule, error)) {
            log.warn("rule {} ({}) cannot be evaluated; its alerts are frozen until it can: {}", rule.name(),
                    rule.origin(), error);
        }
    }

    private void deliver(List<AlertTransition> transitions) {
        for (AlertTransition transition : transitions) {
            MDC.put("alert", transition.alert().fingerprint());
            log.info("alert {} {}", transition.alert().ruleName(), transition.kind().name().toLowerCase());
            MDC.remove("alert");
        }
        try {
            listener.onTransitions(transitions);
        } catch (RuntimeException failure) {
            log.error("alert listener failed", failure);
        }
    }

}
