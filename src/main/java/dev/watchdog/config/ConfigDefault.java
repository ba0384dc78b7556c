package dev.watchdog.config;

import java.util.List;
import java.util.Map;

/**
 * A value a config file gets when it leaves {@code section.key} out, written as the file would write it
 * ({@code ${PROMETHEUS_URL:-http://localhost:9090}}), so it is expanded, checked and reported like one the user wrote:
 * the environment defaults apply to any config file, not only to the one Watchdog ships.
 *
 * @param section      the top-level key, e.g. {@code prometheus}
 * @param key          the key inside it, e.g. {@code url}
 * @param variable     the environment variable it reads
 * @param fallback     the value when the variable is unset; null: the variable is needed (an unset one is reported
 *                     as unset, as {@code ${VAR}} in the file would be)
 * @param whenSet      add the key only when the variable is set: the section works without it
 * @param makesSection a file without the section gets one; otherwise only an existing section gets the key
 * @param onlyWhen     sibling key and the values it must have for the default to apply (e.g. provider: openai); null:
 *                     always
 */
public record ConfigDefault(String section, String key, String variable, String fallback, boolean whenSet,
        boolean makesSection, Map.Entry<String, List<String>> onlyWhen) {

    /** {@code ${VARIABLE:-fallback}}, creating the section if the file has none. */
    public static ConfigDefault orElse(String section, String key, String variable, String fallback) {
        return new ConfigDefault(section, key, variable, fallback, false, true, null);
    }

    /** {@code ${VARIABLE}}, which must be set, creating the section if the file has none. */
    public static ConfigDefault required(String section, String key, String variable) {
        return new ConfigDefault(section, key, variable, null, false, true, null);
    }

    /** {@code ${VARIABLE}} when it is set, in a section the file has whose {@code sibling} is one of {@code values}. */
    public static ConfigDefault ifSet(String section, String key, String variable, String sibling, String... values) {
        return new ConfigDefault(section, key, variable, null, true, false, Map.entry(sibling, List.of(values)));
    }

    /** What the file would say: {@code ${VARIABLE}} or {@code ${VARIABLE:-fallback}}. */
    String reference() {
        return "${" + variable + (fallback == null ? "" : ":-" + fallback) + "}";
    }

    /** {@code section.key}, as problems name it. */
    public String path() {
        return section + "." + key;
    }
}
