package dev.watchdog.approval;

import dev.watchdog.security.Redactor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends an approved request, once. Redirects are not followed (the request must go where it was
 * shown to go), failed connections are not retried (a retry could run the action twice), the whole
 * call has the action's timeout, and only the start of the answer is read.
 */
public final class WebhookExecutor {

    public static final int EXCERPT_LENGTH = 500;
    private static final int READ_LIMIT = 8 * 1024;

    private final OkHttpClient shared;
    private final Redactor redactor;

    /** @param shared the process's client ({@code SharedHttpClient.get()}); pool and threads are reused */
    public WebhookExecutor(OkHttpClient shared, Redactor redactor) {
        this.shared = shared;
        this.redactor = redactor;
    }

    public ExecutionResult send(PreparedRequest prepared, Duration timeout) {
        OkHttpClient client = shared.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .build();
        Request request;
        try {
            request = new Request.Builder()
                    .url(prepared.url())
                    .headers(Headers.of(prepared.headers()))
                    .method(prepared.method(), body(prepared))
                    .build();
        } catch (IllegalArgumentException invalid) {
            return new ExecutionResult(false, 0, "the request could not be built: " + invalid.getMessage());
        }
        try (Response response = client.newCall(request).execute()) {
            String excerpt = excerpt(response.body());
            if (response.isRedirect()) {
                excerpt = "redirects are not followed (Location: " + redactor.redact(response.header("Location", "?"))
                        + ")" + (excerpt.isEmpty() ? "" : " " + excerpt);
            }
            return new ExecutionResult(response.isSuccessful(), response.code(), cut(excerpt));
        } catch (InterruptedIOException timedOut) {
            return new ExecutionResult(false, 0, "no complete answer within " + timeout.toSeconds()
                    + "s; the request may or may not have been acted on");
        } catch (IOException failure) {
            return new ExecutionResult(false, 0, cut("the request failed: " + redactor.redact(
                    String.valueOf(failure.getMessage()))));
        }
    }

    /**
     * The body exactly as previewed: bytes, so OkHttp adds no charset to the Content-Type. Methods
     * that must carry a body get an empty one when the action has none.
     */
    private static RequestBody body(PreparedRequest prepared) {
        boolean needsBody = switch (prepared.method()) {
            case "POST", "PUT", "PATCH" -> true;
            default -> false;
        };
        if (prepared.body().isEmpty()) {
            return needsBody ? RequestBody.create(new byte[0], null) : null;
        }
        return RequestBody.create(prepared.body().getBytes(StandardCharsets.UTF_8), null);
    }

    private String excerpt(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        source.request(READ_LIMIT);
        long available = Math.min(source.getBuffer().size(), READ_LIMIT);
        String text = source.getBuffer().readString(available, StandardCharsets.UTF_8);
        return redactor.redact(text.replaceAll("\\s+", " ").strip());
    }

    private static String cut(String text) {
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH - 1) + "…";
    }
}
