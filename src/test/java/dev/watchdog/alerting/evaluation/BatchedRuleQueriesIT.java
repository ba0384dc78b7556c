package dev.watchdog.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.RuleQuery;
import dev.watchdog.alerting.anomaly.AnomalyQuery;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.testing.RealPrometheus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batched rule queries give every rule exactly what its own query gives, on a real Prometheus: the same series with
 * the same values, or the same error. Expressions of every kind a rule can hold: selectors (with their metric name),
 * aggregations, comparisons, an anomaly rule's z-score and its figures, a scalar, absent(), and expressions that
 * fail when evaluated (many-to-many matching, duplicate label sets), which make the batch fail and be asked again.
 */
class BatchedRuleQueriesIT {

    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
    private static final int MINUTES = 3 * 60;
    private static final AnomalyQuery ANOMALY = new AnomalyQuery("load", Duration.ofHours(1), Duration.ofMinutes(1), 2,
            null, 10, 0);
    private static final List<String> EXPRS = List.of(
            "load > 100",
            "load{case=\"spike\"}",
            "sum by (case) (load) > 0",
            "disk / ignoring(host) disk",
            ANOMALY.promql(),
            "scalar(sum(load))",
            "absent(nothing_of_this_name)",
            "label_replace(load, \"case\", \"same\", \"\", \"\")",
            ANOMALY.figures(),
            "max_over_time(load[10m]) - min_over_time(load[10m]) > 1",
            "up{job=\"not-scraped\"} == 0");

    private static RealPrometheus prometheus;
    private static PrometheusClient client;

    @BeforeAll
    static void startWithHistory() {
        StringBuilder text = new StringBuilder("# TYPE load gauge\n");
        long first = END.getEpochSecond() - MINUTES * 60L;
        for (String name : List.of("flat", "spike", "drift")) {
            for (int minute = 0; minute <= MINUTES; minute++) {
                double value = switch (name) {
                    case "spike" -> 100 + (minute % 7) / 3.0 + (minute == MINUTES - 2 ? 40 : 0);
                    case "drift" -> 90 + 0.1 * minute;
                    default -> 100 + (minute % 5) / 4.0;
                };
                text.append("load{case=\"").append(name).append("\"} ")
                        .append(String.format(Locale.ROOT, "%s", value)).append(' ').append(first + minute * 60L)
                        .append('\n');
            }
        }
        text.append("# TYPE disk gauge\n");
        for (String host : List.of("db-1", "db-2")) {
            for (int minute = 0; minute <= MINUTES; minute++) {
                text.append("disk{host=\"").append(host).append("\"} 0.5 ").append(first + minute * 60L).append('\n');
            }
        }
        prometheus = RealPrometheus.builder().backfill(text + "# EOF\n").start();
        client = new PrometheusClient(prometheus.url(), SharedHttpClient.get(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyRuleGetsFromABatchExactlyWhatItsOwnQueryGives() {
        for (Instant at : List.of(END, END.minus(Duration.ofMinutes(1)), END.minus(Duration.ofMinutes(30)))) {
            AtomicInteger batchedRequests = new AtomicInteger();
            AtomicInteger singleRequests = new AtomicInteger();
            List<QueryAnswer> batched = new GroupQueries(counting(batchedRequests), true).run(EXPRS, at);
            List<QueryAnswer> single = new GroupQueries(counting(singleRequests), false).run(EXPRS, at);

            assertThat(singleRequests).hasValue(EXPRS.size());
            // the batch fails (two expressions fail when evaluated) and is asked again rule by rule; the anomaly
            // figures and the scalar are asked alone
            assertThat(batchedRequests.get()).as("at %s", at).isEqualTo(EXPRS.size() + 1);
            for (int i = 0; i < EXPRS.size(); i++) {
                QueryAnswer fromBatch = batched.get(i);
                QueryAnswer own = single.get(i);
                String expr = EXPRS.get(i);
                assertThat(fromBatch.failure() == null ? null : fromBatch.failure().getMessage()).as(expr)
                        .isEqualTo(own.failure() == null ? null : own.failure().getMessage());
                assertThat(fromBatch.samples()).as("%s at %s", expr, at)
                        .containsExactlyInAnyOrderElementsOf(own.samples());
            }
            assertThat(single.get(0).samples()).as("the data is there").isNotEmpty();
            assertThat(single.get(3).failure()).as("many-to-many fails on its own").isNotNull();
        }
    }

    @Test
    void aBatchOfRulesThatAllWorkIsOneRequest() {
        List<String> working = List.of("load > 100", "load{case=\"spike\"}", "sum by (case) (load) > 0",
                ANOMALY.promql(), "absent(nothing_of_this_name)", ANOMALY.figures());
        AtomicInteger requests = new AtomicInteger();

        List<QueryAnswer> batched = new GroupQueries(counting(requests), true).run(working, END);
        List<QueryAnswer> single = new GroupQueries(client::query, false).run(working, END);

        assertThat(requests).hasValue(1);
        for (int i = 0; i < working.size(); i++) {
            assertThat(batched.get(i).failure()).isNull();
            assertThat(batched.get(i).samples()).as(working.get(i))
                    .containsExactlyInAnyOrderElementsOf(single.get(i).samples());
        }
        List<Integer> sizes = new ArrayList<>();
        batched.forEach(answer -> sizes.add(answer.samples().size()));
        assertThat(sizes).as("most parts have series").filteredOn(size -> size > 0).hasSizeGreaterThanOrEqualTo(4);
    }

    private static RuleQuery counting(AtomicInteger requests) {
        return (expr, time) -> {
            requests.incrementAndGet();
            return client.query(expr, time);
        };
    }
}
