package dev.watchdog.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks every evidence item of a model's analysis against what the tools of that investigation
 * returned: a PromQL source must be a query that ran (compared after parsing and printing, so
 * spacing and quoting do not matter); a log line, a deployment or anything else it quotes must
 * appear in a result of a log search, of a deployment listing or of any tool. What cannot be
 * found is set apart as unverified.
 */
final class EvidenceCheck {

    static final String QUERY_TOOL = "query_prometheus";
    static final String LOG_TOOL = "search_logs";
    static final String DEPLOYMENT_TOOL = "recent_deployments";
    /** A shorter quote would be found almost anywhere. */
    static final int MIN_QUOTE_CHARS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("v?\\d+(\\.\\d+)+([-+][0-9a-z.]+)?");
    private static final Pattern COMMIT = Pattern.compile("(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}");

    private EvidenceCheck() {
    }

    /**
     * @param alertExpr the alert's own expression: Watchdog evaluated it, so citing it needs no tool call; may be null
     */
    static Analysis check(Analysis analysis, List<ToolResult> results, String alertExpr) {
        List<Evidence> found = new ArrayList<>();
        List<Evidence> notFound = new ArrayList<>();
        for (Evidence item : analysis.evidence()) {
            (found(item, results, alertExpr) ? found : notFound).add(item);
        }
        return analysis.withCheckedEvidence(found, notFound);
    }

    static boolean found(Evidence item, List<ToolResult> results, String alertExpr) {
        return switch (item.kind()) {
            case Evidence.PROMQL -> queryRan(item.source(), results, alertExpr);
            case Evidence.LOG -> quoted(item.source(), results, LOG_TOOL)
                    || results.stream().anyMatch(r -> r.tool().equals(LOG_TOOL)
                            && flat(argument(r, "query")).equals(flat(item.source())) && !flat(item.source()).isEmpty());
            case Evidence.DEPLOYMENT -> quoted(item.source(), results, DEPLOYMENT_TOOL)
                    || versionsListed(item.source(), results);
            default -> quoted(item.source(), results, null);
        };
    }

    private static boolean queryRan(String source, List<ToolResult> results, String alertExpr) {
        Optional<String> cited = normalised(source);
        if (cited.isEmpty()) {
            return false;
        }
        if (alertExpr != null && cited.equals(normalised(alertExpr))) {
            return true;
        }
        return results.stream().filter(r -> r.tool().equals(QUERY_TOOL))
                .anyMatch(r -> cited.equals(normalised(argument(r, "promql"))));
    }

    /** The query as the PromQL printer writes it; one that does not parse is compared by its text. */
    static Optional<String> normalised(String query) {
        if (query == null || query.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PromQL.print(PromQL.parse(query)));
        } catch (PromqlException | RuntimeException unparsable) {
            return Optional.of(flat(query));
        }
    }

    /** The quote (without quotation marks or a trailing ellipsis) appears in a result of {@code tool}, or of any. */
    private static boolean quoted(String source, List<ToolResult> results, String tool) {
        String quote = flat(source.strip().replaceAll("^[\"'`]+|[\"'`]+$", "").replaceAll("(…|\\.\\.\\.)$", ""));
        if (quote.length() < MIN_QUOTE_CHARS) {
            return false;
        }
        return results.stream().filter(r -> tool == null || r.tool().equals(tool))
                .anyMatch(r -> flat(r.text()).contains(quote));
    }

    /**
     * "checkout 1.5.0 deployed 38 s before": every version (1.5.0, v2.4.1-rc1) and commit (abc1234)
     * it names is in a deployment listing; times are left out, as the model may write them its own way.
     */
    private static boolean versionsListed(String source, List<ToolResult> results) {
        List<String> versions = new ArrayList<>();
        for (String word : source.split("[\\s,;()\"'`]+")) {
            String token = word.replaceAll("^[^\\p{Alnum}]+|[^\\p{Alnum}]+$", "").toLowerCase(Locale.ROOT);
            if (VERSION.matcher(token).matches() || COMMIT.matcher(token).matches()) {
                versions.add(token);
            }
        }
        return !versions.isEmpty() && results.stream().filter(r -> r.tool().equals(DEPLOYMENT_TOOL))
                .map(r -> r.text().toLowerCase(Locale.ROOT))
                .anyMatch(text -> versions.stream().allMatch(text::contains));
    }

    private static String argument(ToolResult result, String name) {
        try {
            JsonNode value = JSON.readTree(result.arguments()).get(name);
            return value == null || !value.isTextual() ? "" : value.asText();
        } catch (Exception notJson) {
            return "";
        }
    }

    /** Whitespace runs as one space, case kept: a quote must be the line, not a paraphrase of it. */
    private static String flat(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
