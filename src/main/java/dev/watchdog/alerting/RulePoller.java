package dev.watchdog.alerting;

import dev.watchdog.alerting.evaluation.GroupQueries;
import dev.watchdog.concurrent.Workers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule group at its own interval, as Prometheus does: each group at its aligned times and its
 * rules one after another in order, different groups at the same time on a bounded pool. A group whose previous
 * evaluation is still running (or still waiting for a thread) when its next tick comes skips that tick. A poll that
 * cannot reach Prometheus changes no alert of the group: missing data is not recovery, and not a reason to fire.
 */
public final class RulePoller {

    private static final Logger log = LoggerFactory.getLogger(RulePoller.class);

    /** Observes each evaluation, e.g. for metrics and readiness. Called from several threads at once. */
    public interface PollObserver {
        void polled(Instant at, Duration took, boolean reachedPrometheus);

        void ruleEvaluated(AlertRule rule, String outcome);

        /** One evaluation of {@code group} at its aligned time {@code at} ended after {@code took}. */
        default void groupEvaluated(RuleGroup group, Instant at, Duration took) {
        }

        /** A tick of {@code group} came while its previous evaluation was still running, and was skipped. */
        default void groupIterationMissed(RuleGroup group) {
        }
    }

    private final List<RuleGroup> groups;
    private final Duration defaultInterval;
    private final GroupEvaluator evaluator;
    private final PollObserver observer;
    private final Executor pool;
    private final Clock clock;
    private final Map<RuleGroup, GroupTicks> ticks = new IdentityHashMap<>();

    /** Evaluates groups on the calling thread, one query per rule: for tests and tools that poll by hand. */
    public RulePoller(List<RuleGroup> groups, Duration defaultInterval, RuleQuery query, AlertTracker tracker,
            SelfMonitor selfMonitor, AlertListener listener, PollStatus status, PollObserver observer, Clock clock) {
        this(groups, defaultInterval, new GroupQueries(query, false), tracker, selfMonitor, listener, status, observer,
                clock, Runnable::run);
    }

    /**
     * @param queries how the rules' queries are asked (one by one, or batched)
     * @param pool    where groups evaluate; its size bounds how many evaluate (and query Prometheus) at once
     */
    public RulePoller(List<RuleGroup> groups, Duration defaultInterval, GroupQueries queries, AlertTracker tracker,
            SelfMonitor selfMonitor, AlertListener listener, PollStatus status, PollObserver observer, Clock clock,
            Executor pool) {
        this.groups = List.copyOf(groups);
        this.defaultInterval = defaultInterval;
        this.evaluator = new GroupEvaluator(queries, tracker, selfMonitor, status, observer,
                new TransitionDelivery(listener));
        this.observer = observer;
        this.pool = pool;
        this.clock = clock;
        this.groups.forEach(group -> ticks.put(group, new GroupTicks(group)));
    }

    /**
     * Ticks each group at its own interval on {@code scheduler}, starting now, while {@code leads} says this
     * replica is the one that polls; the evaluations run on the pool.
     */
    public void start(ScheduledExecutorService scheduler, BooleanSupplier leads) {
        if (groups.isEmpty()) {
            scheduler.scheduleAtFixedRate(() -> Workers.runLogged("poll", () -> {
                if (leads.getAsBoolean()) {
                    evaluator.evaluate(null, clock.instant());
                }
            }), 0, defaultInterval.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        // One start for every group: groups due at the same moment evaluate at the same time, one poll.
        Instant start = clock.instant();
        for (RuleGroup group : groups) {
            Duration interval = interval(group);
            // An exception escaping a tick would end the schedule for good: polls would silently stop.
            scheduler.scheduleAtFixedRate(() -> Workers.runLogged("poll of group " + group.name(), () -> {
                if (leads.getAsBoolean()) {
                    tick(group, aligned(start, interval));
                }
            }), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Duration interval(RuleGroup group) {
        return group.interval() != null ? group.interval() : defaultInterval;
    }

    /** A tick of {@code group} (one of this poller's) at its aligned time: its evaluation starts on the pool, or is skipped. */
    void tick(RuleGroup group, Instant at) {
        ticks.get(group).tick(at);
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

    /**
     * One evaluation of the given groups at the clock's current time, concurrently on the pool; returns when all
     * are done. Never throws a rule's or a group's failure.
     */
    public void pollGroups(List<RuleGroup> toPoll) {
        Instant now = clock.instant();
        if (toPoll.isEmpty()) {
            evaluator.evaluate(null, now);
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (RuleGroup group : toPoll) {
            running.add(CompletableFuture.runAsync(() -> Workers.runLogged("poll of group " + group.name(),
                    () -> evaluator.evaluate(group, now)), pool));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }

    /** One group's ticks: an evaluation at a time, a tick that finds one running skipped and counted. */
    private final class GroupTicks {
        private final RuleGroup group;
        private final AtomicBoolean running = new AtomicBoolean();
        private long missedInARow;

        GroupTicks(RuleGroup group) {
            this.group = group;
        }

        /** Called from one thread (the scheduler's) at a time. */
        synchronized void tick(Instant at) {
            if (!running.compareAndSet(false, true)) {
                observer.groupIterationMissed(group);
                if (missedInARow++ == 0) {
                    log.warn("group {}: its evaluation is still running at its next tick ({}); ticks are skipped"
                            + " until it ends, as Prometheus does (watchdog_rule_group_iterations_missed_total)."
                            + " Raise prometheus.max-concurrent-queries, the group's interval, or split the group",
                            group.name(), at);
                }
                return;
            }
            if (missedInARow > 0) {
                log.info("group {} is on time again after {} skipped ticks of {}", group.name(), missedInARow,
                        interval(group));
                missedInARow = 0;
            }
            try {
                pool.execute(() -> {
                    try {
                        Workers.runLogged("poll of group " + group.name(), () -> evaluator.evaluate(group, at));
                    } finally {
                        running.set(false);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                running.set(false);
            }
        }
    }
}
