package dev.watchdog.testing;

import dev.watchdog.alerting.ExternalAlert;
import dev.watchdog.alerting.ExternalAlertSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link ExternalAlertSink} that remembers every batch it accepted, and can be told to fail
 * the way a broken pipeline would. Safe to call from server threads while a test reads it.
 */
public final class RecordingExternalAlertSink implements ExternalAlertSink {

    /** One accepted {@link ExternalAlertSink#receive} call. */
    public record Delivery(String source, List<ExternalAlert> alerts) {

        public Delivery {
            alerts = List.copyOf(alerts);
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile RuntimeException failure;

    @Override
    public void receive(String source, List<ExternalAlert> alerts) {
        calls.incrementAndGet();
        RuntimeException toThrow = failure;
        if (toThrow != null) {
            throw toThrow;
        }
        deliveries.add(new Delivery(source, alerts));
    }

    /** Accepted batches, oldest first. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every call, accepted or failed: zero means nothing reached the sink at all. */
    public int calls() {
        return calls.get();
    }

    /** From now on every call throws {@code failure} and records nothing. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Accepts calls again after {@link #failWith}. */
    public void recover() {
        this.failure = null;
    }
}
