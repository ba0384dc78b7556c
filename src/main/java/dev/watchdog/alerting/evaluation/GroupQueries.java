package dev.watchdog.alerting.evaluation;

import dev.watchdog.alerting.RuleQuery;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.ValueType;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the expressions of one rule group at one time, in order, one query each or, when batching is on, several
 * instant-vector expressions in one query: {@code label_replace(<e0>, "__watchdog_rule__", "0", "", "") or
 * label_replace(<e1>, ...)}. The reserved label tells the answers apart (no two parts can match in {@code or}, so
 * each part's series come back whole) and is stripped before anyone sees them. Only expressions the PromQL parser
 * types as instant vectors join a batch; a batch holds at most {@link #MAX_BATCH_RULES} expressions and
 * {@link #MAX_BATCH_CHARS} characters. A batch that fails with a query error (or a timeout, which a smaller query
 * may not have) is run again one expression at one query, so each error is the expression's own, exactly as without
 * batching. A Prometheus that cannot be reached is the same failure either way: the expressions after it are not
 * asked.
 */
public final class GroupQueries {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GroupQueries.class);

    /** The label that tells a batch's parts apart; an expression's own label of this name is overwritten. */
    public static final String RULE_LABEL = "__watchdog_rule__";
    static final int MAX_BATCH_RULES = 50;
    static final int MAX_BATCH_CHARS = 20_000;

    private final RuleQuery query;
    private final boolean batch;
    private final Map<String, Boolean> batchable = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Each batch's query text by its expressions, built once: a group asks the same batches at every tick, and one
     * text instance keeps its hash, so the prepared request behind it is found without hashing 20 KB again.
     */
    private final Map<List<String>, String> batchTexts = new java.util.concurrent.ConcurrentHashMap<>();

    public GroupQueries(RuleQuery query, boolean batch) {
        this.query = query;
        this.batch = batch;
        if (batch) {
            log.info("rule queries are batched: up to {} rules of a group in one query", MAX_BATCH_RULES);
        }
    }

    public boolean batches() {
        return batch;
    }

    /**
     * One answer per expression, in order. After an answer that is {@link QueryAnswer#isBlind() blind} the rest are
     * null: not asked, as they would fail the same way.
     */
    public List<QueryAnswer> run(List<String> exprs, Instant time) {
        QueryAnswer[] answers = new QueryAnswer[exprs.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            if (batch && isInstantVector(exprs.get(i))) {
                pending.add(i);
                if (pending.size() == MAX_BATCH_RULES || chars(exprs, pending) >= MAX_BATCH_CHARS) {
                    if (!runBatch(exprs, pending, time, answers)) {
                        return Arrays.asList(answers);
                    }
                    pending = new ArrayList<>();
                }
                continue;
            }
            answers[i] = one(exprs.get(i), time);
            if (answers[i].isBlind()) {
                return Arrays.asList(answers);
            }
        }
        runBatch(exprs, pending, time, answers);
        return Arrays.asList(answers);
    }

    /** Fills the answers of {@code parts}; false when Prometheus could not be reached. */
    private boolean runBatch(List<String> exprs, List<Integer> parts, Instant time, QueryAnswer[] answers) {
        if (parts.size() == 1) {
            answers[parts.get(0)] = one(exprs.get(parts.get(0)), time);
            return !answers[parts.get(0)].isBlind();
        }
        if (parts.isEmpty()) {
            return true;
        }
        QueryAnswer whole = one(batchText(exprs, parts), time);
        if (whole.failure() == null) {
            Map<String, List<Sample>> byPart = split(whole.samples());
            for (int part = 0; part < parts.size(); part++) {
                answers[parts.get(part)] = QueryAnswer.of(byPart.getOrDefault(String.valueOf(part), List.of()));
            }
            return true;
        }
        if (whole.isBlind() && !isTimeout(whole.failure())) {
            answers[parts.get(0)] = whole;
            return false;
        }
        for (int index : parts) {
            answers[index] = one(exprs.get(index), time);
            if (answers[index].isBlind()) {
                return false;
            }
        }
        return true;
    }

    private QueryAnswer one(String expr, Instant time) {
        try {
            return QueryAnswer.of(query.query(expr, time));
        } catch (RuntimeException failure) {
            return QueryAnswer.failed(failure);
        }
    }

    private String batchText(List<String> exprs, List<Integer> parts) {
        List<String> key = parts.stream().map(exprs::get).toList();
        String text = batchTexts.get(key);
        if (text == null) {
            text = batched(exprs, parts);
            // Anomaly figures are asked only for rules that returned series, so their batches vary: keep a bound.
            if (batchTexts.size() < PreparedRuleQueries.MAX_PREPARED) {
                batchTexts.put(key, text);
            }
        }
        return text;
    }

    static String batched(List<String> exprs, List<Integer> parts) {
        StringBuilder query = new StringBuilder();
        for (int part = 0; part < parts.size(); part++) {
            if (part > 0) {
                query.append(" or ");
            }
            query.append("label_replace(").append(exprs.get(parts.get(part))).append(", \"").append(RULE_LABEL)
                    .append("\", \"").append(part).append("\", \"\", \"\")");
        }
        return query.toString();
    }

    private static Map<String, List<Sample>> split(List<Sample> samples) {
        Map<String, List<Sample>> byPart = new LinkedHashMap<>();
        for (Sample sample : samples) {
            Map<String, String> labels = new LinkedHashMap<>(sample.labels());
            String part = labels.remove(RULE_LABEL);
            byPart.computeIfAbsent(part, key -> new ArrayList<>())
                    .add(new Sample(labels, sample.value(), sample.timestamp()));
        }
        return byPart;
    }

    private static boolean isTimeout(RuntimeException failure) {
        return failure instanceof PrometheusException prometheus
                && PrometheusException.TIMEOUT.equals(prometheus.errorType());
    }

    private static int chars(List<String> exprs, List<Integer> parts) {
        return parts.stream().mapToInt(index -> exprs.get(index).length() + 50).sum();
    }

    private boolean isInstantVector(String expr) {
        return batchable.computeIfAbsent(expr, text -> {
            try {
                Expr parsed = PromQL.parse(text);
                return parsed.type() == ValueType.VECTOR;
            } catch (PromqlException | RuntimeException unparsable) {
                return false;
            }
        });
    }
}
