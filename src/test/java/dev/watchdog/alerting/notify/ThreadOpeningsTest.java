package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.slack.PostedMessage;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ThreadOpeningsTest {

    private final ThreadOpenings openings = new ThreadOpenings();
    private final PostedMessage thread = new PostedMessage("C1", "100.000001");

    @Test
    void aThreadNobodyOpensIsOpenOnceEveryListenerHeardOfIt() {
        openings.announcing(thread);
        CompletableFuture<Void> opened = openings.opened(thread);
        assertThat(opened).as("listeners still being told").isNotDone();

        openings.announced(thread);

        assertThat(opened).isCompleted();
    }

    @Test
    void waitsForAReplyExpectedByAListenerToldLater() {
        openings.announcing(thread);
        CompletableFuture<Void> opened = openings.opened(thread); // the graph's listener, told first
        CompletableFuture<PostedMessage> placeholder = new CompletableFuture<>();
        openings.expect(thread, placeholder); // the investigation's, told after it
        openings.announced(thread);
        assertThat(opened).isNotDone();

        placeholder.complete(new PostedMessage("C1", "100.000002"));

        assertThat(opened).isCompleted();
    }

    @Test
    void aReplyThatFailedOpensTheThreadToo() {
        openings.announcing(thread);
        CompletableFuture<PostedMessage> placeholder = new CompletableFuture<>();
        openings.expect(thread, placeholder);
        openings.announced(thread);
        CompletableFuture<Void> opened = openings.opened(thread);

        placeholder.completeExceptionally(new IllegalStateException("channel_not_found"));

        assertThat(opened).isCompleted();
        assertThat(openings.opened(thread)).as("forgotten once open").isCompleted();
    }

    @Test
    void aThreadNeverAnnouncedHereIsOpen() {
        assertThat(openings.opened(new PostedMessage("C2", "1.0"))).isCompleted();
    }
}
