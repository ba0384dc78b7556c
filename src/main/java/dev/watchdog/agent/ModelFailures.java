package dev.watchdog.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.watchdog.config.Durations;
import dev.watchdog.security.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * What went wrong when calling the model, in words for the people in the thread, and whether
 * asking again may help. LangChain4j reports failures as a family of exceptions wrapping each
 * other; the HTTP status, when there is one, decides.
 */
final class ModelFailures {

    private static final int MAX_BODY_CHARS = 200;

    private final Duration timeout;
    private final Redactor redactor;

    /** @param timeout the model's request timeout, named in timeout messages; null when unknown */
    ModelFailures(Duration timeout, Redactor redactor) {
        this.timeout = timeout;
        this.redactor = redactor;
    }

    /** E.g. "the model answered HTTP 429 (rate limited)". */
    String describe(Throwable failure) {
        OptionalInt status = httpStatus(failure);
        if (status.isPresent()) {
            int code = status.getAsInt();
            return "the model answered HTTP " + code + " (" + meaning(code, failure) + ")";
        }
        if (isTimeout(failure)) {
            return timeout == null ? "the model did not answer in time"
                    : "the model did not answer within " + Durations.format(timeout);
        }
        if (has(failure, ConnectException.class)) {
            return "the model endpoint could not be reached (connection refused)";
        }
        if (has(failure, UnresolvedAddressException.class) || has(failure, UnresolvedModelServerException.class)
                || has(failure, java.net.UnknownHostException.class)) {
            return "the model endpoint could not be reached (unknown host)";
        }
        if (has(failure, JsonProcessingException.class)) {
            return "the model endpoint sent a response that is not valid JSON";
        }
        if (failure instanceof InternalServerException) {
            return "the model sent an unusable response (" + redacted(failure.getMessage()) + ")";
        }
        if (has(failure, IOException.class)) {
            return "the connection to the model failed (" + redacted(root(failure).getMessage()) + ")";
        }
        return "the model call failed (" + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + redacted(failure.getMessage())) + ")";
    }

    /**
     * Rate limits, server errors, timeouts and dropped connections may pass; a refused key, an
     * unknown model or a rejected request will not, and an unreadable body will likely repeat.
     */
    static boolean isRetriable(Throwable failure) {
        OptionalInt status = httpStatus(failure);
        if (status.isPresent()) {
            int code = status.getAsInt();
            return code == 408 || code == 429 || code >= 500;
        }
        if (failure instanceof RateLimitException || isTimeout(failure)) {
            return true;
        }
        if (has(failure, JsonProcessingException.class) || has(failure, UnresolvedAddressException.class)
                || has(failure, java.net.UnknownHostException.class)) {
            return false;
        }
        return has(failure, IOException.class);
    }

    static OptionalInt httpStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return OptionalInt.of(http.statusCode());
            }
        }
        return OptionalInt.empty();
    }

    private String meaning(int code, Throwable failure) {
        if (code == 429) {
            return "rate limited";
        }
        if (code >= 500) {
            return "server error";
        }
        if (code == 401 || code == 403) {
            return "the API key was refused; check llm.api-key";
        }
        if (code == 404) {
            return "not found; check llm.base-url and llm.model";
        }
        if (code == 408) {
            return "request timeout";
        }
        return "request rejected: " + redacted(httpBody(failure));
    }

    private static String httpBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException) {
                return t.getMessage();
            }
        }
        return "";
    }

    private String redacted(String text) {
        if (text == null) {
            return "";
        }
        String flat = redactor.redact(text).strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_BODY_CHARS ? flat : flat.substring(0, MAX_BODY_CHARS) + "…";
    }

    private static boolean isTimeout(Throwable failure) {
        return has(failure, dev.langchain4j.exception.TimeoutException.class) || has(failure, HttpTimeoutException.class)
                || has(failure, java.net.SocketTimeoutException.class);
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
