package dev.watchdog.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** The words every peer client uses for what went wrong, so Prometheus, logs and deployments say it alike. */
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

    /** The start of a response body on one line, for an error message. */
    public static String snippet(String body) {
        String text = body.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS) + "...";
    }
}
