package dev.watchdog.prometheus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.SharedHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Read-only client for the Prometheus HTTP API (v1). Every request goes through
 * {@link #get}, which accepts only a {@link ReadEndpoint} and only sends GET, so nothing here
 * can reach the admin API or change anything on the server.
 *
 * <p>Failures are {@link PrometheusException}s whose message names the base URL and the query.
 * Instances are immutable and thread-safe.
 */
public final class PrometheusClient {

    static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpUrl base;
    private final String displayUrl;
    private final OkHttpClient http;
    private final Duration queryTimeout;
    private final long maxResponseBytes;

    /**
     * @param baseUrl      where Prometheus serves {@code /api/v1}, with its path prefix if any
     *                     (e.g. {@code http://host/prom})
     * @param http         the shared client; a derived client with {@code queryTimeout} is used
     * @param queryTimeout how long to wait for any answer; also sent to Prometheus as the query
     *                     {@code timeout} so it stops evaluating when we stop waiting
     */
    public PrometheusClient(String baseUrl, OkHttpClient http, Duration queryTimeout) {
        this(baseUrl, http, queryTimeout, DEFAULT_MAX_RESPONSE_BYTES);
    }

    PrometheusClient(String baseUrl, OkHttpClient http, Duration queryTimeout, long maxResponseBytes) {
        HttpUrl parsed = baseUrl == null ? null : HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("Prometheus URL '" + baseUrl + "' is not an http:// or https:// URL");
        }
        if (queryTimeout == null || queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("Prometheus query timeout must be positive, was " + queryTimeout);
        }
        this.base = parsed;
        this.displayUrl = withoutCredentials(parsed);
        this.queryTimeout = queryTimeout;
        this.maxResponseBytes = maxResponseBytes;
        // Prometheus itself never redirects API calls.
        this.http = SharedHttpClient.forPeer(http, queryTimeout);
    }

    /** The base URL as shown in messages (credentials removed, no trailing slash). */
    public String baseUrl() {
        return displayUrl;
    }

    /**
     * Evaluates {@code promql} at {@code time} ({@code null}: Prometheus' now). A vector gives one
     * sample per series, a scalar one sample without labels.
     */
    public List<Sample> query(String promql, Instant time) {
        String subject = "query '" + promql + "'";
        return get(ReadEndpoint.QUERY, null,
                params("query", promql, "time", unixSeconds(time), "timeout", format(queryTimeout)),
                subject, data -> switch (ApiData.resultType(data)) {
                    case "vector" -> ApiData.vector(data);
                    case "scalar" -> List.of(ApiData.scalar(data));
                    case "matrix" -> throw unsupported(subject, "a range vector (matrix)",
                            "use a range query, or wrap the selector in a function such as max_over_time(...)");
                    case "string" -> throw unsupported(subject, "a string",
                            "an expression that returns a vector or a scalar is needed");
                    default -> throw new ApiData.UnexpectedShape(
                            "unknown data.resultType '" + ApiData.resultType(data) + "'");
                });
    }

    /** Evaluates {@code promql} at every {@code step} from {@code start} to {@code end}. */
    public List<RangeSeries> queryRange(String promql, Instant start, Instant end, Duration step) {
        String subject = "range query '" + promql + "' from " + start + " to " + end + " step " + format(step);
        return get(ReadEndpoint.QUERY_RANGE, null,
                params("query", promql, "start", unixSeconds(start), "end", unixSeconds(end),
                        "step", format(step), "timeout", format(queryTimeout)),
                subject, data -> {
                    if (!ApiData.resultType(data).equals("matrix")) {
                        throw new ApiData.UnexpectedShape(
                                "data.resultType is '" + ApiData.resultType(data) + "', not 'matrix'");
                    }
                    return ApiData.matrix(data);
                });
    }

    /**
     * Values of {@code label}, optionally only on series matching the selector {@code match}
     * and seen between {@code start} and {@code end}; {@code null} leaves a filter out.
     */
    public List<String> labelValues(String label, String match, Instant start, Instant end) {
        String subject = "label values of '" + label + "'" + (isBlank(match) ? "" : " matching '" + match + "'");
        if (!ReadEndpoint.isValidLabelName(label)) {
            throw new PrometheusException("Prometheus at " + displayUrl + " was not asked for " + subject
                    + ": '" + label + "' is not a label name (letters, digits and _, not starting with a digit)",
                    0, PrometheusException.BAD_DATA, null);
        }
        return get(ReadEndpoint.LABEL_VALUES, label,
                params("match[]", isBlank(match) ? null : match, "start", unixSeconds(start), "end", unixSeconds(end)),
                subject, ApiData::strings);
    }

    /**
     * Metric names. A {@code match} containing <code>{</code> is a series selector and filters on
     * the server (e.g. <code>{job="api"}</code>); any other non-blank {@code match} keeps the names
     * that contain it, ignoring case (e.g. {@code http_req}), because Prometheus has no substring
     * search for names. Blank or {@code null}: all names.
     */
    public List<String> metricNames(String match) {
        if (!isBlank(match) && match.contains("{")) {
            return labelValues("__name__", match, null, null);
        }
        List<String> names = labelValues("__name__", null, null, null);
        if (isBlank(match)) {
            return names;
        }
        String needle = match.strip().toLowerCase(Locale.ROOT);
        return names.stream().filter(name -> name.toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    /** Alerts that Prometheus' own rules currently hold as pending or firing. */
    public List<PrometheusAlert> alerts() {
        return get(ReadEndpoint.ALERTS, null, Map.of(), "the list of alerts", ApiData::alerts);
    }

    /** A cheap reachability check: who answers at the base URL. */
    public BuildInfo buildInfo() {
        return get(ReadEndpoint.BUILD_INFO, null, Map.of(), "the build info", ApiData::buildInfo);
    }

    /** The one way out of this class: a GET on an allowed read endpoint. */
    private <T> T get(ReadEndpoint endpoint, String label, Map<String, String> params, String subject,
                      Function<JsonNode, T> readData) {
        HttpUrl.Builder url = endpoint.url(base, label).newBuilder();
        params.forEach(url::addQueryParameter);
        Request request = new Request.Builder().url(url.build()).get().build();
        try (Response response = http.newCall(request).execute()) {
            JsonNode data = dataOf(response, subject);
            return readData.apply(data);
        } catch (ApiData.UnexpectedShape e) {
            throw new PrometheusException("Prometheus at " + displayUrl + " sent an unexpected response for "
                    + subject + ": " + e.getMessage(), 200, PrometheusException.INVALID_RESPONSE, e);
        } catch (InterruptedIOException e) {
            // OkHttp's call timeout and socket timeouts both end up here.
            throw new PrometheusException("Prometheus at " + displayUrl + " did not answer within "
                    + format(queryTimeout) + " for " + subject, 0, PrometheusException.TIMEOUT, e);
        } catch (IOException e) {
            throw new PrometheusException("Prometheus at " + displayUrl + " is unreachable ("
                    + FailureText.whyNoAnswer(e) + ") for " + subject, 0, PrometheusException.UNAVAILABLE, e);
        }
    }

    /** The {@code data} of a successful answer; every other answer becomes an exception. */
    private JsonNode dataOf(Response response, String subject) throws IOException {
        int status = response.code();
        String body = readBounded(response.body(), subject, status);
        JsonNode json = parseJson(body);
        boolean prometheusShaped = json != null && json.path("status").isTextual();
        if (prometheusShaped && json.path("status").asText().equals("error")) {
            String errorType = json.path("errorType").asText("unknown");
            throw new PrometheusException("Prometheus at " + displayUrl + " returned an error for " + subject
                    + " (HTTP " + status + ", " + errorType + "): " + json.path("error").asText(""),
                    status, errorType, null);
        }
        if (!response.isSuccessful()) {
            throw new PrometheusException("Prometheus at " + displayUrl + " answered HTTP " + status + " for "
                    + subject + ": " + FailureText.snippet(body) + hintFor(response), status,
                    PrometheusException.HTTP, null);
        }
        if (!prometheusShaped) {
            throw new PrometheusException("Prometheus at " + displayUrl + " sent a response for " + subject
                    + " that is not Prometheus API JSON (HTTP " + status + ", "
                    + response.header("Content-Type", "no Content-Type") + "): " + FailureText.snippet(body),
                    status, PrometheusException.INVALID_RESPONSE, null);
        }
        if (!json.path("status").asText().equals("success") || !json.has("data")) {
            throw new ApiData.UnexpectedShape("status is '" + json.path("status").asText() + "' without data");
        }
        return json.get("data");
    }

    /** Reads at most {@code maxResponseBytes}: a huge result must not exhaust the heap. */
    private String readBounded(ResponseBody body, String subject, int status) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        if (source.request(maxResponseBytes + 1)) {
            throw new PrometheusException("Prometheus at " + displayUrl + " sent more than " + bytes(maxResponseBytes)
                    + " for " + subject + "; narrow the query (fewer series, a shorter range or a larger step)",
                    status, PrometheusException.RESPONSE_TOO_LARGE, null);
        }
        return source.getBuffer().readUtf8();
    }

    private static JsonNode parseJson(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String hintFor(Response response) {
        if (response.isRedirect()) {
            return " (redirected to " + response.header("Location", "nowhere")
                    + "; use the final URL as the Prometheus URL)";
        }
        if (response.code() == 404) {
            return " (is " + displayUrl + " the Prometheus URL, with its path prefix if it has one?)";
        }
        return "";
    }

    private PrometheusException unsupported(String subject, String what, String advice) {
        return new PrometheusException("Prometheus at " + displayUrl + " returned " + what + " for " + subject
                + "; " + advice, 200, PrometheusException.UNSUPPORTED_RESULT, null);
    }



    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return params;
    }

    /** Unix seconds with milliseconds, the precision Prometheus keeps (e.g. 1700000000.25). */
    static String unixSeconds(Instant time) {
        return time == null ? null : BigDecimal.valueOf(time.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }

    /** A Prometheus duration: whole seconds as {@code 10s}, anything finer in {@code ms}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String bytes(long bytes) {
        long mib = 1024 * 1024;
        if (bytes % mib == 0) {
            return bytes / mib + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static String withoutCredentials(HttpUrl url) {
        String shown = url.newBuilder().username("").password("").build().toString();
        return shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
