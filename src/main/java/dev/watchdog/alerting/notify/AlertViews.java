package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gathers what an alert's message shows: its stored state, snooze, rule expression and route. */
public final class AlertViews {

    private final AlertStore store;
    private final Map<String, AlertRule> rulesByKey;
    private final String prometheusUrl;
    private final List<Duration> snoozeOptions;
    private final Router router;
    private final Clock clock;

    public AlertViews(AlertStore store, List<AlertRule> rules, String prometheusUrl, List<Duration> snoozeOptions,
            Router router, Clock clock) {
        this.store = store;
        this.rulesByKey = rules.stream().collect(Collectors.toMap(AlertTracker::ruleKey, Function.identity(),
                (first, second) -> first));
        this.prometheusUrl = prometheusUrl;
        this.snoozeOptions = List.copyOf(snoozeOptions);
        this.router = router;
        this.clock = clock;
    }

    public AlertView of(StoredAlert stored) {
        AlertRule rule = rulesByKey.get(stored.ruleKey());
        boolean hasExpr = rule != null && !rule.expr().startsWith("(");
        return new AlertView(stored, activeSnooze(stored).orElse(null),
                hasExpr ? Thresholds.graphUrl(prometheusUrl, rule.expr()) : null,
                hasExpr ? Thresholds.of(rule.expr()) : null,
                snoozeOptions, router.destination(stored.alert()).mention(), stored.likelyCause(),
                hasExpr ? rule.expr() : null);
    }

    public Optional<Snooze> activeSnooze(StoredAlert stored) {
        return store.snoozeOf(Fingerprint.identity(stored.alert().labels()))
                .filter(snooze -> snooze.activeAt(clock.instant()));
    }

    public Router router() {
        return router;
    }

    public List<Duration> snoozeOptions() {
        return snoozeOptions;
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
