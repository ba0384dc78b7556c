package dev.watchdog.alerting.notify;

import dev.watchdog.slack.PostedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first replies an alert's thread is waiting for, so that what comes later in the thread (its graph) follows
 * them by design rather than by timing. While the announcement listeners are told, a listener that is going to
 * open the thread (the investigation's placeholder) says so with {@link #expect}; {@link #opened} completes once
 * every listener has been told and every expected reply is in Slack, or has failed. Whatever the order in which
 * listeners are told, a later reply never overtakes one that was expected.
 */
public final class ThreadOpenings {

    private final Map<String, Opening> openings = new ConcurrentHashMap<>();

    /** Called by the poster before the listeners hear of a thread. */
    void announcing(PostedMessage thread) {
        openings.put(key(thread), new Opening());
    }

    /** Called by the poster once every listener has heard of the thread. */
    void announced(PostedMessage thread) {
        String key = key(thread);
        Opening opening = openings.get(key);
        if (opening != null) {
            opening.close().whenComplete((done, failure) -> openings.remove(key, opening));
        }
    }

    /** A listener will post {@code reply} in the thread first; it counts as posted when the future completes either way. */
    public void expect(PostedMessage thread, CompletableFuture<?> reply) {
        Opening opening = openings.get(key(thread));
        if (opening != null) {
            opening.add(reply);
        }
    }

    /** Completes (never exceptionally) when the thread's expected first replies are in Slack or have failed. */
    public CompletableFuture<Void> opened(PostedMessage thread) {
        Opening opening = openings.get(key(thread));
        return opening == null ? CompletableFuture.completedFuture(null) : opening.all.thenApply(done -> null);
    }

    private static String key(PostedMessage thread) {
        return thread.channel() + "/" + thread.ts();
    }

    private static final class Opening {
        private final List<CompletableFuture<?>> expected = new ArrayList<>();
        private final CompletableFuture<Void> all = new CompletableFuture<>();

        synchronized void add(CompletableFuture<?> reply) {
            expected.add(reply.handle((posted, failure) -> null));
        }

        synchronized CompletableFuture<Void> close() {
            CompletableFuture.allOf(expected.toArray(CompletableFuture[]::new)).thenRun(() -> all.complete(null));
            return all;
        }
    }
}
