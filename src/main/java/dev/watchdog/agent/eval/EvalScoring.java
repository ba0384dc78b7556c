package dev.watchdog.agent.eval;

import dev.watchdog.agent.Analysis;
import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.agent.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a diagnosis against a case's expectations by plain text search, case-insensitive: the
 * root cause and the key facts anywhere in the diagnosis (its evidence included), the forbidden
 * claims only in what it asserts (what is happening, the likely cause, the next steps), because
 * evidence may rightly quote a log line that lies.
 */
final class EvalScoring {

    /** The documented estimate: about four characters a token for English and logs (OpenAI's rule of thumb). */
    static final int CHARS_PER_TOKEN = 4;

    private EvalScoring() {
    }

    static EvalResult score(EvalCase c, AnalysisResult result, long millis, int tokenBudget) {
        String everything = lower(everything(result));
        String claims = lower(claims(result));
        boolean root = c.expected().rootCause().stream().anyMatch(alternative -> everything.contains(lower(alternative)));
        int found = 0;
        for (List<String> fact : c.expected().facts()) {
            if (fact.stream().anyMatch(alternative -> everything.contains(lower(alternative)))) {
                found++;
            }
        }
        List<String> falseClaims = new ArrayList<>();
        c.expected().mustNotClaim().stream().filter(text -> claims.contains(lower(text))).forEach(falseClaims::add);
        long tokens = result.usage().total() > 0 ? result.usage().total() : estimateTokens(everything(result));
        String failure = result.analysis() == null && result.rawText() == null
                ? (result.failure() == null ? "no analysis" : result.failure()) : null;
        return new EvalResult(c.name(), c.category(), root, found, c.expected().facts().size(), falseClaims, tokens,
                millis, failure, tokenBudget);
    }

    static long estimateTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** The whole diagnosis as text: what a person reads in the thread. */
    static String everything(AnalysisResult result) {
        if (result.analysis() == null) {
            return result.rawText() == null ? "" : result.rawText();
        }
        StringBuilder out = new StringBuilder(claims(result));
        for (Evidence evidence : result.analysis().evidence()) {
            out.append('\n').append(evidence.finding()).append('\n').append(evidence.source());
        }
        return out.toString();
    }

    private static String claims(AnalysisResult result) {
        Analysis analysis = result.analysis();
        if (analysis == null) {
            return result.rawText() == null ? "" : result.rawText();
        }
        return analysis.whatIsHappening() + '\n' + analysis.likelyCause() + '\n' + String.join("\n", analysis.nextSteps());
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
