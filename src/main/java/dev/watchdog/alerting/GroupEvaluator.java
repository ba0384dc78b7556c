package dev.watchdog.alerting;

import dev.watchdog.alerting.anomaly.AnomalyFigures;
import dev.watchdog.alerting.evaluation.GroupQueries;
import dev.watchdog.alerting.evaluation.QueryAnswer;
import dev.watchdog.db.StaleLeaseException;
import dev.watchdog.db.StoreException;
import dev.watchdog.ops.telemetry.Phase;
import dev.watchdog.ops.telemetry.Telemetry;
import dev.watchdog.prometheus.PrometheusException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation of one rule group at one time: its rules' queries (in rule order, batched if configured), then
 * every rule's step in the tracker and one store write, then Watchdog's own alerts, then the transitions to the
 * listener. A Prometheus that cannot be reached changes no alert of the group: missing data is not recovery.
 * Safe to run for several groups at once: the tracker, poll status and self-monitor lock their own state, and
 * deliveries to the listener go one at a time.
 */
final class GroupEvaluator {

    private static final Logger log = LoggerFactory.getLogger(RulePoller.class);

    private final GroupQueries queries;
    private final AlertTracker tracker;
    private final SelfMonitor selfMonitor;
    private final PollStatus status;
    private final RulePoller.PollObserver observer;
    private final TransitionDelivery delivery;

    GroupEvaluator(GroupQueries queries, AlertTracker tracker, SelfMonitor selfMonitor, PollStatus status,
            RulePoller.PollObserver observer, TransitionDelivery delivery) {
        this.queries = queries;
        this.tracker = tracker;
        this.selfMonitor = selfMonitor;
        this.status = status;
        this.observer = observer;
        this.delivery = delivery;
    }

    /** Evaluates {@code group} (null: none, Watchdog's own alerts only) at {@code now}. Never throws a failure of a rule. */
    void evaluate(RuleGroup group, Instant now) {
        List<AlertRule> rules = group == null ? List.of() : group.rules();
        try (Phase poll = Telemetry.get().phase("watchdog.poll")) {
            poll.set("watchdog.rule_groups", group == null ? "" : group.name()).set("watchdog.rules", rules.size());
            long started = System.nanoTime();
            Evaluation evaluation = new Evaluation(rules);
            if (!rules.isEmpty() && !evaluate(group, now, evaluation)) {
                return; // another replica leads now: it evaluates from here
            }
            poll.set("watchdog.series", evaluation.series).set("watchdog.errors", evaluation.errors)
                    .set("watchdog.prometheus_reached", evaluation.blindness == null)
                    .set("watchdog.transitions", evaluation.transitions.size());
            if (evaluation.blindness == null) {
                status.succeeded(now);
            } else {
                poll.failed(evaluation.blindness);
                status.failed(now, evaluation.blindness);
                log.warn("Prometheus poll failed; alert states are kept as they were: {}", evaluation.blindness);
            }
            evaluation.report(observer);
            try {
                evaluation.transitions.addAll(selfMonitor.evaluate(tracker, status.snapshot(), now));
            } catch (StoreException unavailable) {
                log.warn("Watchdog's own alerts could not be recorded; the next poll tries again: {}",
                        unavailable.getMessage());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            observer.polled(now, took, evaluation.blindness == null);
            if (group != null) {
                observer.groupEvaluated(group, now, took);
            }
            delivery.deliver(group == null ? SelfMonitor.GROUP : group.name(), rules.size(), took,
                    evaluation.transitions);
        }
    }

    /** False when this replica lost the lead on the way. */
    private boolean evaluate(RuleGroup group, Instant now, Evaluation evaluation) {
        // Prometheus 3's query_offset: the queries look that far back; the alerts' times stay now
        Instant queryTime = group.queryOffset() == null ? now : now.minus(group.queryOffset());
        List<QueryAnswer> answers = queries.run(group.rules().stream().map(AlertRule::query).toList(), queryTime);
        List<RuleSamples> results = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            AlertRule rule = group.rules().get(i);
            QueryAnswer answer = answers.get(i);
            if (answer == null) {
                continue;
            }
            if (answer.isBlind()) {
                evaluation.outcome(i, "unreachable");
                evaluation.blindness = answer.failure().getMessage();
            } else if (answer.failure() instanceof PrometheusException queryError) {
                evaluation.failed(i, queryError.getMessage(), selfMonitor);
            } else if (answer.failure() != null) {
                evaluation.errors++;
                evaluation.outcome(i, "error");
                log.error("rule {} failed unexpectedly", rule.name(), answer.failure());
            } else {
                evaluation.series += answer.samples().size();
                results.add(new RuleSamples(rule, answer.samples(), null));
                positions.add(i);
            }
        }
        if (evaluation.blindness != null) {
            return true; // nothing is known about the group's series: its alerts stay as they are
        }
        results = withFigures(results, queryTime);
        try {
            record(tracker.evaluateGroup(results, now, group.limit()), positions, evaluation);
        } catch (StoreException unavailable) {
            positions.forEach(position -> evaluation.outcome(position, "store_error"));
            log.warn("group {}: its alerts could not be recorded, so nothing is told; the next poll tries again: {}",
                    group.name(), unavailable.getMessage());
        } catch (StaleLeaseException lost) {
            log.warn("another replica took the lead during this poll; stopping it: {}", lost.getMessage());
            return false;
        }
        return true;
    }

    /** Each rule's outcome; {@code positions} are the rules' places in their group. */
    private void record(GroupOutcome outcome, List<Integer> positions, Evaluation evaluation) {
        for (int i = 0; i < outcome.rules().size(); i++) {
            GroupOutcome.RuleOutcome rule = outcome.rules().get(i);
            int index = positions.get(i);
            evaluation.transitions.addAll(rule.transitions());
            RuntimeException failure = rule.failure();
            if (failure == null) {
                selfMonitor.ruleSucceeded(rule.rule());
                evaluation.outcome(index, "ok");
            } else if (failure instanceof AlertLimitExceededException overLimit) {
                evaluation.outcome(index, "limit_exceeded");
                if (selfMonitor.limitExceeded(rule.rule(), overLimit)) {
                    log.warn("rule {} ({}): {}; its alerts are dropped, as Prometheus does", rule.rule().name(),
                            rule.rule().origin(), overLimit.getMessage());
                }
            } else if (failure instanceof RuleEvaluationException wrong) {
                evaluation.failed(index, wrong.getMessage(), selfMonitor);
            } else {
                evaluation.errors++;
                evaluation.outcome(index, "error");
                log.error("rule {} failed unexpectedly", rule.rule().name(), failure);
            }
        }
    }

    /**
     * Anomaly rules' figures, queried only for rules that returned series and whose annotations show them (see
     * {@link AnomalyFigures}); in one batch with the others' when batching is on. Without them an alert still comes,
     * its figures NaN.
     */
    private List<RuleSamples> withFigures(List<RuleSamples> results, Instant queryTime) {
        List<Integer> needing = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            AlertRule rule = results.get(i).rule();
            if (rule.isAnomaly() && !results.get(i).samples().isEmpty()
                    && AnomalyFigures.usedBy(rule.annotations().values())) {
                needing.add(i);
            }
        }
        List<QueryAnswer> answers = needing.isEmpty() ? List.of()
                : queries.run(needing.stream().map(i -> results.get(i).rule().figures()).toList(), queryTime);
        List<RuleSamples> withFigures = new ArrayList<>(results);
        for (int i = 0; i < results.size(); i++) {
            RuleSamples result = results.get(i);
            if (result.rule().isAnomaly()) {
                int asked = needing.indexOf(i);
                withFigures.set(i, new RuleSamples(result.rule(), result.samples(),
                        asked < 0 ? AnomalyFigures.UNKNOWN : figures(result.rule(), answers.get(asked))));
            }
        }
        return withFigures;
    }

    private static Function<Map<String, String>, Map<String, Double>> figures(AlertRule rule, QueryAnswer answer) {
        if (answer != null && answer.failure() == null) {
            return AnomalyFigures.of(answer.samples());
        }
        String why = answer == null ? "Prometheus could not be reached" : answer.failure().getMessage();
        log.warn("rule {} ({}): its figures could not be read; its annotations show NaN: {}", rule.name(),
                rule.origin(), why, answer == null ? null : answer.failure());
        return AnomalyFigures.UNKNOWN;
    }

    /** What one evaluation found, reported once it is over: rule outcomes in rule order, then the poll. */
    private static final class Evaluation {
        final List<AlertRule> rules;
        final String[] outcomes;
        final List<AlertTransition> transitions = new ArrayList<>();
        long series;
        long errors;
        String blindness;

        Evaluation(List<AlertRule> rules) {
            this.rules = rules;
            this.outcomes = new String[rules.size()];
        }

        void outcome(int index, String outcome) {
            outcomes[index] = outcome;
        }

        void failed(int index, String error, SelfMonitor selfMonitor) {
            errors++;
            outcome(index, "query_error");
            AlertRule rule = rules.get(index);
            if (selfMonitor.ruleFailed(rule, error)) {
                log.warn("rule {} ({}) cannot be evaluated; its alerts are frozen until it can: {}", rule.name(),
                        rule.origin(), error);
            }
        }

        void report(RulePoller.PollObserver observer) {
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] != null) {
                    observer.ruleEvaluated(rules.get(i), outcomes[i]);
                }
            }
        }
    }
}
