package dev.watchdog.prometheus;

import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The only Prometheus HTTP API paths Watchdog may call, all read-only. There is deliberately
 * no constant for {@code /api/v1/admin/*}, {@code /-/reload}, {@code /-/quit} or remote write:
 * {@link PrometheusClient} can only reach what is listed here.
 */
enum ReadEndpoint {
    QUERY("api/v1/query"),
    QUERY_RANGE("api/v1/query_range"),
    SERIES("api/v1/series"),
    LABELS("api/v1/labels"),
    LABEL_VALUES("api/v1/label/{label}/values"),
    ALERTS("api/v1/alerts"),
    RULES("api/v1/rules"),
    METADATA("api/v1/metadata"),
    BUILD_INFO("api/v1/status/buildinfo"),
    FLAGS("api/v1/status/flags");

    /**
     * Prometheus 2.x label names. Checked strictly because Prometheus' router decodes {@code %2F}
     * and answers {@code label/..%2F..%2Fadmin/values} with a redirect to another API path.
     */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final String path;

    ReadEndpoint(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    static boolean isValidLabelName(String label) {
        return label != null && LABEL_NAME.matcher(label).matches();
    }

    /** The endpoint's URL under {@code base}; {@code label} fills {@code {label}} if present. */
    HttpUrl url(HttpUrl base, String label) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : path.split("/")) {
            if (segment.equals("{label}")) {
                if (!isValidLabelName(label)) {
                    throw new IllegalArgumentException("not a label name: " + label);
                }
                url.addPathSegment(label);
            } else {
                url.addPathSegment(segment);
            }
        }
        return url.build();
    }
}
