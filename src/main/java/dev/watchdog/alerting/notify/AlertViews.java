package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gathers what an alert's message shows: its stored state, snooze, rule expression and route. */
public final class AlertViews {

    private final AlertStore store;
    private final Snoozes snoozes;
    private final Map<String, AlertRule> rulesByKey;
    private final String prometheusUrl;
    private final Router router;
    private volatile Function<StoredAlert, AlertAddOns> addOns = stored -> AlertAddOns.NONE;

    public AlertViews(AlertStore store, Snoozes snoozes, List<AlertRule> rules, String prometheusUrl, Router router) {
        this.store = store;
        this.snoozes = snoozes;
        this.rulesByKey = rules.stream().collect(Collectors.toMap(AlertTracker::ruleKey, Function.identity(),
                (first, second) -> first));
        this.prometheusUrl = prometheusUrl;
        this.router = router;
    }

    public AlertView of(StoredAlert stored) {
        AlertRule rule = rulesByKey.get(stored.ruleKey());
        boolean hasExpr = rule != null && !rule.expr().startsWith("(");
        return new AlertView(stored, snoozes.active(stored.alert()).orElse(null),
                hasExpr ? Thresholds.ruleGraphUrl(prometheusUrl, rule.expr()) : null,
                hasExpr ? Thresholds.of(rule.expr()) : null,
                snoozes.offered(), router.destination(stored.alert()).mention(), stored.likelyCause(),
                hasExpr ? rule.expr() : null, addOns.apply(stored));
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
