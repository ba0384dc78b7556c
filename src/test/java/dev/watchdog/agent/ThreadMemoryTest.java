package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.db.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadMemoryTest {

    @TempDir
    Path dir;

    static List<String> roles(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("role").asText()).toList();
    }

    static List<String> contents(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("content").asText()).toList();
    }

    @Test
    void theSecondQuestionInAThreadSeesTheFirstQuestionAndItsAnswer() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.model.thenAnswer("The error rate is 4%.").thenAnswer("It started at 01:55.");
            LlmInvestigator investigator = harness.investigator();

            investigator.answer(AgentHarness.THREAD, "What is the error rate?", null, "U1");
            AnswerResult second = investigator.answer(AgentHarness.THREAD, "Since when?", null, "U1");

            assertThat(second.text()).isEqualTo("It started at 01:55.");
            List<JsonNode> messages = harness.model.messages(1);
            assertThat(roles(messages)).containsExactly("system", "user", "assistant", "user");
            assertThat(messages.get(1).path("content").asText()).contains("What is the error rate?");
            assertThat(messages.get(2).path("content").asText()).isEqualTo("The error rate is 4%.");
            assertThat(messages.get(3).path("content").asText()).contains("Since when?");
        }
    }

    @Test
    void threadsDoNotShareMemory() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.model.thenAnswer("A").thenAnswer("B");
            LlmInvestigator investigator = harness.investigator();

            investigator.answer(AgentHarness.THREAD, "first thread", null, "U1");
            investigator.answer(ThreadKey.of("C0ALERTS", "1772330999.000200"), "other thread", null, "U1");

            assertThat(roles(harness.model.messages(1))).containsExactly("system", "user");
        }
    }

    @Test
    void aConversationSurvivesARestartOnTheSameStoreFile() {
        Path file = dir.resolve("watchdog.db");
        try (AgentHarness harness = new AgentHarness(file)) {
            harness.model.thenAnswer("The error rate is 4%.").thenAnswer("Still 4%.");
            harness.investigator().answer(AgentHarness.THREAD, "What is the error rate?", null, "U1");

            // A restart: the store is closed and opened again, and a new investigator knows nothing in memory.
            harness.database.close();
            harness.database = Database.sqlite(file);
            harness.investigator().answer(AgentHarness.THREAD, "And now?", null, "U1");

            List<JsonNode> messages = harness.model.messages(1);
            assertThat(roles(messages)).containsExactly("system", "user", "assistant", "user");
            assertThat(messages.get(2).path("content").asText()).isEqualTo("The error rate is 4%.");
        }
    }

    @Test
    void anAnalysisIsPartOfTheThreadsMemoryForLaterQuestions() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.model.thenAnswer(AnalysisTurnTest.ANALYSIS_JSON).thenAnswer("Roll back 2.4.1.");
            LlmInvestigator investigator = harness.investigator();

            investigator.analyze(AgentHarness.alertContext(7, java.util.Map.of()), AgentHarness.THREAD);
            investigator.answer(AgentHarness.THREAD, "What should I do?", null, "U1");

            List<JsonNode> messages = harness.model.messages(1);
            assertThat(roles(messages)).containsExactly("system", "user", "assistant", "user");
            assertThat(messages.get(2).path("content").asText()).contains("\"likelyCause\"");
        }
    }

    @Test
    void aThreadWithoutMemoryIsRebuiltFromSlackAsQuotedData() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.history = (channel, threadTs) -> {
                assertThat(channel).isEqualTo("C0ALERTS");
                assertThat(threadTs).isEqualTo("1772330400.000100");
                return List.of(
                        new ThreadMessage("watchdog", true, "[FIRING] HighErrorRate: checkout errors above 5%",
                                AgentHarness.T0.minusSeconds(300)),
                        new ThreadMessage("U42", false, "I think it is the database, password=hunter22",
                                AgentHarness.T0.minusSeconds(200)),
                        new ThreadMessage("U1", false, "Is it the database?", AgentHarness.T0));
            };
            harness.model.thenAnswer("The database looks fine.");

            harness.investigator().answer(AgentHarness.THREAD, "Is it the database?", null, "U1");

            List<JsonNode> messages = harness.model.messages(0);
            assertThat(roles(messages)).containsExactly("system", "user", "user");
            String seed = messages.get(1).path("content").asText();
            assertThat(seed).contains("<thread-history untrusted=\"true\">").contains("(bot)")
                    .contains("checkout errors above 5%").contains("password=[REDACTED:password]")
                    .doesNotContain("hunter22").doesNotContain("Is it the database?");
            assertThat(messages.get(2).path("content").asText()).contains("Is it the database?");
        }
    }

    @Test
    void aThreadWithMemoryIsNotReadFromSlackAgain() {
        try (AgentHarness harness = new AgentHarness()) {
            int[] reads = {0};
            harness.history = (channel, threadTs) -> {
                reads[0]++;
                return List.of(new ThreadMessage("U1", false, "earlier", AgentHarness.T0));
            };
            harness.model.thenAnswer("one").thenAnswer("two");
            LlmInvestigator investigator = harness.investigator();

            investigator.answer(AgentHarness.THREAD, "q1", null, "U1");
            investigator.answer(AgentHarness.THREAD, "q2", null, "U1");

            assertThat(reads[0]).isEqualTo(1);
        }
    }

    @Test
    void aFailedTurnLeavesNoTraceInTheConversation() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.model.thenStatus(401, "bad key").thenAnswer("Now it works.");
            LlmInvestigator investigator = harness.investigator();

            AnswerResult failed = investigator.answer(AgentHarness.THREAD, "first try", null, "U1");
            investigator.answer(AgentHarness.THREAD, "second try", null, "U1");

            assertThat(failed.failure()).startsWith("the model answered HTTP 401");
            assertThat(contents(harness.model.messages(1))).noneMatch(text -> text.contains("first try"));
            assertThat(harness.conversations().conversation(AgentHarness.THREAD)).get().asString()
                    .contains("second try").doesNotContain("first try");
        }
    }
}
