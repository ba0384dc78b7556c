package dev.watchdog.alerting;

import dev.watchdog.alerting.anomaly.AnomalyFigures;
import dev.watchdog.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The alerts of one rule, stepped forward one evaluation at a time with Prometheus' semantics:
 * every series the expression returns is an alert; it is pending until {@code for} has elapsed,
 * then firing; when its series vanishes it resolves (after {@code keep_firing_for}); a resolved
 * alert whose series comes back is a new occurrence.
 */
public final class RuleStateMachine {

    /** Prometheus keeps resolved alerts this long; so do we, to answer "what just resolved?". */
    static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    private final AlertRule rule;
    private final AlertTemplates templates;
    private final Map<String, AlertInstance> alerts = new LinkedHashMap<>();

    public RuleStateMachine(AlertRule rule, AlertTemplates templates) {
        this.rule = rule;
        this.templates = templates;
    }

    public AlertRule rule() {
        return rule;
    }

    public Collection<AlertInstance> alerts() {
        return List.copyOf(alerts.values());
    }

    /** Restores alerts known from a previous run so pending timers resume where they were. */
    void forget() {
        alerts.clear();
    }

    public void restore(AlertInstance alert) {
        alerts.put(alert.fingerprint(), alert);
    }

    /**
     * One evaluation of a rule whose group has a {@code limit} (0 for none). When more alerts than that are
     * pending or firing afterwards, Prometheus fails the evaluation and drops all the rule's alerts: so does this,
     * throwing {@link AlertLimitExceededException} with the ends of what was announced before (pending ones
     * cancelled, firing ones resolved); what would have started now is never told.
     */
    public List<AlertTransition> evaluate(List<Sample> samples, Instant now, int limit) {
        return evaluate(samples, unknownFigures(), now, limit);
    }

    /**
     * As {@link #evaluate(List, Instant, int)}, with what each series' annotations see beyond {@code $value}
     * (an anomaly rule's figures), by the series' labels.
     */
    public List<AlertTransition> evaluate(List<Sample> samples, Function<Map<String, String>, Map<String, Double>> figures,
            Instant now, int limit) {
        Map<String, AlertInstance> before = new LinkedHashMap<>(alerts);
        List<AlertTransition> transitions = evaluate(samples, figures, now);
        int active = (int) alerts.values().stream().filter(alert -> alert.state() != AlertState.RESOLVED).count();
        if (limit <= 0 || active <= limit) {
            return transitions;
        }
        alerts.clear();
        List<AlertTransition> dropped = new ArrayList<>();
        before.forEach((fingerprint, alert) -> {
            switch (alert.state()) {
                case PENDING -> dropped.add(new AlertTransition(AlertTransition.Kind.CANCELLED, alert));
                case FIRING -> {
                    AlertInstance resolved = alert.resolved(now);
                    alerts.put(fingerprint, resolved);
                    dropped.add(new AlertTransition(AlertTransition.Kind.RESOLVED, resolved));
                }
                case RESOLVED -> alerts.put(fingerprint, alert);
            }
        });
        throw new AlertLimitExceededException(limit, active, dropped);
    }

    /**
     * One evaluation. Throws {@link RuleEvaluationException}, changing nothing, when two series
     * have the same labels once the rule's labels are applied: Prometheus fails such a rule too.
     */
    public List<AlertTransition> evaluate(List<Sample> samples, Instant now) {
        return evaluate(samples, unknownFigures(), now);
    }

    /** An anomaly rule's annotations may always use its figures: NaN when they are not known. */
    private Function<Map<String, String>, Map<String, Double>> unknownFigures() {
        return rule.isAnomaly() ? AnomalyFigures.UNKNOWN : series -> Map.of();
    }

    private List<AlertTransition> evaluate(List<Sample> samples, Function<Map<String, String>, Map<String, Double>> figures,
            Instant now) {
        Map<String, Sample> byFingerprint = new LinkedHashMap<>();
        Map<String, Map<String, String>> labelsByFingerprint = new LinkedHashMap<>();
        for (Sample sample : samples) {
            Map<String, String> labels = alertLabels(sample, now);
            String fingerprint = Fingerprint.of(labels);
            if (byFingerprint.putIfAbsent(fingerprint, sample) != null) {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying"
                        + " alert labels: " + labels);
            }
            labelsByFingerprint.put(fingerprint, labels);
        }
        List<AlertTransition> transitions = new ArrayList<>();
        Set<String> present = new HashSet<>(byFingerprint.keySet());
        for (Map.Entry<String, Sample> entry : byFingerprint.entrySet()) {
            String fingerprint = entry.getKey();
            Sample sample = entry.getValue();
            Map<String, String> labels = labelsByFingerprint.get(fingerprint);
            Map<String, String> annotations = expandAll(rule.annotations(), sample.labels(), sample.value(),
                    figures.apply(sample.labels()), now);
            AlertInstance known = alerts.get(fingerprint);
            if (known != null && known.state() != AlertState.RESOLVED) {
                alerts.put(fingerprint, known.withValue(sample.value(), annotations));
            } else {
                AlertInstance started = new AlertInstance(fingerprint, rule.name(), labels, annotations,
                        AlertState.PENDING, sample.value(), now, null, null, null);
                alerts.put(fingerprint, started);
                transitions.add(new AlertTransition(AlertTransition.Kind.PENDING, started));
            }
        }
        var iterator = alerts.entrySet().iterator();
        while (iterator.hasNext()) {
            var entry = iterator.next();
            AlertInstance alert = entry.getValue();
            if (!present.contains(entry.getKey())) {
                if (alert.state() == AlertState.FIRING && !rule.keepFiringFor().isZero()) {
                    Instant since = alert.keepFiringSince() != null ? alert.keepFiringSince() : now;
                    if (Duration.between(since, now).compareTo(rule.keepFiringFor()) < 0) {
                        entry.setValue(alert.keptFiringSince(since));
                        continue;
                    }
                }
                switch (alert.state()) {
                    case PENDING -> {
                        iterator.remove();
                        transitions.add(new AlertTransition(AlertTransition.Kind.CANCELLED, alert));
                    }
                    case FIRING -> {
                        AlertInstance resolved = alert.resolved(now);
                        entry.setValue(resolved);
                        transitions.add(new AlertTransition(AlertTransition.Kind.RESOLVED, resolved));
                    }
                    case RESOLVED -> {
                        if (Duration.between(alert.resolvedAt(), now).compareTo(RESOLVED_RETENTION) > 0) {
                            iterator.remove();
                        }
                    }
                }
                continue;
            }
            if (alert.state() == AlertState.PENDING
                    && Duration.between(alert.activeAt(), now).compareTo(rule.pendingFor()) >= 0) {
                AlertInstance firing = alert.firing(now);
                entry.setValue(firing);
                transitions.add(new AlertTransition(AlertTransition.Kind.FIRING, firing));
            }
        }
        return transitions;
    }

    private Map<String, String> alertLabels(Sample sample, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>(sample.labels());
        labels.remove("__name__");
        labels.putAll(expandAll(rule.labels(), sample.labels(), sample.value(), Map.of(), now));
        labels.values().removeIf(String::isEmpty); // an empty label is no label, as in Prometheus
        labels.put("alertname", rule.name());
        return labels;
    }

    private Map<String, String> expandAll(Map<String, String> templated, Map<String, String> labels, double value,
            Map<String, Double> variables, Instant now) {
        Map<String, String> expanded = new LinkedHashMap<>();
        templated.forEach((name, template) -> expanded.put(name,
                templates.expand(rule.name() + "." + name, template, labels, value, variables, now)));
        return expanded;
    }
}
