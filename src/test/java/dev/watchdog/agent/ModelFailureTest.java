package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the model does, the investigator returns a result, never an exception. */
class ModelFailureTest {

    final AgentHarness harness = new AgentHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    AnalysisResult analyze() {
        return harness.investigator().analyze(AgentHarness.alertContext(3, Map.of()), AgentHarness.THREAD);
    }

    @Test
    void rateLimitedEveryTimeIsRetriedTwiceThenReportedAsUnavailable() {
        harness.model.thenStatus(429, "Rate limit reached").thenStatus(429, "Rate limit reached")
                .thenStatus(429, "Rate limit reached");

        AnalysisResult result = analyze();

        assertThat(result.failure()).isEqualTo("the model answered HTTP 429 (rate limited); analysis unavailable");
        assertThat(result.analysis()).isNull();
        assertThat(harness.model.requestCount()).isEqualTo(3);
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRateLimitThatPassesIsInvisibleInTheResult() {
        harness.model.thenStatus(429, "Rate limit reached").thenAnswer(AnalysisTurnTest.ANALYSIS_JSON);

        AnalysisResult result = analyze();

        assertThat(result.failure()).isNull();
        assertThat(result.analysis()).isNotNull();
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        harness.model.thenStatus(500, "boom").thenStatus(502, "bad gateway").thenStatus(503, "overloaded");

        AnalysisResult result = analyze();

        assertThat(result.failure()).isEqualTo("the model answered HTTP 503 (server error); analysis unavailable");
        assertThat(harness.model.requestCount()).isEqualTo(3);
    }

    @Test
    void aRefusedKeyIsNotRetried() {
        harness.model.thenStatus(401, "Incorrect API key provided");

        AnswerResult result = harness.investigator().answer(AgentHarness.THREAD, "hello?", null, "U1");

        assertThat(result.failure()).isEqualTo(
                "the model answered HTTP 401 (the API key was refused; check llm.api-key); no answer this time");
        assertThat(harness.model.requestCount()).isEqualTo(1);
    }

    @Test
    void aModelThatDoesNotAnswerInTimeIsReportedWithItsTimeout() {
        harness.modelTimeout = Duration.ofMillis(300);
        harness.model.thenSlowAnswer(Duration.ofSeconds(2), "late").thenSlowAnswer(Duration.ofSeconds(2), "late")
                .thenSlowAnswer(Duration.ofSeconds(2), "late");

        AnalysisResult result = analyze();

        assertThat(result.failure()).isEqualTo("the model did not answer within 300ms; analysis unavailable");
        assertThat(harness.model.requestCount()).isEqualTo(3);
    }

    @Test
    void aBodyThatIsNotJsonIsReportedNotThrown() {
        harness.model.thenRawBody("<html><body>502 Bad Gateway</body></html>");

        AnalysisResult result = analyze();

        assertThat(result.failure()).isEqualTo(
                "the model endpoint sent a response that is not valid JSON; analysis unavailable");
        assertThat(harness.model.requestCount()).isEqualTo(1);
    }

    @Test
    void aResponseWithoutChoicesIsReportedNotThrown() {
        harness.model.thenRawBody("{\"id\": \"x\", \"choices\": []}");

        AnalysisResult result = analyze();

        assertThat(result.failure()).startsWith("the model sent an unusable response (")
                .endsWith("; analysis unavailable");
    }

    @Test
    void anAnalysisThatIsNotJsonIsAskedForOnceMoreThenKeptAsRawText() {
        harness.model.thenAnswer("I think the database is down.").thenAnswer("Really, it is the database.");

        AnalysisResult result = analyze();

        assertThat(result.analysis()).isNull();
        assertThat(result.failure()).isNull();
        assertThat(result.rawText()).isEqualTo("Really, it is the database.");
        assertThat(harness.model.requestCount()).isEqualTo(2);
        String correction = harness.model.messages(1).get(harness.model.messages(1).size() - 1)
                .path("content").asText();
        assertThat(correction).startsWith("Your reply could not be used as the analysis: the reply contains no JSON "
                + "object.").contains("Reply again with only the JSON object");
        assertThat(result.usage()).isEqualTo(new TokenUsage(200, 40));
    }

    @Test
    void anInvalidAnalysisIsCorrectedWhenTheModelIsToldWhatWasWrong() {
        String invalid = AnalysisTurnTest.ANALYSIS_JSON.replace("\"confidence\": 0.8", "\"confidence\": 80")
                .replace("\"severity\": \"high\"", "\"severity\": \"sev1\"");
        harness.model.thenAnswer("```json\n" + invalid + "\n```").thenAnswer(AnalysisTurnTest.ANALYSIS_JSON);

        AnalysisResult result = analyze();

        assertThat(result.analysis()).isNotNull();
        assertThat(result.analysis().confidence()).isEqualTo(0.8);
        String correction = harness.model.messages(1).get(harness.model.messages(1).size() - 1)
                .path("content").asText();
        assertThat(correction).contains("\"severity\" must be one of \"low\", \"medium\", \"high\", \"critical\"")
                .contains("\"confidence\" must be a number from 0 to 1");
    }

    @Test
    void brokenPromptFilesAreReportedNotThrown(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("system.md"), "{{> fragments/missing.md}}");
        harness.prompts = PromptLibrary.withOverrides(dir.toString());

        AnalysisResult result = analyze();

        assertThat(result.failure()).startsWith("the prompt files are broken (prompt system.md: prompts/system.md: "
                + "includes fragments/missing.md, which does not exist").endsWith("; run check-config); analysis unavailable");
        assertThat(harness.model.requestCount()).isZero();
    }

    @Test
    void anEmptyReplyTwiceIsAFailure() {
        harness.model.thenAnswer("").thenAnswer("  ");

        AnalysisResult result = analyze();

        assertThat(result.failure()).isEqualTo("the model gave an empty reply twice; analysis unavailable");
    }
}
