package dev.watchdog.gotemplate;

/**
 * The dot of an alert template, the anonymous struct Prometheus passes:
 * {@code .Labels}, {@code .ExternalLabels}, {@code .ExternalURL} and {@code .Value}.
 */
record AlertData(GoMap labels, GoMap externalLabels, String externalUrl, Object value) {

    static final String TYPE = "struct { Labels map[string]string; ExternalLabels map[string]string; "
            + "ExternalURL string; Value interface {} }";

    static final String[] FIELDS = {"Labels", "ExternalLabels", "ExternalURL", "Value"};

    /** The named field, or {@code null} when the struct has no such field. */
    Object field(String name) {
        return switch (name) {
            case "Labels" -> labels;
            case "ExternalLabels" -> externalLabels;
            case "ExternalURL" -> externalUrl;
            case "Value" -> value;
            default -> null;
        };
    }

    static boolean hasField(String name) {
        for (String field : FIELDS) {
            if (field.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
