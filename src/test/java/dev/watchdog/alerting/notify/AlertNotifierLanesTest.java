package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertTransition;
import dev.watchdog.alerting.AlertingSettings;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.DeliveryBacklog;
import dev.watchdog.slack.WriteClass;
import dev.watchdog.testing.Await;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier on its delivery workers, one per class: a click's edit is not queued behind announcements, and an edit
 * asked for before its alert's post still comes after it.
 */
class AlertNotifierLanesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StoredAlerts alerts = new StoredAlerts();
    private final RecordingSlackPoster recording = new RecordingSlackPoster();
    private final CountDownLatch inFlight = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String held = "";
    private final Map<WriteClass, ScheduledExecutorService> workers = new EnumMap<>(WriteClass.class);
    private final DeliveryBacklog backlog = new DeliveryBacklog(alerts.clock);
    private final AlertNotifier notifier;

    AlertNotifierLanesTest() {
        for (WriteClass writeClass : WriteClass.values()) {
            workers.put(writeClass, Executors.newSingleThreadScheduledExecutor());
        }
        AlertViews views = new AlertViews(alerts.store, alerts.snoozes, List.of(), "http://prometheus:9090",
                new Router(List.of(), "#alerts"));
        // the post of the alert named by held waits for the test
        recording.beforeEachPost(message -> {
            if (!held.isEmpty() && message.text().contains(held)) {
                inFlight.countDown();
                Await.released(release, TIMEOUT);
            }
        });
        notifier = new AlertNotifier(workers::get, backlog, recording, alerts.store, views, alerts.snoozes,
                AlertingSettings.defaults(), alerts.clock);
    }

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        for (ScheduledExecutorService worker : workers.values()) {
            worker.shutdown();
            assertThat(worker.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        alerts.close();
    }

    @Test
    void aClicksEditOvertakesAnnouncementsQueuedBeforeIt() throws Exception {
        StoredAlert diskFull = fire("DiskFull");
        Await.until(TIMEOUT, () -> recording.calls("postTagged").size() == 1, () -> "DiskFull was never posted");

        held = "Queued1";
        for (int i = 1; i <= 5; i++) {
            fire("Queued" + i);
        }
        assertThat(inFlight.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        notifier.changed(diskFull.id()); // somebody acknowledged it
        Await.until(TIMEOUT, () -> !recording.calls("update").isEmpty(),
                () -> "the edit waited behind the queued announcements: " + recording.calls());
        // Queued1's post is still waiting for Slack's answer; Queued2 to Queued5 wait behind it
        assertThat(recording.calls()).extracting(RecordingSlackPoster.Call::method)
                .containsExactly("postTagged", "update");

        release.countDown();
        Await.until(TIMEOUT, () -> recording.calls("postTagged").size() == 6, () -> "not every alert was posted");
        assertThat(recording.calls()).extracting(RecordingSlackPoster.Call::method).containsExactly("postTagged",
                "update", "postTagged", "postTagged", "postTagged", "postTagged", "postTagged");
        assertThat(recording.calls("update")).singleElement()
                .satisfies(update -> assertThat(update.ts()).isEqualTo(alerts.reload(diskFull).message().ts()));
        List<String> names = List.of("DiskFull", "Queued1", "Queued2", "Queued3", "Queued4", "Queued5");
        List<RecordingSlackPoster.Call> posts = recording.calls("postTagged");
        for (int i = 0; i < names.size(); i++) {
            assertThat(posts.get(i).text()).as("post " + (i + 1)).contains(names.get(i)); // alerts keep their order
        }
    }

    @Test
    void anEditAskedForBeforeItsAlertIsPostedComesAfterThePost() throws Exception {
        held = "First";
        StoredAlert first = fire("First");
        assertThat(inFlight.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        StoredAlert queued = fire("Queued");

        notifier.changed(queued.id()); // acknowledged with /watchdog ack before its message is in Slack
        Await.until(TIMEOUT, () -> backlog.byClass().get(WriteClass.INTERACTIVE).waiting() == 0
                        && backlog.byClass().get(WriteClass.ALERT).waiting() == 3,
                () -> "the edit should wait behind the post it edits: " + backlog.byClass());

        release.countDown();
        Await.until(TIMEOUT, () -> !recording.calls("update").isEmpty(), () -> "the edit was lost");
        assertThat(recording.calls()).extracting(call -> call.method() + " " + call.ts())
                .containsExactly("postTagged " + alerts.reload(first).message().ts(),
                        "postTagged " + alerts.reload(queued).message().ts(),
                        "update " + alerts.reload(queued).message().ts());
    }

    private StoredAlert fire(String name) {
        StoredAlert stored = alerts.fire(Map.of("alertname", name, "severity", "critical"));
        notifier.onTransitions(List.of(new AlertTransition(AlertTransition.Kind.FIRING, stored.alert())));
        return stored;
    }
}
