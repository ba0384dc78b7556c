package dev.watchdog.agent.eval;

import java.util.List;
import java.util.Locale;

/** The eval's results as a Markdown table (pastes into README) and a pass-rate line. */
public final class EvalTable {

    private EvalTable() {
    }

    public static String render(String title, List<EvalResult> results) {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n")
                .append("| case | category | root cause | facts | false claims | tokens | time | result |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (EvalResult result : results) {
            out.append("| ").append(result.name()).append(" | ").append(result.category()).append(" | ")
                    .append(result.rootCauseFound() ? "found" : "missed").append(" | ")
                    .append(result.factsFound()).append('/').append(result.factsTotal()).append(" | ")
                    .append(result.falseClaims().isEmpty() ? "none" : String.join(", ", result.falseClaims()))
                    .append(" | ").append(result.tokens()).append(" | ").append(result.millis()).append(" ms | ")
                    .append(result.passed() ? "pass" : "FAIL" + (result.failure() == null ? "" : ": " + result.failure()))
                    .append(" |\n");
        }
        out.append('\n').append(summary(results)).append('\n');
        return out.toString();
    }

    /** {@code 25 of 26 passed (96.2%); root cause found in 26 (100.0%); median 1210 tokens}. */
    public static String summary(List<EvalResult> results) {
        long passed = results.stream().filter(EvalResult::passed).count();
        long root = results.stream().filter(EvalResult::rootCauseFound).count();
        long[] tokens = results.stream().mapToLong(EvalResult::tokens).sorted().toArray();
        long median = tokens.length == 0 ? 0 : tokens[tokens.length / 2];
        return String.format(Locale.ROOT, "%d of %d passed (%.1f%%); root cause found in %d (%.1f%%); "
                + "median %d tokens, max %d", passed, results.size(), passRate(results) * 100, root,
                results.isEmpty() ? 0 : 100.0 * root / results.size(), median,
                tokens.length == 0 ? 0 : tokens[tokens.length - 1]);
    }

    public static double passRate(List<EvalResult> results) {
        return results.isEmpty() ? 0 : results.stream().filter(EvalResult::passed).count() / (double) results.size();
    }
}
