package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.StoredAlert;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gathers what an alert's message shows: its stored state, snooze, rule expression and route. */
public final class AlertViews {

    private final AlertStore store;
    private final Snoozes snoozes;
    /** What each rule's messages show of its expression, read from the expression's tree once, not at every redraw. */
    private final Map<String, RuleLook> looksByKey;
    private final Router router;
    private volatile Function<StoredAlert, AlertAddOns> addOns = stored -> AlertAddOns.NONE;

    public AlertViews(AlertStore store, Snoozes snoozes, List<AlertRule> rules, String prometheusUrl, Router router) {
        this.store = store;
        this.snoozes = snoozes;
        this.looksByKey = rules.stream()
                .collect(Collectors.toMap(AlertTracker::ruleKey, rule -> RuleLook.of(rule, prometheusUrl),
                        (first, second) -> first));
        this.router = router;
    }

    public AlertView of(StoredAlert stored) {
        RuleLook look = looksByKey.getOrDefault(stored.ruleKey(), RuleLook.NONE);
        return new AlertView(stored, snoozes.active(stored.alert()).orElse(null), look.graphUrl(), look.threshold(),
                snoozes.offered(), router.destination(stored.alert()).mention(), stored.likelyCause(), look.expr(),
                addOns.apply(stored));
    }

    /** A rule's expression, its Graph link and the threshold it crosses; all null for alerts without a rule. */
    private record RuleLook(String expr, String graphUrl, String threshold) {

        static final RuleLook NONE = new RuleLook(null, null, null);

        static RuleLook of(AlertRule rule, String prometheusUrl) {
            if (rule.expr().startsWith("(")) {
                return NONE;
            }
            return new RuleLook(rule.expr(), Thresholds.ruleGraphUrl(prometheusUrl, rule.expr()),
                    Thresholds.of(rule.expr()));
        }
    }

    /** What another feature adds to every alert message (e.g. the recorded cause and its button). */
    public void addOns(Function<StoredAlert, AlertAddOns> provider) {
        this.addOns = provider;
    }

    public Router router() {
        return router;
    }

    /** The one-line summary the message shows, for lists. */
    public static String summaryOf(StoredAlert stored) {
        return AlertMessage.summary(stored.alert());
    }

    /** Set by the investigator: one line shown in the message, kept in the store so a restart keeps it. */
    public void likelyCause(long id, String cause) {
        store.recordLikelyCause(id, cause);
    }
}
