package dev.watchdog.prometheus;

import java.time.Instant;
import java.util.Map;

public record Sample(Map<String, String> labels, double value, Instant timestamp) {
}
