package dev.watchdog.deploys;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code rel="next"} target of an RFC 8288 {@code Link} header, the way GitHub pages
 * lists: {@code <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"}.
 */
final class LinkHeader {

    /** One link: the target in angle brackets, then parameters up to the next comma outside brackets. */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private LinkHeader() {
    }

    static Optional<String> next(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL.matcher(link.group(2));
            if (rel.find()) {
                String relations = rel.group(1) != null ? rel.group(1) : rel.group(2);
                // rel may hold several space-separated relation types, e.g. rel="next last".
                for (String relation : relations.trim().split("\\s+")) {
                    if (relation.equalsIgnoreCase("next")) {
                        return Optional.of(link.group(1).trim());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
