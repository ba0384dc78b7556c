package dev.watchdog.agent.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.agent.Analysis;
import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.agent.AnswerResult;
import dev.watchdog.agent.CostLine;
import dev.watchdog.agent.Evidence;
import dev.watchdog.agent.TokenUsage;
import dev.watchdog.agent.ToolCallRecord;
import dev.watchdog.slack.HostileText;
import dev.watchdog.slack.SlackMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model repeats what logs and labels told it, and people's questions are quoted back: none
 * of it may ping anyone. Formatting the model uses for people (*bold*, `code`, bullets) stays.
 */
class UntrustedAgentTextTest {

    private static final String GRAPH_URL = "http://prom:9090/graph?g0.expr=up&g0.tab=0";
    private static final String GRAPH = "<" + GRAPH_URL + "|graph>";
    private static final List<ToolCallRecord> CALLS = List.of(new ToolCallRecord("search_logs", "{}", false));

    @ParameterizedTest
    @MethodSource("dev.watchdog.slack.HostileText#strings")
    void anAnalysisPingsNobodyAndKeepsWatchdogsOwnGraphLink(String hostile) {
        Analysis analysis = new Analysis(hostile, "likely " + hostile,
                List.of(new Evidence("promql", "up{job=\"" + hostile + "\"}", hostile, GRAPH_URL),
                        new Evidence("log", hostile, "seen " + hostile, null)),
                List.of(hostile, "then " + hostile), Analysis.Severity.HIGH, 0.7, true);

        SlackMessage message = AnalysisMessage.render(new AnalysisResult(analysis, null, null, new TokenUsage(1, 1),
                CALLS, List.of(hostile)), CostLine.TOKENS_ONLY);

        HostileText.assertNeutralised(message, GRAPH);
    }

    @ParameterizedTest
    @MethodSource("dev.watchdog.slack.HostileText#strings")
    void anUnstructuredOrFailedAnalysisPingsNobody(String hostile) {
        HostileText.assertNeutralised(AnalysisMessage.render(new AnalysisResult(null, hostile, null, TokenUsage.NONE,
                CALLS, List.of()), CostLine.TOKENS_ONLY));
        HostileText.assertNeutralised(AnalysisMessage.render(new AnalysisResult(null, null, hostile, TokenUsage.NONE,
                CALLS, List.of(hostile)), CostLine.TOKENS_ONLY));
    }

    @ParameterizedTest
    @MethodSource("dev.watchdog.slack.HostileText#strings")
    void aThreadAnswerPingsNobody(String hostile) {
        HostileText.assertNeutralised(AnalysisMessage.renderAnswer(new AnswerResult("Answer: " + hostile, null,
                TokenUsage.NONE, CALLS, List.of(hostile))));
        HostileText.assertNeutralised(AnalysisMessage.renderAnswer(new AnswerResult(null, hostile, TokenUsage.NONE,
                List.of(), List.of())));
    }

    @ParameterizedTest
    @MethodSource("dev.watchdog.slack.HostileText#strings")
    void theAskEchoPingsNobodyButTheAsker(String hostile) {
        SlackMessage echo = ThreadConversations.askedInChannel("U0ASKER001", "why " + hostile + "?");

        HostileText.assertNeutralised(echo, "<@U0ASKER001>");
        assertThat(echo.text()).startsWith("<@U0ASKER001> asked: why ");
    }

    @Test
    void theAskEchoIsRedactedBecauseItIsPostedPublicly() {
        SlackMessage echo = ThreadConversations.askedInChannel("U0ASKER001",
                "is sk_live_51HqLy0AbCdEfGhIjKlMnOpQrStUv still valid? DATABASE_URL=postgres://app:p#ss@db:5432/x");

        assertThat(echo.text()).isEqualTo("<@U0ASKER001> asked: is [REDACTED:stripe-key] still valid?"
                + " DATABASE_URL=postgres://app:[REDACTED:url-password]@db:5432/x");
    }

    @Test
    void modelFormattingForPeopleIsKept() {
        SlackMessage answer = AnalysisMessage.renderAnswer(new AnswerResult(
                "*Checkout* is failing:\n• `payment_timeout` rose\n• _since_ 02:00 <!here>", null, TokenUsage.NONE,
                List.of(), List.of()));

        assertThat(HostileText.mrkdwnOf(answer)).contains(
                "*Checkout* is failing:\n• `payment_timeout` rose\n• _since_ 02:00 &lt;!here&gt;");
    }
}
