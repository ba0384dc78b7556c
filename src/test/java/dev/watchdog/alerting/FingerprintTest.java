package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void matchesThePrometheusModelFingerprintThatAlertmanagerSends() {
        // Values from the label-set fingerprint scenarios of Prometheus' common model.
        assertThat(Fingerprint.of(Map.of())).isEqualTo(Long.toHexString(Long.parseUnsignedLong("14695981039346656037")));
        assertThat(Fingerprint.of(Map.of("name", "garland, briggs", "fear", "love is not enough")))
                .isEqualTo(Long.toHexString(Long.parseUnsignedLong("5799056148416392346")));
    }

    @Test
    void doesNotDependOnInsertionOrder() {
        assertThat(Fingerprint.of(Map.of("a", "1", "b", "2"))).isEqualTo(Fingerprint.of(Map.of("b", "2", "a", "1")))
                .hasSize(16);
        assertThat(Fingerprint.of(Map.of("a", "12"))).isNotEqualTo(Fingerprint.of(Map.of("a1", "2")));
    }
}
