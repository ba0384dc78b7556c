package dev.watchdog.alerting;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint Prometheus and Alertmanager give a label set (FNV-1a 64 over the sorted
 * names and values, each followed by the 0xff separator), as 16 hex digits. Using the same
 * function means an alert from a Watchdog rule and the same alert from an Alertmanager webhook
 * are one alert.
 */
public final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xff;

    private Fingerprint() {
    }

    public static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, label.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        hash ^= SEPARATOR & 0xff;
        return hash * PRIME;
    }
}
