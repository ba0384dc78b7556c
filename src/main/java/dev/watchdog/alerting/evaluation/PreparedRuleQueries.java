package dev.watchdog.alerting.evaluation;

import dev.watchdog.alerting.RuleQuery;
import dev.watchdog.prometheus.InstantQuery;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rule queries whose requests are built once per expression and reused at every poll: the expressions are the
 * configured rules' (and their batches', which are the same at every poll), a fixed set. Thread-safe.
 */
public final class PreparedRuleQueries implements RuleQuery {

    /** A bound for the odd case of expressions that change at every poll; the rules' own never come near it. */
    static final int MAX_PREPARED = 100_000;

    private final PrometheusClient client;
    private final Map<String, InstantQuery> prepared = new ConcurrentHashMap<>();

    public PreparedRuleQueries(PrometheusClient client) {
        this.client = client;
    }

    @Override
    public List<Sample> query(String expr, Instant time) {
        InstantQuery query = prepared.get(expr);
        if (query == null) {
            query = client.prepare(expr);
            if (prepared.size() < MAX_PREPARED) {
                prepared.put(expr, query);
            }
        }
        return client.query(query, time);
    }
}
