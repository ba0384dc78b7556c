package dev.watchdog.gotemplate;

/**
 * One element of a query result, Prometheus' {@code *template.sample}: {@code .Labels} and {@code .Value}.
 * It has identity, like the Go pointer it stands for.
 */
final class Sample {

    static final String TYPE = "*template.sample";

    private final GoMap labels;
    private final Object value;

    Sample(GoMap labels, Object value) {
        this.labels = labels;
        this.value = value;
    }

    GoMap labels() {
        return labels;
    }

    Object value() {
        return value;
    }
}
