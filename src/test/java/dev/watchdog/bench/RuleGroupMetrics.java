package dev.watchdog.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a Prometheus server says of its own rule evaluation on its {@code /metrics}: per group, the duration of the
 * last evaluation and the evaluations done, failed and missed so far.
 *
 * @param groups      groups reported
 * @param evaluated   groups evaluated at least once
 * @param durationSum {@code prometheus_rule_group_last_duration_seconds} summed over the groups, seconds
 * @param durationMax the same, the longest group
 * @param iterations  {@code prometheus_rule_group_iterations_total} summed over the groups
 * @param missed      {@code prometheus_rule_group_iterations_missed_total} summed
 * @param failures    {@code prometheus_rule_evaluation_failures_total} summed
 */
record RuleGroupMetrics(int groups, int evaluated, double durationSum, double durationMax, double iterations, double missed,
        double failures) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static RuleGroupMetrics read(String prometheusUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(prometheusUrl + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(prometheusUrl + "/metrics answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + prometheusUrl + "/metrics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + prometheusUrl + "/metrics", e);
        }
    }

    /** From the text exposition format; samples without a {@code rule_group} label are not rule groups'. */
    static RuleGroupMetrics parse(String exposition) {
        int groups = 0;
        int evaluated = 0;
        double sum = 0;
        double max = 0;
        double iterations = 0;
        double missed = 0;
        double failures = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.contains("rule_group=\"")) {
                continue;
            }
            String name = line.substring(0, line.indexOf('{'));
            double value = Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+")[0]);
            switch (name) {
                case "prometheus_rule_group_last_duration_seconds" -> {
                    groups++;
                    sum += value;
                    max = Math.max(max, value);
                }
                case "prometheus_rule_group_iterations_total" -> {
                    iterations += value;
                    evaluated += value > 0 ? 1 : 0;
                }
                case "prometheus_rule_group_iterations_missed_total" -> missed += value;
                case "prometheus_rule_evaluation_failures_total" -> failures += value;
                default -> {
                    // other per-group series: rule counts, intervals, timestamps
                }
            }
        }
        return new RuleGroupMetrics(groups, evaluated, sum, max, iterations, missed, failures);
    }
}
