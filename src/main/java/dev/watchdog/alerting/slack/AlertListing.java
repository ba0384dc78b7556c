package dev.watchdog.alerting.slack;

import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.LabelMatcher;
import dev.watchdog.alerting.Severity;
import dev.watchdog.alerting.StoredAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /watchdog alerts [label matchers] [page N]}: active alerts worst first, {@value #PER_PAGE} a page, so a storm
 * of thousands can be read page by page. Matchers are Prometheus's ({@code severity="critical"},
 * {@code alertname=~"Disk.*"}); all must match.
 */
final class AlertListing {

    static final int PER_PAGE = 20;
    static final String USAGE = "`/watchdog alerts [label matchers] [page N]`, e.g."
            + " `/watchdog alerts severity=\"critical\" page 2`";
    /** Firing before pending, then the higher severity, then the older, then by id. */
    static final Comparator<StoredAlert> WORST_FIRST = Comparator
            .comparing((StoredAlert a) -> a.alert().state() != AlertState.FIRING)
            .thenComparing(a -> Severity.of(a.alert()), Comparator.reverseOrder())
            .thenComparing(a -> a.alert().activeAt())
            .thenComparing(StoredAlert::id);

    /** What was asked: matchers as typed, and the page (null when none was named). */
    record Query(List<String> typed, List<LabelMatcher> matchers, Integer page) {

        boolean plain() {
            return matchers.isEmpty() && page == null;
        }
    }

    /** The query, or the reason it is not one. */
    record Parsed(Query query, String error) {
    }

    private AlertListing() {
    }

    static Parsed parse(List<String> arguments) {
        List<String> words = new ArrayList<>(arguments);
        Integer page = null;
        int at = words.indexOf("page");
        if (at >= 0) {
            if (at != words.size() - 2 || !words.get(at + 1).matches("[0-9]{1,6}")
                    || Integer.parseInt(words.get(at + 1)) < 1) {
                return new Parsed(null, "`page` takes a page number from 1, at the end: " + USAGE + ".");
            }
            page = Integer.parseInt(words.get(at + 1));
            words = words.subList(0, at);
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        for (String word : words) {
            StringBuilder error = new StringBuilder();
            typed.add(word.replaceAll("[\u201C\u201D\u201E]", "\"")); // Slack's smart quotes
            var matcher = LabelMatcher.parse(typed.get(typed.size() - 1), error);
            if (matcher.isEmpty()) {
                return new Parsed(null, error + ". Usage: " + USAGE + ".");
            }
            matchers.add(matcher.get());
        }
        return new Parsed(new Query(typed, matchers, page), null);
    }

    /** One page of the alerts that match, or why there is no such page. */
    static String page(List<StoredAlert> open, Query query, Function<StoredAlert, String> line) {
        List<StoredAlert> matching = open.stream().filter(alert -> matches(alert, query.matchers()))
                .sorted(WORST_FIRST).toList();
        String filter = String.join(" ", query.typed());
        if (matching.isEmpty()) {
            return "No active alert matches `" + filter + "`.";
        }
        int pages = (matching.size() + PER_PAGE - 1) / PER_PAGE;
        int page = query.page() == null ? 1 : query.page();
        if (page > pages) {
            return "There is no page " + page + ": " + matching.size() + " alerts make " + pages + " page"
                    + (pages == 1 ? "" : "s") + " of " + PER_PAGE + ".";
        }
        StringBuilder text = new StringBuilder("*Active alerts* (" + matching.size() + ")"
                + (filter.isEmpty() ? "" : " matching `" + filter + "`") + ", worst first, page " + page + " of "
                + pages);
        matching.subList((page - 1) * PER_PAGE, Math.min(matching.size(), page * PER_PAGE))
                .forEach(alert -> text.append("\n").append(line.apply(alert)));
        if (page < pages) {
            text.append("\nPage ").append(page).append(" of ").append(pages).append("; `/watchdog alerts ")
                    .append(filter.isEmpty() ? "" : filter + " ").append("page ").append(page + 1)
                    .append("` for more.");
        }
        return text.toString();
    }

    private static boolean matches(StoredAlert alert, List<LabelMatcher> matchers) {
        if (matchers.isEmpty()) {
            return true;
        }
        Map<String, String> labels = new HashMap<>(alert.alert().labels());
        labels.putIfAbsent("alertname", alert.alert().ruleName());
        return matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }
}
