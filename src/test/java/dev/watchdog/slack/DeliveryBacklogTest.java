package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryBacklogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T02:00:00Z"));
    private final DeliveryBacklog backlog = new DeliveryBacklog(clock);

    @Test
    void countsWhatWaitsAndHowLongTheOldestHasWaited() {
        DeliveryBacklog.Ticket first = backlog.enqueue();
        clock.advance(Duration.ofSeconds(30));
        DeliveryBacklog.Ticket second = backlog.enqueue();
        clock.advance(Duration.ofSeconds(15));

        assertThat(backlog.snapshot()).isEqualTo(new DeliveryBacklog.Snapshot(2, Duration.ofSeconds(45)));

        first.close();
        assertThat(backlog.snapshot()).isEqualTo(new DeliveryBacklog.Snapshot(1, Duration.ofSeconds(15)));
        second.close();
        assertThat(backlog.snapshot()).isEqualTo(new DeliveryBacklog.Snapshot(0, Duration.ZERO));
    }

    @Test
    void aMessageCountsOnceWhileItsDeliveryMakesCalls() {
        DeliveryBacklog.Ticket queued = backlog.enqueue();
        int[] duringDelivery = new int[1];

        backlog.deliver(queued, () -> {
            try (DeliveryBacklog.Ticket call = backlog.enqueue()) {
                duringDelivery[0] = backlog.snapshot().waiting();
            }
        });

        assertThat(duringDelivery[0]).isEqualTo(1);
        assertThat(backlog.snapshot().waiting()).isZero();
        // the thread is free again: a call of its own counts
        try (DeliveryBacklog.Ticket call = backlog.enqueue()) {
            assertThat(backlog.snapshot().waiting()).isEqualTo(1);
        }
    }

    @Test
    void aFailedDeliveryStillLeavesTheBacklog() {
        DeliveryBacklog.Ticket queued = backlog.enqueue();
        try {
            backlog.deliver(queued, () -> {
                throw new IllegalStateException("Slack refused it");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("Slack refused it");
        }
        assertThat(backlog.snapshot().waiting()).isZero();
    }
}
