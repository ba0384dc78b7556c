package dev.watchdog.agent;

import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Follow-up questions compact old turns, so a thread's request size stays bounded whatever its length. */
class HistoryCompactionTest {

    private static final int QUESTIONS = 14;

    @Test
    void theRequestSentToTheModelStopsGrowingInALongThread() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.logs.answer = "412 error lines; top error: PaymentTimeoutException (412)\n"
                    + "sample: PaymentTimeoutException: upstream timed out after 5000ms on /api/pay\n".repeat(40);
            harness.model.thenAnswer(AnalysisTurnTest.ANALYSIS_JSON);
            for (int i = 0; i < QUESTIONS; i++) {
                harness.model.thenToolCalls(call("search_logs", "{\"query\": \"Exception\", \"level\": \"error\"}"))
                        .thenAnswer("The payment provider times out; it started with the 2.4.1 deploy (answer " + i + ").");
            }
            LlmInvestigator investigator = harness.investigator();
            AlertContext alert = AgentHarness.alertContext(7, Map.of());
            investigator.analyze(alert, AgentHarness.THREAD);

            List<Integer> sizes = new ArrayList<>();
            for (int i = 0; i < QUESTIONS; i++) {
                int before = harness.model.requestCount();
                AnswerResult answer = investigator.answer(AgentHarness.THREAD, "What changed at step " + i + "?", alert,
                        "U1");
                assertThat(answer.failure()).isNull();
                sizes.add(bodySize(harness.model.requests().get(before)));
            }

            assertThat(sizes.get(3)).as("early on, each question adds a turn: " + sizes).isGreaterThan(sizes.get(1));
            int settled = sizes.get(HistoryCompactor.WHOLE_TURNS + HistoryCompactor.MAX_OLD_TURNS + 1);
            assertThat(sizes.subList(HistoryCompactor.WHOLE_TURNS + HistoryCompactor.MAX_OLD_TURNS + 1, QUESTIONS))
                    .as("request sizes once old turns are compacted and dropped: " + sizes)
                    .allSatisfy(size -> assertThat(size).isBetween(settled - 50, settled + 50));
            int perTurn = sizes.get(1) - sizes.get(0);
            assertThat(settled).as("without compaction each turn adds %d characters: %s", perTurn, sizes)
                    .isLessThan((sizes.get(0) + (QUESTIONS - 1) * perTurn) / 2);
        }
    }

    @Test
    void oldToolResultsBecomeOneLineTheNewestTurnsStayWholeAndTheFirstTurnIsKept() {
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from("system")));
        for (int turn = 0; turn < 10; turn++) {
            messages.add(UserMessage.from("question " + turn));
            messages.add(AiMessage.from(List.of(ToolExecutionRequest.builder().id("c" + turn).name("search_logs")
                    .arguments("{}").build())));
            messages.add(ToolExecutionResultMessage.from("c" + turn, "search_logs",
                    "<tool-output tool=\"search_logs\" untrusted=\"true\">\n12 error lines in " + turn + "\n"
                            + "x".repeat(3000) + "\n</tool-output>"));
            messages.add(AiMessage.from("answer " + turn));
        }

        List<ChatMessage> compacted = HistoryCompactor.compact(messages);

        List<String> questions = compacted.stream().filter(UserMessage.class::isInstance)
                .map(m -> ((UserMessage) m).singleText()).toList();
        assertThat(questions).containsExactly("question 0", "question 3", "question 4", "question 5", "question 6",
                "question 7", "question 8", "question 9");
        List<String> results = compacted.stream().filter(ToolExecutionResultMessage.class::isInstance)
                .map(m -> ((ToolExecutionResultMessage) m).text()).toList();
        assertThat(results.get(0)).isEqualTo("[earlier result of search_logs, 3,085 characters, summarised]"
                + " 12 error lines in 0");
        assertThat(results.subList(0, 6)).allSatisfy(text -> assertThat(text).startsWith("[earlier result of"));
        assertThat(results.subList(6, 8)).allSatisfy(text -> assertThat(text).hasSizeGreaterThan(3000));
        assertThat(compacted.get(0)).isEqualTo(SystemMessage.from("system"));
        assertThat(MemoryRepair.withoutUnansweredToolCalls(compacted)).isSameAs(compacted);
        assertThat(HistoryCompactor.compact(compacted)).as("compacting twice changes nothing").isSameAs(compacted);
    }

    private static int bodySize(JsonNode request) {
        return request.toString().length();
    }
}
