package dev.watchdog.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.slack.api.Slack;
import dev.watchdog.testing.FakeSlackApi;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RecordingSleeper;
import dev.watchdog.testing.SlackTestHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decorator over the real {@link BoltSlackPoster} and Bolt's {@code MethodsClient}, against {@link FakeSlackApi}:
 * proves that what Slack really sends (HTTP 429 with Retry-After, 5xx, {@code ok:false} codes, dropped connections)
 * reaches the retry decision as intended.
 */
class PacedRetryingSlackPosterBoltTest {

    private static final Instant T0 = Instant.parse("2024-05-01T02:00:00Z");
    private static final String POST = "chat.postMessage";

    private final FakeSlackApi api = FakeSlackApi.start();
    private final Slack slack = Slack.getInstance(SlackTestHarness.slackConfigFor(api));
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final BoltSlackPoster bolt = new BoltSlackPoster(slack.methods("xoxb-test"),
            (method, outcome) -> requests.add(method + " " + outcome));
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final DeliveryProblems problems = new DeliveryProblems();
    private final List<String> deliveries = new CopyOnWriteArrayList<>();
    private final PacedRetryingSlackPoster poster = new PacedRetryingSlackPoster(bolt, problems,
            (method, outcome) -> deliveries.add(method + " " + outcome), DeliveryPolicy.DEFAULT, clock, sleeper,
            () -> 0.0);

    @AfterEach
    void stop() throws Exception {
        slack.close();
        api.close();
    }

    @Test
    void boltPosterReportsStatusAndRetryAfterOfA429() {
        api.respondOnceTo(POST, FakeSlackApi.rateLimited(7));

        assertThatThrownBy(() -> bolt.post("#alerts", null, SlackMessage.text("firing")))
                .isInstanceOfSatisfying(SlackCallFailed.class, failure -> {
                    assertThat(failure.httpStatus()).isEqualTo(429);
                    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void rateLimitedPostWaitsExactlyRetryAfterThenSucceeds() {
        api.respondOnceTo(POST, FakeSlackApi.rateLimited(7));

        PostedMessage posted = poster.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(posted.ts()).isNotBlank();
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(api.calls(POST)).hasSize(2);
        assertThat(requests).containsExactly(POST + " http_429", POST + " ok");
        assertThat(deliveries).containsExactly(POST + " delivered");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void serverErrorIsRetriedAfterABackoff() {
        api.respondOnceTo(POST, aResponse().withStatus(500).withBody("oops"));

        poster.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(api.calls(POST)).hasSize(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1)); // half of the 2 s first backoff
        assertThat(requests).containsExactly(POST + " http_500", POST + " ok");
    }

    @Test
    void droppedConnectionIsRetried() {
        api.respondOnceTo(POST, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        PostedMessage posted = poster.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(posted.ts()).isNotBlank();
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
        assertThat(requests).containsExactly(POST + " network_error", POST + " ok");
    }

    @Test
    void channelNotFoundIsNotRetriedAndIsReportedWithAHintUntilAPostWorks() {
        api.respondOnceTo(POST, FakeSlackApi.slackError("channel_not_found"));

        assertThatThrownBy(() -> poster.post("#nope", null, SlackMessage.text("firing")))
                .isInstanceOf(SlackCallFailed.class)
                .hasMessageStartingWith("Slack chat.postMessage to #nope failed: channel_not_found (not retried:"
                        + " check slack.channel / routes");
        assertThat(api.calls(POST)).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(deliveries).containsExactly(POST + " rejected");
        assertThat(requests).containsExactly(POST + " channel_not_found");
        assertThat(problems.current()).singleElement().satisfies(problem -> {
            assertThat(problem.channel()).isEqualTo("#nope");
            assertThat(problem.method()).isEqualTo(POST);
            assertThat(problem.error()).isEqualTo("channel_not_found");
            assertThat(problem.at()).isEqualTo(T0);
        });
        assertThat(problems.describe()).containsExactly("#nope: chat.postMessage failed with channel_not_found at"
                + " 2024-05-01T02:00:00Z. check slack.channel / routes: the bot cannot see #nope (a private channel"
                + " needs /invite @watchdog first)");

        poster.post("#nope", null, SlackMessage.text("firing"));

        assertThat(problems.describe()).isEmpty();
    }

    @Test
    void notInChannelSaysHowToInviteTheBot() {
        api.respondOnceTo(POST, FakeSlackApi.slackError("not_in_channel"));

        assertThatThrownBy(() -> poster.post("#alerts", null, SlackMessage.text("firing")))
                .hasMessageContaining("invite the bot: /invite @watchdog in #alerts");
        assertThat(problems.describe()).singleElement().asString()
                .endsWith("not_in_channel at 2024-05-01T02:00:00Z. invite the bot: /invite @watchdog in #alerts");
    }

    @Test
    void updateOfADeletedMessageIsNotRetried() {
        api.respondOnceTo("chat.update", FakeSlackApi.slackError("message_not_found"));

        assertThatThrownBy(() -> poster.update(new PostedMessage("C0ALERTS", "1700000000.000100"), SlackMessage.text("resolved"))).isInstanceOf(SlackCallFailed.class);

        assertThat(api.calls("chat.update")).hasSize(1);
        assertThat(deliveries).containsExactly("chat.update rejected");
    }

    @Test
    void anOutageLongerThanAnyAttemptBudgetEndsInDeliveryAsSoonAsSlackAnswersAgain() {
        // a 75 s outage of HTTP 502, then a 429 asking for 3 s: the post waits it out and lands, in order
        for (int i = 0; i < 15; i++) {
            api.respondOnceTo(POST, aResponse().withStatus(502));
        }
        api.respondOnceTo(POST, FakeSlackApi.rateLimited(3));

        PostedMessage posted = poster.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(posted.ts()).isNotBlank();
        assertThat(api.calls(POST)).hasSize(17);
        assertThat(sleeper.waits()).hasSize(16).endsWith(Duration.ofSeconds(5), Duration.ofSeconds(3));
        assertThat(sleeper.waits()).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(5)));
        assertThat(deliveries).containsExactly(POST + " delivered");
        assertThat(problems.describe()).isEmpty();
    }

    @Test
    void aTaggedReplyIsFoundInItsThreadAndOnlyThere() {
        MessageTag tag = MessageTag.placeholder("7f1c");
        PostedMessage reply = poster.postTaggedReply("C0ALERTS01", "1790000000.000100", SlackMessage.text("Looking"),
                tag);

        assertThat(poster.findTaggedReply("C0ALERTS01", "1790000000.000100", tag)).contains(reply);
        assertThat(poster.findTaggedReply("C0ALERTS01", "1790000000.000999", tag)).isEmpty();
        assertThat(poster.findTaggedReply("C0ALERTS01", "1790000000.000100", MessageTag.placeholder("other")))
                .isEmpty();
    }
}
