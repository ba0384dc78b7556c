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
    private final List<Long> told = new ArrayList<>();
    private final StormGrouping stage = new StormGrouping(new StormGuard(THRESHOLD, WINDOW), alerts.storms,
            new StormDrawings(slack, alerts.storms, alerts.store), slack, delivery,
            (first, thread) -> told.add(first.id()));

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
                new Case("later alerts join the storm's message", every10s("#alerts", 6),
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

    /** One alert arriving in a batch of its own: what became of it. */
    private Outcome arrive(Arrival arrival, int number) {
        alerts.clock.set(StoredAlerts.T0.plusSeconds(arrival.at()));
        StoredAlert stored = alerts.fire(Map.of("alertname", "DiskFull", "instance", "disk-" + number));
        Announcement routed = Announcement.of(stored, alerts.clock.instant())
                .routedTo(new Router.Destination(arrival.channel(), ""));
        int stormPosts = slack.calls("postTagged").size();
        boolean alone = stage.apply(routed).isPresent();
        stage.flush();
        if (alone) {
            return Outcome.ALONE;
        }
        return slack.calls("postTagged").size() > stormPosts ? Outcome.STARTS_STORM : Outcome.JOINS_STORM;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void groupsTheAlertsOfAStormIntoOneMessage(Case c) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < c.arrivals().size(); i++) {
            outcomes.add(arrive(c.arrivals().get(i), i));
        }
        drainDelivery();

        assertThat(outcomes).containsExactlyElementsOf(c.outcomes());
        List<RecordingSlackPoster.Call> stormPosts = slack.calls("postTagged");
        assertThat(stormPosts).as("one message per storm")
                .hasSize((int) c.outcomes().stream().filter(Outcome.STARTS_STORM::equals).count())
                .allSatisfy(post -> assertThat(post.text()).startsWith("Alert storm: 1 alerts, 1 firing"));
        assertThat(slack.calls("post")).as("nothing in any thread").isEmpty();
        assertThat(told).as("a storm's first alert is told, with the storm's message").hasSize(stormPosts.size());
        long joined = c.outcomes().stream().filter(Outcome.JOINS_STORM::equals).count();
        if (joined > 0) {
            assertThat(slack.calls("update")).as("the storm's message is redrawn as alerts join").isNotEmpty()
                    .allSatisfy(update -> assertThat(update.ts()).isEqualTo(stormPosts.get(0).ts()))
                    .last().satisfies(update -> assertThat(update.text())
                            .isEqualTo("Alert storm: " + (joined + 1) + " alerts, " + (joined + 1) + " firing"));
        } else {
            assertThat(slack.calls("update")).isEmpty();
        }
    }

    /** Waits for everything queued on the delivery thread, as shutdown does. */
    private void drainDelivery() throws InterruptedException {
        deliveryThread.shutdown();
        assertThat(deliveryThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
}
