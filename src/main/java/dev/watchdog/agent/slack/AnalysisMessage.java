package dev.watchdog.agent.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.watchdog.agent.Analysis;
import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.agent.AnswerResult;
import dev.watchdog.agent.CostLine;
import dev.watchdog.agent.Evidence;
import dev.watchdog.agent.TokenUsage;
import dev.watchdog.agent.ToolCallRecord;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the agent's results as thread replies. Everything the model wrote is untrusted (it may
 * repeat what a log line told it) and is escaped, so it cannot mention people, ping a channel or
 * disguise a link; the only links are the graph links Watchdog built itself.
 */
public final class AnalysisMessage {

    /** Slack rejects section text over 3000 characters. */
    static final int MAX_SECTION_CHARS = 2900;
    static final int MAX_SOURCE_CHARS = 400;
    /** Room for several evidence items in one section, even when a finding is a whole log summary. */
    static final int MAX_FINDING_CHARS = 800;
    static final String NOT_FOUND = "(not found in the tool results)";

    private AnalysisMessage() {
    }

    public static SlackMessage render(AnalysisResult result, CostLine cost) {
        if (result.failure() != null) {
            String text = "Analysis unavailable: " + SlackText.escape(result.failure());
            return SlackMessage.of(text, List.of(
                    section(s -> s.blockId("analysis-failure").text(markdownText(":warning: *Analysis unavailable:* "
                            + SlackText.escape(result.failure())))),
                    contextLine("analysis-context", result.usage(), result.toolCalls(), result.limitsHit(), cost)));
        }
        if (result.analysis() == null) {
            String raw = result.rawText() == null ? "" : ModelFacingText.strip(result.rawText());
            return SlackMessage.of("Analysis (unstructured answer): " + SlackText.escape(raw, 200), List.of(
                    section(s -> s.blockId("analysis-raw").text(markdownText("*Analysis* _(unstructured answer)_\n"
                            + SlackText.escape(raw, MAX_SECTION_CHARS - 60)))),
                    contextLine("analysis-context", result.usage(), result.toolCalls(), result.limitsHit(), cost)));
        }
        return structured(result, cost);
    }

    public static SlackMessage renderAnswer(AnswerResult result) {
        return renderAnswer(result, CostLine.TOKENS_ONLY);
    }

    public static SlackMessage renderAnswer(AnswerResult result, CostLine cost) {
        String answer = result.text() == null ? "" : ModelFacingText.strip(result.text());
        String body = result.failure() != null
                ? ":warning: I could not answer: " + SlackText.escape(result.failure(), MAX_SECTION_CHARS - 40)
                : SlackText.escape(answer, MAX_SECTION_CHARS);
        String fallback = result.failure() != null ? "I could not answer: " + SlackText.escape(result.failure(), 200)
                : SlackText.escape(answer, 200);
        return SlackMessage.of(fallback, List.of(
                section(s -> s.blockId("answer").text(markdownText(body))),
                contextLine("answer-context", result.usage(), result.toolCalls(), result.limitsHit(), cost)));
    }

    private static SlackMessage structured(AnalysisResult result, CostLine cost) {
        Analysis analysis = result.analysis();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId("analysis-what").text(markdownText(emoji(analysis.severity())
                + " *What is happening:* " + text(analysis.whatIsHappening())))));
        blocks.add(section(s -> s.blockId("analysis-cause").text(markdownText(cause(analysis)))));
        if (!analysis.evidence().isEmpty()) {
            blocks.add(section(s -> s.blockId("analysis-evidence").text(markdownText(evidence("*Evidence*",
                    analysis.evidence(), "")))));
        }
        if (!analysis.unverified().isEmpty()) {
            blocks.add(section(s -> s.blockId("analysis-unverified").text(markdownText(evidence(
                    ":grey_question: *Cited, but not found in the tool results* (not evidence)",
                    analysis.unverified(), " _" + NOT_FOUND + "_")))));
        }
        if (!analysis.nextSteps().isEmpty()) {
            blocks.add(section(s -> s.blockId("analysis-next").text(markdownText(nextSteps(analysis.nextSteps())))));
        }
        blocks.add(section(s -> s.blockId("analysis-verdict").text(markdownText(verdict(analysis, result.byModel())))));
        blocks.add(divider());
        blocks.add(contextLine("analysis-context", result.usage(), result.toolCalls(), result.limitsHit(), cost));
        return SlackMessage.of("Analysis: " + SlackText.escape(analysis.whatIsHappening(), 200), blocks);
    }

    /** "*Likely cause:* ..." or, when the analysis found none, says so plainly with what it ruled out. */
    private static String cause(Analysis analysis) {
        if (analysis.rootCauseFound()) {
            return "*Likely cause:* " + text(analysis.likelyCause());
        }
        String more = analysis.likelyCause() == null ? "" : analysis.likelyCause().strip()
                .replaceFirst("(?i)^(" + Analysis.NO_ROOT_CAUSE + "|unknown|no single cause found)[.:;,]?\\s*", "");
        return "*Likely cause:* no root cause found in the evidence" + (more.isBlank() ? "." : ": " + text(more));
    }

    private static String evidence(String heading, List<Evidence> items, String marker) {
        StringBuilder out = new StringBuilder(heading);
        for (Evidence item : items) {
            StringBuilder line = new StringBuilder("\n• ")
                    .append(SlackText.escape(ModelFacingText.strip(item.finding()), MAX_FINDING_CHARS))
                    .append(marker);
            if (!item.source().isBlank()) {
                line.append("\n    ").append(code(item.source()));
            }
            if (item.link() != null && item.link().startsWith("http")) {
                line.append("  <").append(item.link()).append("|graph>");
            }
            if (out.length() + line.length() > MAX_SECTION_CHARS) {
                out.append("\n• …");
                break;
            }
            out.append(line);
        }
        return out.toString();
    }

    private static String nextSteps(List<String> steps) {
        StringBuilder out = new StringBuilder("*Next steps*");
        for (int i = 0; i < steps.size(); i++) {
            out.append('\n').append(i + 1).append(". ").append(text(steps.get(i)));
        }
        return SlackText.cut(out.toString(), MAX_SECTION_CHARS);
    }

    /** A summary made without a model has no confidence: it shows none rather than 0%. */
    private static String verdict(Analysis analysis, boolean byModel) {
        String human = analysis.humanNeededNow()
                ? ":rotating_light: *A human is needed now*"
                : ":zzz: No one needs to act right now";
        return "*Severity:* " + analysis.severity().label().toUpperCase(Locale.ROOT)
                + (byModel ? "  ·  *Confidence:* " + analysis.confidenceInWords() : "")
                + "  ·  " + human;
    }

    private static LayoutBlock contextLine(String id, TokenUsage usage, List<ToolCallRecord> calls, List<String> limits,
            CostLine cost) {
        List<String> parts = new ArrayList<>();
        if (usage.total() > 0) {
            parts.add(cost.render(usage));
        }
        parts.add(calls.isEmpty() ? "no tools used" : "tools: " + toolSummary(calls));
        if (!limits.isEmpty()) {
            parts.add("limits hit: " + SlackText.escape(String.join("; ", limits)));
        }
        String line = SlackText.cut(String.join("  ·  ", parts), MAX_SECTION_CHARS);
        return context(c -> c.blockId(id).elements(List.of(markdownText(line))));
    }

    /** "query_prometheus ×3, search_logs (1 failed)". */
    private static String toolSummary(List<ToolCallRecord> calls) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (ToolCallRecord call : calls) {
            int[] count = counts.computeIfAbsent(call.tool(), name -> new int[2]);
            count[0]++;
            if (call.failed()) {
                count[1]++;
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((tool, count) -> parts.add(SlackText.escape(tool) + (count[0] > 1 ? " ×" + count[0] : "")
                + (count[1] > 0 ? " (" + count[1] + " failed)" : "")));
        return String.join(", ", parts);
    }

    private static String emoji(Analysis.Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case HIGH -> ":large_orange_circle:";
            case MEDIUM -> ":large_yellow_circle:";
            case LOW -> ":large_blue_circle:";
        };
    }

    private static String text(String untrusted) {
        return SlackText.escape(ModelFacingText.strip(untrusted));
    }

    /** Inline code cannot hold a backquote or span lines in Slack; both are replaced so the quote stays whole. */
    private static String code(String untrusted) {
        String flat = untrusted.replace('`', 'ˋ').replaceAll("\\s*\\R\\s*", " ");
        return "`" + SlackText.escape(flat, MAX_SOURCE_CHARS) + "`";
    }
}
