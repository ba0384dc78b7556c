package dev.watchdog.memory;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a diagnosis' evidence that say two incidents are alike, as comparable tokens:
 * {@code error:TimeoutException} for every exception or error type named, {@code deployer:alice}
 * for who deployed, {@code component:checkout} for the deployed or failing component.
 */
public final class EvidenceTokens {

    private static final Pattern ERROR_TYPE = Pattern.compile(
            "\\b(?:[a-z][A-Za-z0-9_]*\\.)*([A-Z][A-Za-z0-9_]*(?:Exception|Error|Throwable|Fault))\\b");
    private static final Pattern DEPLOYER = Pattern.compile("\\bby \"([^\"]{1,80})\"");
    private static final Pattern COMPONENT = Pattern.compile("\\b(?:service|component) \"([^\"]{1,80})\"");
    private static final int MAX_TOKENS = 40;

    private EvidenceTokens() {
    }

    /** The tokens found in the texts (findings, sources, free text people or models wrote). */
    public static Set<String> of(Collection<String> texts) {
        Set<String> tokens = new TreeSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            collect(tokens, "error:", ERROR_TYPE.matcher(text));
            collect(tokens, "deployer:", DEPLOYER.matcher(text));
            collect(tokens, "component:", COMPONENT.matcher(text));
        }
        return tokens.size() <= MAX_TOKENS ? tokens : new TreeSet<>(tokens.stream().limit(MAX_TOKENS).toList());
    }

    private static void collect(Set<String> tokens, String kind, Matcher matcher) {
        while (matcher.find()) {
            tokens.add(kind + matcher.group(1).strip().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
