package dev.watchdog.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what a poller reports, in order: {@code Rule:outcome} per rule, {@code poll:true|false} per evaluation,
 * {@code group@time} per group evaluation and the groups whose tick was skipped. Safe with concurrent groups.
 */
final class RecordingPollObserver implements RulePoller.PollObserver {

    final List<String> outcomes = new CopyOnWriteArrayList<>();
    final List<String> evaluated = new CopyOnWriteArrayList<>();
    final List<String> missed = new CopyOnWriteArrayList<>();

    @Override
    public void polled(Instant at, Duration took, boolean reachedPrometheus) {
        outcomes.add("poll:" + reachedPrometheus);
    }

    @Override
    public void ruleEvaluated(AlertRule rule, String outcome) {
        outcomes.add(rule.name() + ":" + outcome);
    }

    @Override
    public void groupEvaluated(RuleGroup group, Instant at, Duration took) {
        evaluated.add(group.name() + "@" + at);
    }

    @Override
    public void groupIterationMissed(RuleGroup group) {
        missed.add(group.name());
    }
}
