package dev.watchdog.prometheus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.http.ReadOnlyPeer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Read-only client for the Prometheus HTTP API (v1). Every request goes through
 * {@link #exchange}: a GET on a {@link ReadEndpoint}, or an instant query's POST form to {@code /api/v1/query}
 * (a read too), so nothing here can reach the admin API or change anything on the server.
 *
 * <p>Failures are {@link PrometheusException}s whose message names the base URL and the query.
 * Instances are immutable and thread-safe.
 */
public final class PrometheusClient {

    static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ReadOnlyPeer peer;
    private final Duration queryTimeout;

    /**
     * @param baseUrl      where Prometheus serves {@code /api/v1}, with its path prefix if any
     *                     (e.g. {@code http://host/prom})
     * @param http         the shared client; a derived client with {@code queryTimeout} is used
     * @param queryTimeout how long to wait for any answer; also sent to Prometheus as the query
     *                     {@code timeout} so it stops evaluating when we stop waiting
     */
    /** The client of {@code prometheus:}, on the process' shared HTTP client. */
    public static PrometheusClient from(PrometheusSettings settings) {
        return new PrometheusClient(settings.url(), SharedHttpClient.get(), settings.queryTimeout());
    }

    public PrometheusClient(String baseUrl, OkHttpClient http, Duration queryTimeout) {
        this(baseUrl, http, queryTimeout, DEFAULT_MAX_RESPONSE_BYTES);
    }

    PrometheusClient(String baseUrl, OkHttpClient http, Duration queryTimeout, long maxResponseBytes) {
        this.peer = new ReadOnlyPeer("Prometheus", baseUrl, PeerAuth.NONE, http, queryTimeout, maxResponseBytes);
        this.queryTimeout = queryTimeout;
    }

    /** The base URL as shown in messages (credentials removed, no trailing slash). */
    public String baseUrl() {
        return peer.displayUrl();
    }

    /**
     * Evaluates {@code promql} at {@code time} ({@code null}: Prometheus' now). A vector gives one
     * sample per series, a scalar one sample without labels.
     */
    public List<Sample> query(String promql, Instant time) {
        return query(prepare(promql), time);
    }

    /**
     * An instant query built once, to be run at many times: a rule's expression is asked at every poll, and only
     * the time changes. A long expression goes as a POST form, which Prometheus accepts for {@code /api/v1/query}
     * and which no URL length limit of a proxy cuts.
     */
    public InstantQuery prepare(String promql) {
        HttpUrl endpoint = ReadEndpoint.QUERY.url(peer.base(), null);
        String timeout = FailureText.duration(queryTimeout);
        if (promql.length() <= InstantQuery.MAX_GET_QUERY_CHARS) {
            return InstantQuery.get(promql, endpoint.newBuilder().addQueryParameter("query", promql)
                    .addQueryParameter("timeout", timeout).build());
        }
        return InstantQuery.post(promql, endpoint, new FormBody.Builder().add("query", promql).add("timeout", timeout)
                .build());
    }

    /** Runs a prepared instant query at {@code time} ({@code null}: Prometheus' now). */
    public List<Sample> query(InstantQuery query, Instant time) {
        String subject = "query '" + query.promql() + "'";
        return exchange(() -> query.send(peer, unixSeconds(time)), subject, answer -> {
            List<Sample> samples = answer.isSuccessful() ? StreamingResult.samples(answer.body()) : null;
            return samples != null ? samples : instantResult(dataOf(answer, subject), subject);
        });
    }

    private List<Sample> instantResult(JsonNode data, String subject) {
        return switch (ApiData.resultType(data)) {
            case "vector" -> ApiData.vector(data);
            case "scalar" -> List.of(ApiData.scalar(data));
            case "matrix" -> throw unsupported(subject, "a range vector (matrix)",
                    "use a range query, or wrap the selector in a function such as max_over_time(...)");
            case "string" -> throw unsupported(subject, "a string",
                    "an expression that returns a vector or a scalar is needed");
            default -> throw new ApiData.UnexpectedShape(
                    "unknown data.resultType '" + ApiData.resultType(data) + "'");
        };
    }

    /** Evaluates {@code promql} at every {@code step} from {@code start} to {@code end}. */
    public List<RangeSeries> queryRange(String promql, Instant start, Instant end, Duration step) {
        String subject = "range query '" + promql + "' from " + start + " to " + end + " step " + FailureText.duration(step);
        return get(ReadEndpoint.QUERY_RANGE, null,
                params("query", promql, "start", unixSeconds(start), "end", unixSeconds(end),
                        "step", FailureText.duration(step), "timeout", FailureText.duration(queryTimeout)),
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
            throw new PrometheusException(at() + " was not asked for " + subject
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

    /**
     * The label sets of the series matching the selector {@code match} seen between {@code start} and {@code end}
     * ({@code /api/v1/series}), e.g. to tell whether a rule's selector can match anything.
     */
    public List<Map<String, String>> series(String match, Instant start, Instant end) {
        return get(ReadEndpoint.SERIES, null, params("match[]", match, "start", unixSeconds(start), "end",
                unixSeconds(end)), "series matching '" + match + "'", ApiData::labelSets);
    }

    /** Alerts that Prometheus' own rules currently hold as pending or firing. */
    public List<PrometheusAlert> alerts() {
        return get(ReadEndpoint.ALERTS, null, Map.of(), "the list of alerts", ApiData::alerts);
    }

    /** A cheap reachability check: who answers at the base URL. */
    public BuildInfo buildInfo() {
        return get(ReadEndpoint.BUILD_INFO, null, Map.of(), "the build info", ApiData::buildInfo);
    }

    /** The server's command-line flags ({@code /api/v1/status/flags}), e.g. {@code query.max-concurrency}. */
    public Map<String, String> flags() {
        return get(ReadEndpoint.FLAGS, null, Map.of(), "the flags", data -> ApiData.labels(data, "data"));
    }

    /** How every message starts: which Prometheus was asked. */
    private String at() {
        return "Prometheus at " + peer.displayUrl();
    }

    /** A GET on an allowed read endpoint. */
    private <T> T get(ReadEndpoint endpoint, String label, Map<String, String> params, String subject,
                      Function<JsonNode, T> readData) {
        HttpUrl.Builder url = endpoint.url(peer.base(), label).newBuilder();
        params.forEach(url::addQueryParameter);
        return exchange(() -> peer.get(url.build()), subject, answer -> readData.apply(dataOf(answer, subject)));
    }

    /** One request to Prometheus: a GET on an allowed read endpoint, or an instant query's POST form. */
    @FunctionalInterface
    interface Send {
        ReadOnlyPeer.Answer send() throws ReadOnlyPeer.NoAnswer;
    }

    /** The one way out of this class: every failure becomes a {@link PrometheusException} naming the subject. */
    private <T> T exchange(Send send, String subject, Function<ReadOnlyPeer.Answer, T> read) {
        try {
            return read.apply(send.send());
        } catch (ApiData.UnexpectedShape e) {
            throw new PrometheusException(at() + " sent an unexpected response for "
                    + subject + ": " + e.getMessage(), 200, PrometheusException.INVALID_RESPONSE, e);
        } catch (ReadOnlyPeer.NoAnswer e) {
            boolean tooLarge = e.reason() == ReadOnlyPeer.NoAnswer.Reason.TOO_LARGE;
            throw new PrometheusException(at() + " " + e.what() + " for " + subject
                    + (tooLarge ? "; narrow the query (fewer series, a shorter range or a larger step)" : ""),
                    e.status(), errorType(e.reason()), e.getCause());
        }
    }

    private static String errorType(ReadOnlyPeer.NoAnswer.Reason reason) {
        return switch (reason) {
            case TIMEOUT -> PrometheusException.TIMEOUT;
            case UNREACHABLE -> PrometheusException.UNAVAILABLE;
            case TOO_LARGE -> PrometheusException.RESPONSE_TOO_LARGE;
        };
    }

    /** The {@code data} of a successful answer; every other answer becomes an exception. */
    private JsonNode dataOf(ReadOnlyPeer.Answer answer, String subject) {
        int status = answer.status();
        JsonNode json = parseJson(answer.body());
        boolean prometheusShaped = json != null && json.path("status").isTextual();
        if (prometheusShaped && json.path("status").asText().equals("error")) {
            String errorType = json.path("errorType").asText("unknown");
            throw new PrometheusException(at() + " returned an error for " + subject
                    + " (HTTP " + status + ", " + errorType + "): " + json.path("error").asText(""),
                    status, errorType, null);
        }
        if (!answer.isSuccessful()) {
            throw new PrometheusException(at() + " answered HTTP " + status + " for "
                    + subject + ": " + FailureText.snippet(answer.body()) + hintFor(answer), status,
                    PrometheusException.HTTP, null);
        }
        if (!prometheusShaped) {
            throw new PrometheusException(at() + " sent a response for " + subject
                    + " that is not Prometheus API JSON (HTTP " + status + ", " + answer.contentType() + "): "
                    + FailureText.snippet(answer.body()), status, PrometheusException.INVALID_RESPONSE, null);
        }
        if (!json.path("status").asText().equals("success") || !json.has("data")) {
            throw new ApiData.UnexpectedShape("status is '" + json.path("status").asText() + "' without data");
        }
        return json.get("data");
    }

    private static JsonNode parseJson(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String hintFor(ReadOnlyPeer.Answer answer) {
        if (answer.isRedirect()) {
            return " (redirected to " + answer.redirectTarget() + "; use the final URL as the Prometheus URL)";
        }
        if (answer.status() == 404) {
            return " (is " + peer.displayUrl() + " the Prometheus URL, with its path prefix if it has one?)";
        }
        return "";
    }

    private PrometheusException unsupported(String subject, String what, String advice) {
        return new PrometheusException(at() + " returned " + what + " for " + subject
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

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
