package dev.watchdog.ops.telemetry;

import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The Slack SDK's HTTP client with every Web API call counted by method and HTTP status
 * ({@code watchdog_slack_api_calls_total}; 429 is Slack throttling us) and traced as a client span.
 * Reads (history, user groups) count as well as writes, so throttling shows whatever caused it.
 */
public final class SlackApiTracing {

    private SlackApiTracing() {
    }

    /** The client the SDK would build from {@code config}, with the counting and tracing added. */
    public static SlackHttpClient httpClient(SlackConfig config) {
        OkHttpClient client = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .addInterceptor(SlackApiTracing::count)
                .addInterceptor(HttpTracing.withoutPropagation())
                .build();
        SlackHttpClient http = new SlackHttpClient(client);
        http.setConfig(config);
        return http;
    }

    private static Response count(Interceptor.Chain chain) throws IOException {
        String method = method(chain.request().url().encodedPath());
        try {
            Response response = chain.proceed(chain.request());
            Telemetry.get().metrics().slackApiCall(method, String.valueOf(response.code()));
            return response;
        } catch (IOException | RuntimeException failure) {
            Telemetry.get().metrics().slackApiCall(method, "network_error");
            throw failure;
        }
    }

    /** {@code /api/chat.postMessage} → {@code chat.postMessage}: the last segment, a fixed set of names. */
    static String method(String path) {
        int slash = path.lastIndexOf('/');
        String last = slash < 0 ? path : path.substring(slash + 1);
        return last.matches("[A-Za-z.]{1,64}") ? last : "other";
    }
}
