package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.StoredAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StormGroupingTest {

    private static final int THRESHOLD = 3;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final StoredAlerts alerts = new StoredAlerts();
    private final RecordingSlackPoster slack = new RecordingSlackPoster();
    private final ScheduledExecutorService deliveryThread = Executors.newSingleThreadScheduledExecutor();
    private final DeliveryThread delivery = new DeliveryThread(deliveryThread,
            new dev.watchdog.slack.DeliveryBacklog(java.time.Clock.systemUTC()));
    private final StormGrouping stage = new StormGrouping(new StormGuard(THRESHOLD, WINDOW), slack, alerts.store,
            delivery);

    @AfterEach
    void close() throws InterruptedException {
        drainDelivery();
        alerts.close();
    }

    enum Outcome { ALONE, STARTS_STORM, JOINS_STORM }

    /** A new alert in {@code channel}, {@code at} seconds into the test. */
    record Arrival(String channel, int at) {
    }

    record Case(String name, List<Arrival> arrivals, List<Outcome> outcomes) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Arrival> every10s(String channel, int count) {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            arrivals.add(new Arrival(channel, i * 10));
        }
        return arrivals;
    }

    static Stream<Case> cases() {
        List<Arrival> stormThenQuiet = new ArrayList<>(every10s("#alerts", 4));
        stormThenQuiet.add(new Arrival("#alerts", 30 + 61));
        List<Arrival> twoChannels = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            twoChannels.add(new Arrival(i % 2 == 0 ? "#alerts" : "#db", i * 5));
        }
        return Stream.of(
                new Case("up to the threshold, each alert stands alone", every10s("#alerts", 3),
                        List.of(Outcome.ALONE, Outcome.ALONE, Outcome.ALONE)),
                new Case("the alert past the threshold starts a storm", every10s("#alerts", 4),
                        List.of(Outcome.ALONE, Outcome.ALONE, Outcome.ALONE, Outcome.STARTS_STORM)),
                new Case("later alerts join the storm's thread", every10s("#alerts", 6),
                        List.of(Outcome.ALONE, Outcome.ALONE, Outcome.ALONE, Outcome.STARTS_STORM,
                                Outcome.JOINS_STORM, Outcome.JOINS_STORM)),
                new Case("alerts further apart than the window are no storm",
                        List.of(new Arrival("#alerts", 0), new Arrival("#alerts", 61), new Arrival("#alerts", 122),
                                new Arrival("#alerts", 183)),
                        List.of(Outcome.ALONE, Outcome.ALONE, Outcome.ALONE, Outcome.ALONE)),
                new Case("a storm ends after a window without new alerts", stormThenQuiet,
                        List.of(Outcome.ALONE, Outcome.ALONE, Outcome.ALONE, Outcome.STARTS_STORM, Outcome.ALONE)),
                new Case("each channel counts its own alerts", twoChannels,
                        List.of(Outcome.ALONE, Outcome.ALONE, Outcome.ALONE, Outcome.ALONE, Outcome.ALONE,
                                Outcome.ALONE)));
    }

    private Announcement arrive(Arrival arrival, int number) {
        alerts.clock.set(StoredAlerts.T0.plusSeconds(arrival.at()));
        StoredAlert stored = alerts.fire(Map.of("alertname", "DiskFull", "instance", "disk-" + number));
        Announcement routed = Announcement.of(stored, alerts.clock.instant())
                .routedTo(new Router.Destination(arrival.channel(), ""));
        return stage.apply(routed).orElseThrow();
    }

    private static Outcome outcomeOf(Announcement announcement) {
        if (announcement.storm() == null) {
            return Outcome.ALONE;
        }
        return announcement.storm().startsThread() ? Outcome.STARTS_STORM : Outcome.JOINS_STORM;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void groupsAlertsOfAStormIntoOneThread(Case c) throws InterruptedException {
        List<Announcement> announced = new ArrayList<>();
        for (int i = 0; i < c.arrivals().size(); i++) {
            announced.add(arrive(c.arrivals().get(i), i));
        }
        drainDelivery();

        assertThat(announced).extracting(StormGroupingTest::outcomeOf).containsExactlyElementsOf(c.outcomes());
        List<RecordingSlackPoster.Call> groupPosts = slack.calls("post");
        assertThat(groupPosts).as("one group message per storm")
                .hasSize((int) c.outcomes().stream().filter(Outcome.STARTS_STORM::equals).count());
        assertThat(groupPosts).allSatisfy(post -> assertThat(post.text()).startsWith("Alert storm: "));
        assertThat(announced).filteredOn(announcement -> announcement.storm() != null)
                .allSatisfy(announcement -> assertThat(announcement.storm().groupMessage().ts())
                        .isEqualTo(groupPosts.get(0).ts()));
        if (c.outcomes().contains(Outcome.JOINS_STORM)) {
            assertThat(slack.calls("update")).as("the group message is redrawn as alerts join").isNotEmpty()
                    .allSatisfy(update -> assertThat(update.ts()).isEqualTo(groupPosts.get(0).ts()));
        } else {
            assertThat(slack.calls("update")).isEmpty();
        }
    }

    @Test
    void anAlertOfAStormThatChangesRedrawsTheGroupMessage() throws InterruptedException {
        List<Announcement> announced = new ArrayList<>();
        for (Arrival arrival : every10s("#alerts", 4)) {
            announced.add(arrive(arrival, announced.size()));
        }

        stage.changed(announced.get(3).id());
        stage.changed(announced.get(0).id()); // stood alone before the storm: no storm of its own to redraw
        drainDelivery();

        assertThat(slack.calls("update")).singleElement()
                .satisfies(update -> assertThat(update.text()).isEqualTo("Alert storm: 1 alerts, 1 firing"));
    }

    /** Waits for everything queued on the delivery thread, as shutdown does. */
    private void drainDelivery() throws InterruptedException {
        deliveryThread.shutdown();
        assertThat(deliveryThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
}
