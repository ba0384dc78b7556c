package dev.watchdog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticServicesTest {

    @Test
    void countersGrowAndHistogramBucketsAreCumulative() {
        try (SyntheticServices services = new SyntheticServices(3)) {
            Map<String, Double> early = samples(services.exposition("api", 1, 10));
            Map<String, Double> later = samples(services.exposition("api", 1, 70));

            assertThat(later.get("http_requests_total{method=\"GET\",route=\"/v1/api\",status=\"200\"}"))
                    .isGreaterThan(early.get("http_requests_total{method=\"GET\",route=\"/v1/api\",status=\"200\"}"));
            List<Double> buckets = later.entrySet().stream()
                    .filter(sample -> sample.getKey().startsWith("http_request_duration_seconds_bucket"))
                    .map(Map.Entry::getValue).toList();
            assertThat(buckets).hasSize(11).isSorted();
            assertThat(later.get("http_request_duration_seconds_bucket{le=\"+Inf\"}"))
                    .isEqualTo(later.get("http_request_duration_seconds_count"));
        }
    }

    @Test
    void everyInstanceIsATargetOfItsServicesJob() {
        try (SyntheticServices services = new SyntheticServices(3)) {
            List<String> jobs = services.scrapeConfigs();

            assertThat(services.targets()).isEqualTo(100);
            assertThat(jobs).hasSize(20);
            assertThat(jobs.get(0)).startsWith("- job_name: api\n")
                    .contains("instance: 'api-4:8080', __metrics_path__: '/metrics/api/4'");
        }
    }

    /** Series to value, in exposition order. */
    private static Map<String, Double> samples(String exposition) {
        return Arrays.stream(exposition.split("\n")).filter(line -> !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.substring(0, line.lastIndexOf(' ')),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                        (a, b) -> a, LinkedHashMap::new));
    }
}
