package dev.watchdog.alerting;

import java.util.List;

/**
 * Where an alert came from, as {@code watchdog_alerts_firing{source}} tells them apart: Watchdog's own rules,
 * Alertmanager's webhook, Prometheus' own alerts imported from /api/v1/alerts, and Watchdog's alerts about itself.
 * The store knows an occurrence's source by its rule key: the external sources' names, {@code watchdog/...} for
 * {@link SelfMonitor}'s rules, {@code group/alert} for every configured rule.
 */
public final class AlertSources {

    public static final String RULES = "rules";
    public static final String ALERTMANAGER = "alertmanager";
    public static final String PROMETHEUS = "prometheus";
    public static final String WATCHDOG = "watchdog";

    /** Every source, so that each has a series (at 0) from the start. */
    public static final List<String> ALL = List.of(RULES, ALERTMANAGER, PROMETHEUS, WATCHDOG);

    /** The source of an occurrence from its {@code rule_key} column, in SQL both dialects run. */
    static final String OF_RULE_KEY = "CASE WHEN rule_key IN ('" + ALERTMANAGER + "', '" + PROMETHEUS + "') THEN rule_key"
            + " WHEN rule_key LIKE '" + SelfMonitor.GROUP + "/%' THEN '" + WATCHDOG + "' ELSE '" + RULES + "' END";

    private AlertSources() {
    }
}
