package dev.watchdog.agent.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.agent.LlmSettings;
import dev.watchdog.security.Secret;
import dev.watchdog.testing.ScriptedOpenAi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs every case in evals/ as CI does: without a model, and with a scripted one; prints both tables. */
class EvalSuiteTest {

    static final Path CASES = Path.of("evals");

    @Test
    void theNoModelPathFindsTheRootCauseSignalInAtLeastNinetyPercentOfCasesWithinTheTokenBudget() throws Exception {
        List<EvalCase> cases = EvalCase.loadAll(CASES);
        EvalRunner runner = new EvalRunner(null, c -> { }, EvalRunner.DEFAULT_TOKEN_BUDGET);
        List<EvalResult> results = new ArrayList<>();
        for (EvalCase c : cases) {
            results.add(runner.run(c));
        }
        System.out.println(EvalTable.render("No model (pre-work summary only)", results));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        assertThat(results.stream().filter(EvalResult::rootCauseFound).count() / (double) results.size())
                .isGreaterThanOrEqualTo(0.9);
        assertThat(results).allSatisfy(result -> assertThat(result.tokens()).isLessThanOrEqualTo(4000));
        assertThat(results).allSatisfy(result -> assertThat(result.falseClaims()).as(result.name()).isEmpty());
    }

    @Test
    void aScriptedModelRunsTheRealToolsOverTheRecordingsAndIsScored() throws Exception {
        List<EvalCase> cases = EvalCase.loadAll(CASES);
        try (ScriptedOpenAi model = new ScriptedOpenAi()) {
            LlmSettings settings = new LlmSettings("openai", "gpt-scripted", model.baseUrl(),
                    Secret.of("sk-eval-0123456789abcdefghijkl"));
            EvalRunner runner = new EvalRunner(settings, c -> script(model, c), EvalRunner.DEFAULT_TOKEN_BUDGET);
            List<EvalResult> results = new ArrayList<>();
            for (EvalCase c : cases) {
                results.add(runner.run(c));
            }
            System.out.println(EvalTable.render("Scripted model (CI)", results));

            assertThat(results).allSatisfy(result -> assertThat(result.passed()).as(result.name()).isTrue());
            // Every scripted tool call reached the model's tools: one request per call plus the final answer.
            assertThat(model.requestCount()).isEqualTo(cases.stream().mapToInt(c -> c.script().steps().size() + 1).sum());
        }
    }

    /** The case's replies follow the previous case's in the scripted model's one sequence. */
    private static void script(ScriptedOpenAi model, EvalCase c) {
        for (EvalCase.ToolStep step : c.script().steps()) {
            model.thenToolCalls(ScriptedOpenAi.call(step.tool(), step.arguments()));
        }
        model.thenAnswer(c.script().answer());
    }
}
