package dev.watchdog.http;

import dev.watchdog.security.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;

/**
 * The words every peer client uses for what went wrong, so Prometheus, logs and deployments say it
 * alike; what they quote from a peer (a URL, a body) has its secrets masked first.
 */
public final class FailureText {

    static final int SNIPPET_CHARS = 200;

    private FailureText() {
    }

    /** Why no HTTP answer arrived: "connection refused", "unknown host x", "TLS failed: …", or the error itself. */
    public static String whyNoAnswer(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + t.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The start of a response body on one line, secrets masked (a body may echo a token), for an error message. */
    public static String snippet(String body) {
        String text = Redactor.standard().redact(body.strip().replaceAll("\\s+", " "));
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS) + "...";
    }

    /** A URL as shown to people and the model: no user info, secret-looking query values masked. */
    public static String url(HttpUrl url) {
        return Redactor.standard().redact(url.newBuilder().username("").password("").build().toString());
    }

    /** {@code 10s}, or {@code 300ms} below a whole second: how Prometheus and Elasticsearch spell a timeout. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** {@code 4 MiB}, {@code 2 KiB}, or {@code 100 bytes}: a configured size limit, as it was configured. */
    public static String bytes(long bytes) {
        long mib = 1024 * 1024;
        if (bytes % mib == 0) {
            return bytes / mib + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
