package dev.watchdog.slack;

import com.slack.api.model.block.LayoutBlock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the poster that really calls Slack so that every write respects Slack's limits and survives its bad moments:
 * <ul>
 *   <li>writes to one channel ({@code chat.postMessage}, {@code chat.update}) are spaced by
 *       {@link DeliveryPolicy#perChannelInterval()} and take turns by {@link WriteClass} ({@link #at}; unsaid, a
 *       write is {@link WriteClass#ALERT}), then in the order they were made; other channels proceed
 *       independently;</li>
 *   <li>HTTP 429 waits exactly Slack's Retry-After, holding the channel's lane for every class; transient failures
 *       back off exponentially with jitter up to {@link DeliveryPolicy#maxBackoff()}, with no attempt cap: a message
 *       is tried until Slack takes it (or Watchdog stops), so an outage delays alerts by its own length plus at most
 *       one backoff, never more;</li>
 *   <li>while a call is being retried its failure is shown in {@link DeliveryProblems} (cleared when it lands);
 *       permanent failures are not retried: they are kept there with a hint, logged, and thrown as
 *       {@link SlackCallFailed} saying what happened;</li>
 *   <li>every call counts in the {@link DeliveryBacklog} until it is answered, for {@code /watchdog status}.</li>
 * </ul>
 * Synchronous: the calling thread does the waiting (AlertNotifier calls from its own delivery thread). Time comes
 * from the injected {@link Clock} and {@link Sleeper}, so tests never sleep.
 */
public final class PacedRetryingSlackPoster implements SlackPoster {

    /** Outcomes reported per call made through this poster (after all retries), for metrics. */
    public static final String DELIVERED = "delivered";
    public static final String REJECTED = "rejected";
    public static final String INTERRUPTED = "interrupted";

    private static final Logger log = LoggerFactory.getLogger(PacedRetryingSlackPoster.class);

    private final SlackPoster slack;
    private final DeliveryProblems problems;
    private final BiConsumer<String, String> outcomes;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final ChannelLanes writes;
    /** Reads (history lookups) are not paced, but still take turns with each other per channel. */
    private final ChannelLanes reads;
    private final WriteClass writeClass;

    /**
     * @param slack    the poster that makes the calls, e.g. {@link BoltSlackPoster}
     * @param outcomes told (method, one of {@link #DELIVERED}, {@link #REJECTED}, {@link #INTERRUPTED}) once per
     *                 call, after retries
     * @param jitter   numbers in [0, 1) spreading backoffs
     */
    public PacedRetryingSlackPoster(SlackPoster slack, DeliveryProblems problems, BiConsumer<String, String> outcomes,
                                    DeliveryPolicy policy, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
        this.slack = slack;
        this.problems = problems;
        this.outcomes = outcomes;
        this.policy = policy;
        this.clock = clock;
        this.jitter = jitter;
        this.writes = new ChannelLanes(policy.perChannelInterval(), clock, sleeper);
        this.reads = new ChannelLanes(Duration.ZERO, clock, sleeper);
        this.writeClass = WriteClass.ALERT;
    }

    /** A view of {@code paced} whose calls are of {@code writeClass}: same lanes, same problems, same backlog. */
    private PacedRetryingSlackPoster(PacedRetryingSlackPoster paced, WriteClass writeClass) {
        this.slack = paced.slack;
        this.problems = paced.problems;
        this.outcomes = paced.outcomes;
        this.policy = paced.policy;
        this.clock = paced.clock;
        this.jitter = paced.jitter;
        this.writes = paced.writes;
        this.reads = paced.reads;
        this.writeClass = writeClass;
    }

    /** The production set-up: {@link DeliveryPolicy#DEFAULT}, the system clock, real sleeping, random jitter. */
    public static PacedRetryingSlackPoster withDefaults(SlackPoster slack, DeliveryProblems problems,
                                                        BiConsumer<String, String> outcomes) {
        return new PacedRetryingSlackPoster(slack, problems, outcomes, DeliveryPolicy.DEFAULT, Clock.systemUTC(),
                Sleeper.system(), () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public SlackPoster at(WriteClass writeClass) {
        return writeClass == this.writeClass ? this : new PacedRetryingSlackPoster(this, writeClass);
    }

    @Override
    public PostedMessage post(String channel, String threadTs, SlackMessage message) {
        PostedMessage posted = deliver(writes, channel, "chat.postMessage",
                () -> slack.post(channel, threadTs, message));
        landed(channel, posted);
        return posted;
    }

    @Override
    public PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag) {
        PostedMessage posted = deliver(writes, channel, "chat.postMessage",
                () -> slack.postTagged(channel, message, tag));
        landed(channel, posted);
        return posted;
    }

    @Override
    public Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since) {
        Optional<PostedMessage> found = deliver(reads, channelId, "conversations.history",
                () -> slack.findTagged(channelId, tag, since));
        problems.clear(channelId, "conversations.history");
        return found;
    }

    @Override
    public PostedMessage postTaggedReply(String channel, String threadTs, SlackMessage message, MessageTag tag) {
        PostedMessage posted = deliver(writes, channel, "chat.postMessage",
                () -> slack.postTaggedReply(channel, threadTs, message, tag));
        landed(channel, posted);
        return posted;
    }

    @Override
    public Optional<PostedMessage> findTaggedReply(String channelId, String threadTs, MessageTag tag) {
        Optional<PostedMessage> found = deliver(reads, channelId, "conversations.replies",
                () -> slack.findTaggedReply(channelId, threadTs, tag));
        problems.clear(channelId, "conversations.replies");
        return found;
    }

    @Override
    public void update(PostedMessage posted, SlackMessage message) {
        deliver(writes, posted.channel(), "chat.update", () -> {
            slack.update(posted, message);
            return null;
        });
        problems.clear(posted.channel());
    }

    /**
     * A post worked: forget the channel's problems under either name, and let posts by name ({@code #alerts}) and
     * updates by the id Slack answered with share one lane, so they keep one pace.
     */
    private void landed(String channel, PostedMessage posted) {
        problems.clear(channel);
        if (posted.channel() != null && !posted.channel().equals(channel)) {
            writes.alias(channel, posted.channel());
            problems.clear(posted.channel());
        }
    }

    private <T> T deliver(ChannelLanes lanes, String channel, String method, Supplier<T> call) {
        ChannelLanes.Lane lane = lanes.lane(channel);
        try (DeliveryBacklog.Ticket waiting = problems.backlog().enqueue(writeClass)) {
            lane.enter(writeClass);
            try {
                T result = attempt(lane, channel, method, call);
                outcomes.accept(method, DELIVERED);
                return result;
            } finally {
                lane.leave();
            }
        } catch (InterruptedException interrupted) {
            // Shutting down: stop waiting, keep the interrupt for the caller's thread.
            Thread.currentThread().interrupt();
            outcomes.accept(method, INTERRUPTED);
            throw new SlackCallFailed(method, interrupted);
        }
    }

    private <T> T attempt(ChannelLanes.Lane lane, String channel, String method, Supplier<T> call)
            throws InterruptedException {
        Duration backoff = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            lane.awaitSlot(backoff);
            SlackCallFailed failure;
            try {
                T result = call.get();
                lane.called();
                return result;
            } catch (SlackCallFailed failed) {
                lane.called();
                failure = failed;
            }
            SlackFailureKind kind = SlackFailureClassifier.classify(failure);
            if (!kind.retryable()) {
                throw rejected(channel, method, failure);
            }
            remember(channel, method, failure); // shown while it lasts; the call landing clears it
            backoff = waitBeforeRetry(kind, failure, attempt);
            log.warn("Slack {} to {} failed ({}), try {} in {}", method, channel, summary(failure), attempt + 1,
                    seconds(lane.waitFor(backoff)));
        }
    }

    /** A 429 says exactly how long to wait; everything else gets the policy's backoff. */
    private Duration waitBeforeRetry(SlackFailureKind kind, SlackCallFailed failure, int failedAttempts) {
        if (kind == SlackFailureKind.RATE_LIMITED && failure.retryAfter().isPresent()) {
            return failure.retryAfter().get();
        }
        return policy.backoffBeforeRetry(failedAttempts, jitter.getAsDouble());
    }

    private SlackCallFailed rejected(String channel, String method, SlackCallFailed failure) {
        String hint = remember(channel, method, failure);
        outcomes.accept(method, REJECTED);
        log.error("Slack rejected {} to {}: {}; not retrying. {}", method, channel, summary(failure), hint);
        return failure.explained("Slack " + method + " to " + channel + " failed: " + summary(failure)
                + " (not retried: " + hint + ")");
    }

    private String remember(String channel, String method, SlackCallFailed failure) {
        String hint = SlackErrorHints.hintFor(failure, channel);
        problems.record(new DeliveryProblems.Problem(channel, method, summary(failure), clock.instant(), hint));
        return hint;
    }

    /** Slack's error code, or the HTTP status, or the network failure: short, and never a token. */
    private static String summary(SlackCallFailed failure) {
        return switch (failure.httpStatus()) {
            case 200 -> failure.error();
            case SlackCallFailed.NO_HTTP_ANSWER -> "network error " + failure.error()
                    + (failure.getCause() == null ? "" : ": " + failure.getCause().getMessage());
            default -> "HTTP " + failure.httpStatus();
        };
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() / 1000.0 + "s";
    }
}
