package dev.watchdog.alerting.notify;

import dev.watchdog.ops.telemetry.Phase;
import dev.watchdog.ops.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A stage as a span of the alert's delivery ({@code watchdog.alert.muter}, {@code .router}, …):
 * whether it let the alert pass ({@code watchdog.decision}), where it was routed, and for the
 * last stage, the time from firing to the message in Slack.
 */
final class TracedStage implements Stage {

    private final Stage stage;
    private final String name;
    private final Clock clock;
    private final boolean last;

    private TracedStage(Stage stage, Clock clock, boolean last) {
        this.stage = stage;
        this.name = stage.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        this.clock = clock;
        this.last = last;
    }

    static List<Stage> all(Clock clock, Stage... stages) {
        return Arrays.stream(stages)
                .map(stage -> (Stage) new TracedStage(stage, clock, stage == stages[stages.length - 1]))
                .toList();
    }

    @Override
    public Optional<Announcement> apply(Announcement announcement) {
        try (Phase phase = Telemetry.get().phase("watchdog.alert." + name).logId("occurrence", announcement.id())) {
            try {
                Optional<Announcement> next = stage.apply(announcement);
                phase.set("watchdog.decision", next.isPresent() ? "pass" : "stop");
                next.filter(passed -> passed.destination() != null)
                        .ifPresent(passed -> phase.set("watchdog.route", passed.channel()));
                Instant firedAt = announcement.alert().firedAt();
                if (last && next.isPresent() && firedAt != null) {
                    Telemetry.get().metrics().alertPosted(Duration.between(firedAt, clock.instant()));
                }
                return next;
            } catch (RuntimeException failure) {
                phase.failed(failure);
                throw failure;
            }
        }
    }
}
