package dev.watchdog.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes Prometheus rule files of any size for {@link SyntheticServices}, in the shape teams' files take: groups of
 * {@value #RULES_PER_GROUP} alerting rules per team of two services, mixing {@code sum by} ratios of {@code rate()},
 * {@code histogram_quantile} over bucket rates, gauge thresholds, {@code absent}, joins with {@code and on},
 * {@code time()} arithmetic, {@code for:} durations, and labels and annotations with templates. Deterministic: the
 * same seed and count give the same files. Alert names are unique across the files so that no two rules' alerts
 * can share a fingerprint.
 */
final class RuleFileGenerator {

    static final int RULES_PER_GROUP = 100;
    static final int GROUPS_PER_FILE = 10;

    private static final String[] WINDOWS = {"1m", "2m", "5m", "10m"};
    private static final String[] FOR = {"0s", "0s", "1m", "2m", "5m", "10m"};
    private static final int KINDS = 12;

    private final long seed;

    RuleFileGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Rule files holding exactly {@code rules} alerting rules between them, {@value #GROUPS_PER_FILE} groups to a file
     * as teams split theirs (and under the 3 MB Watchdog reads of one YAML file: 10,000 rules are about 3.7 MB).
     */
    List<String> write(int rules) {
        Random random = new Random(seed);
        List<String> files = new ArrayList<>();
        StringBuilder yaml = new StringBuilder();
        for (int start = 0, group = 0; start < rules; start += RULES_PER_GROUP, group++) {
            if (group % GROUPS_PER_FILE == 0) {
                if (group > 0) {
                    files.add(yaml.toString());
                }
                yaml = new StringBuilder(GROUPS_PER_FILE * RULES_PER_GROUP * 400).append("groups:\n");
            }
            // A team's group: the alerts of the two services it owns, so a thousand rules cover all twenty.
            List<String> services = SyntheticServices.SERVICES;
            String first = services.get(2 * group % services.size());
            String second = services.get((2 * group + 1) % services.size());
            yaml.append("  - name: ").append(first).append('-').append(second).append("-alerts-").append(group)
                    .append('\n').append("    rules:\n");
            for (int r = 0; r < Math.min(RULES_PER_GROUP, rules - start); r++) {
                rule(yaml, random, r % 2 == 0 ? first : second, group, r);
            }
        }
        files.add(yaml.toString());
        return files;
    }

    /** Groups {@code rules} rules make. */
    static int groups(int rules) {
        return (rules + RULES_PER_GROUP - 1) / RULES_PER_GROUP;
    }

    private record Rule(String kind, String expr, String summary, String description) {
    }

    private static void rule(StringBuilder yaml, Random random, String service, int group, int index) {
        String job = "job=\"" + service + "\"";
        String window = pick(random, WINDOWS);
        Rule rule = switch ((index / 2 + group) % KINDS) {
            case 0 -> new Rule("ErrorRatioHigh",
                    "sum by (job) (rate(http_requests_total{" + job + ",status=~\"5..\"}[" + window + "]))"
                            + " / sum by (job) (rate(http_requests_total{" + job + "}[" + window + "])) > "
                            + pick(random, "0.01", "0.02", "0.05", "0.1"),
                    "{{ $labels.job }} fails {{ $value | humanizePercentage }} of requests",
                    "More than the error budget allows over " + window + ".");
            case 1 -> new Rule("RouteErrors",
                    "sum by (job, route) (rate(http_requests_total{" + job + ",status=\"500\"}[" + window + "])) > "
                            + pick(random, "0.05", "0.5", "2"),
                    "{{ $labels.job }} {{ $labels.route }} answers {{ $value | humanize }} errors/s",
                    "Route {{ $labels.route }} of {{ $labels.job }} returns 500s.");
            case 2 -> new Rule("LatencyHigh",
                    "histogram_quantile(" + pick(random, "0.9", "0.95", "0.99") + ", sum by (job, le) (rate("
                            + "http_request_duration_seconds_bucket{" + job + "}[" + window + "]))) > "
                            + pick(random, "0.25", "0.5", "1", "2"),
                    "{{ $labels.job }} latency is {{ $value | humanizeDuration }}",
                    "The latency objective of {{ $labels.job }} is at risk.");
            case 3 -> new Rule("InstanceLatencyHigh",
                    "histogram_quantile(0.99, sum by (instance, le) (rate(http_request_duration_seconds_bucket{"
                            + job + "}[" + window + "]))) > " + pick(random, "0.5", "1", "2.5"),
                    "{{ $labels.instance }} p99 latency is {{ $value | humanizeDuration }}",
                    "One instance is slower than its peers: {{ $labels.instance }}.");
            case 4 -> new Rule("InstanceDown", "up{" + job + "} == 0",
                    "{{ $labels.instance }} of {{ $labels.job }} is down",
                    "Prometheus could not scrape {{ $labels.instance }}.");
            case 5 -> absent(random, service, job);
            case 6 -> new Rule("MemoryHigh",
                    "process_resident_memory_bytes{" + job + "} > " + pick(random, "1e9", "2e9", "3e9"),
                    "{{ $labels.instance }} uses {{ $value | humanize1024 }}B of memory",
                    "Resident memory of {{ $labels.instance }} is above its limit.");
            case 7 -> new Rule("FileDescriptorsExhausted",
                    "process_open_fds{" + job + "} / process_max_fds{" + job + "} > " + pick(random, "0.7", "0.9"),
                    "{{ $labels.instance }} uses {{ $value | humanizePercentage }} of its file descriptors",
                    "{{ $labels.instance }} may soon fail to open connections.");
            case 8 -> new Rule("QueueBacklog",
                    "max by (job, queue) (queue_depth{" + job + "}) > " + pick(random, "50", "100", "400"),
                    "{{ $labels.queue }} queue of {{ $labels.job }} holds {{ $value }} messages",
                    "Consumers of {{ $labels.queue }} fall behind.");
            case 9 -> new Rule("QueueStalled",
                    "sum by (job, queue) (rate(jobs_processed_total{" + job + "}[" + window + "])) == 0"
                            + " and on (job, queue) max by (job, queue) (queue_depth{" + job + "}) > 0",
                    "{{ $labels.queue }} queue of {{ $labels.job }} is not consumed",
                    "Nothing was taken off {{ $labels.queue }} for " + window + ".");
            case 10 -> new Rule("CpuBusy",
                    "rate(process_cpu_seconds_total{" + job + "}[" + window + "]) > " + pick(random, "0.3", "0.5", "0.9"),
                    "{{ $labels.instance }} uses {{ $value | printf \"%.2f\" }} CPU cores",
                    "CPU use of {{ $labels.instance }} is high.");
            default -> new Rule("TrafficLow",
                    "sum by (job) (rate(http_requests_total{" + job + "}[" + window + "])) < "
                            + pick(random, "1", "20", "150"),
                    "{{ $labels.job }} receives only {{ $value | humanize }} requests/s",
                    "Traffic to {{ $labels.job }} dropped; are clients failing to reach it?");
        };
        yaml.append("      - alert: ").append(camel(service)).append(rule.kind())
                .append(String.format(Locale.ROOT, "G%dR%d", group, index)).append('\n')
                .append("        expr: ").append(quoted(rule.expr())).append('\n')
                .append("        for: ").append(pick(random, FOR)).append('\n')
                .append("        labels:\n")
                .append("          severity: ").append(pick(random, "warning", "warning", "critical")).append('\n')
                .append("          team: ").append(service).append("-team\n")
                .append("        annotations:\n")
                .append("          summary: ").append(quoted(rule.summary())).append('\n')
                .append("          description: ").append(quoted(rule.description() + " Value: {{ $value }}."))
                .append('\n')
                .append("          runbook_url: ").append(quoted("https://runbooks.example.com/" + service + "/"
                        + rule.kind().toLowerCase(Locale.ROOT))).append('\n');
    }

    /** A batch job that has not succeeded lately, or whose timestamp is missing altogether. */
    private static Rule absent(Random random, String service, String job) {
        if (SyntheticServices.BATCH_SERVICES.contains(service) && random.nextBoolean()) {
            return new Rule("BatchStale", "time() - max by (job) (batch_last_success_timestamp_seconds{" + job
                    + "}) > " + pick(random, "1800", "3600", "86400"),
                    "{{ $labels.job }} last succeeded {{ $value | humanizeDuration }} ago",
                    "The batch job of {{ $labels.job }} is not succeeding.");
        }
        String metric = random.nextBoolean() ? "up" : "batch_last_success_timestamp_seconds";
        return new Rule("MetricAbsent", "absent(" + metric + "{" + job + "})",
                "{{ $labels.job }} exports no " + metric, "Is " + service + " being scraped at all?");
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String camel(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }

    /** A YAML single-quoted scalar: nothing is escaped in it but the quote itself. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The shapes of the rules, for the test: one of every kind in a group of {@value #KINDS} or more. */
    static List<String> kinds() {
        return List.of("ErrorRatioHigh", "RouteErrors", "LatencyHigh", "InstanceLatencyHigh", "InstanceDown",
                "MetricAbsent", "BatchStale", "MemoryHigh", "FileDescriptorsExhausted", "QueueBacklog",
                "QueueStalled", "CpuBusy", "TrafficLow");
    }
}
