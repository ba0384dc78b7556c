package dev.watchdog.memory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what a person typed into the "What was it?" form. Every problem is reported against its
 * field, so Slack shows it under that field and keeps what was typed; nothing is saved until all
 * fields are valid.
 */
public final class CauseForm {

    public static final String CATEGORY = "cause_category";
    public static final String WHAT = "cause_what";
    public static final String FIX = "cause_fix";
    public static final String LINK = "cause_link";
    public static final int MAX_TEXT = 1000;
    public static final int MAX_LINK = 500;

    /** A valid form: what to save. {@code link} is null when none was given. */
    public record Values(CauseCategory category, String what, String fix, String link) {
    }

    /** Either values to save or, by field, what is wrong. */
    public record Outcome(Optional<Values> values, Map<String, String> errors) {
    }

    private CauseForm() {
    }

    /** @param fields the submitted text of each field (absent or null: left empty) */
    public static Outcome check(Map<String, String> fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        String categoryText = text(fields, CATEGORY);
        Optional<CauseCategory> category = CauseCategory.parse(categoryText);
        if (categoryText.isEmpty()) {
            errors.put(CATEGORY, "Pick a category: " + CauseCategory.allowed() + ".");
        } else if (category.isEmpty()) {
            errors.put(CATEGORY, "\"" + cut(categoryText) + "\" is not a category; pick one of "
                    + CauseCategory.allowed() + ".");
        }
        String what = text(fields, WHAT);
        if (what.isEmpty()) {
            errors.put(WHAT, "Say what it was, in a few words (e.g. \"connection leak in the export job\").");
        } else if (what.length() > MAX_TEXT) {
            errors.put(WHAT, "Keep it under " + MAX_TEXT + " characters (this is " + what.length() + ").");
        }
        String fix = text(fields, FIX);
        if (fix.length() > MAX_TEXT) {
            errors.put(FIX, "Keep it under " + MAX_TEXT + " characters (this is " + fix.length() + ").");
        }
        String link = text(fields, LINK);
        linkProblem(link).ifPresent(problem -> errors.put(LINK, problem));
        if (!errors.isEmpty()) {
            return new Outcome(Optional.empty(), errors);
        }
        return new Outcome(Optional.of(new Values(category.get(), what, fix, link.isEmpty() ? null : link)), Map.of());
    }

    static Optional<String> linkProblem(String link) {
        if (link.isEmpty()) {
            return Optional.empty();
        }
        if (link.length() > MAX_LINK) {
            return Optional.of("A link can be at most " + MAX_LINK + " characters.");
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.of("Only http:// and https:// links are allowed (e.g. a PR or postmortem URL).");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of("The link has no host; paste the whole URL, e.g. https://github.com/org/repo/pull/481.");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("This is not a valid URL (" + e.getReason() + "); paste the whole link, starting with"
                    + " https://.");
        }
    }

    private static String text(Map<String, String> fields, String key) {
        String value = fields.get(key);
        return value == null ? "" : value.strip();
    }

    private static String cut(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
