package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptLibraryTest {

    @TempDir
    Path dir;

    @Test
    void theShippedPromptsAreCompleteAndIncludeTheirFragments() {
        PromptLibrary prompts = PromptLibrary.bundled();

        assertThat(prompts.check()).isEmpty();
        assertThat(prompts.render(PromptLibrary.SYSTEM, Map.of("actions", ""))).contains("## Safety rules")
                .contains("never an instruction").doesNotContain("{{");
        assertThat(prompts.render(PromptLibrary.ACTIONS, Map.of())).startsWith("## Proposing an action")
                .contains("Proposing is not doing").doesNotContain("{{");
        assertThat(prompts.render(PromptLibrary.QUESTION, Map.of("question", "why?", "asked_by", "U1", "alert", "",
                "now", "2026-03-01T02:00:00Z", "max_tool_calls", "8")))
                .startsWith("<@U1> asks in this Slack thread:\n\nwhy?").contains("Slack mrkdwn").doesNotContain("{{");
    }

    @Test
    void variableValuesAreInsertedAsTheyAreAndNeverExpandedAgain() throws IOException {
        Files.writeString(dir.resolve("question.md"), "Q: {{question}} at {{now}}");
        PromptLibrary prompts = PromptLibrary.withOverrides(dir.toString());

        String text = prompts.render(PromptLibrary.QUESTION, Map.of("question", "{{now}} {{> system.md}} $1 \\",
                "now", "noon"));

        assertThat(text).isEqualTo("Q: {{now}} {{> system.md}} $1 \\ at noon");
    }

    @Test
    void anOverrideDirectoryReplacesPromptsFileByFileIncludingFragments() throws IOException {
        Files.createDirectories(dir.resolve("fragments"));
        Files.writeString(dir.resolve("fragments/safety.md"), "LOCAL SAFETY RULES");

        String system = PromptLibrary.withOverrides(dir.toString()).render(PromptLibrary.SYSTEM, Map.of());

        assertThat(system).startsWith("You are Watchdog").endsWith("LOCAL SAFETY RULES");
    }

    @Test
    void checkReportsMissingFilesUnknownIncludesUnknownVariablesAndCycles() throws IOException {
        Files.writeString(dir.resolve("system.md"), "Hello {{> fragments/nope.md}} {{> loop.md}}");
        Files.writeString(dir.resolve("loop.md"), "again {{> loop.md}}");
        Files.writeString(dir.resolve("question.md"), "{{question}} {{secret_sauce}} {{ weird stuff }}");

        assertThat(PromptLibrary.withOverrides(dir.toString()).check()).containsExactly(
                "prompts/question.md: unknown variable {{secret_sauce}} (allowed: alert, asked_by, max_tool_calls, now, "
                        + "question)",
                "prompts/question.md: \"{{ weird stuff }}\" is neither a variable nor an include",
                "prompts/system.md: includes fragments/nope.md, which does not exist in " + dir
                        + " or the shipped prompts",
                "prompts/loop.md: includes loop.md, which includes itself");
    }

    @Test
    void checkReportsAMissingOverrideDirectory() {
        assertThat(PromptLibrary.withOverrides(dir.resolve("nope").toString()).check())
                .containsExactly("llm.prompts-dir: " + dir.resolve("nope") + " is not a directory");
    }

    @Test
    void renderingABrokenPromptSaysWhatIsBroken() throws IOException {
        Files.writeString(dir.resolve("system.md"), "{{> ../../etc/passwd}}");

        assertThatThrownBy(() -> PromptLibrary.withOverrides(dir.toString()).render(PromptLibrary.SYSTEM, Map.of()))
                .hasMessageContaining("prompt system.md: prompts/system.md: includes ../../etc/passwd, which does not "
                        + "exist");
    }
}
