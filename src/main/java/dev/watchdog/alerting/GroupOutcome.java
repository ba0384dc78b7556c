package dev.watchdog.alerting;

import java.util.List;

/**
 * What one evaluation of a rule group did, recorded in the store: each rule's transitions, in rule order, and
 * its failure if it had one.
 */
public record GroupOutcome(List<RuleOutcome> rules) {

    public GroupOutcome {
        rules = List.copyOf(rules);
    }

    /**
     * @param failure null when the rule was evaluated; an {@link AlertLimitExceededException} (whose dropped alerts
     *     are in {@code transitions}), a {@link RuleEvaluationException} or another exception otherwise
     */
    public record RuleOutcome(AlertRule rule, List<AlertTransition> transitions, RuntimeException failure) {

        public RuleOutcome {
            transitions = List.copyOf(transitions);
        }
    }

    /** Every transition of the group, rule by rule. */
    public List<AlertTransition> transitions() {
        return rules.stream().flatMap(rule -> rule.transitions().stream()).toList();
    }
}
