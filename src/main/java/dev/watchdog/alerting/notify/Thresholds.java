package dev.watchdog.alerting.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the message can say about a rule's expression: its threshold and a link to graph it. */
public final class Thresholds {

    private static final Pattern TRAILING_COMPARISON = Pattern.compile(
            "(>=|<=|==|!=|>|<)\\s*(?:bool\\s+)?(-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*\\)*\\s*$");

    private Thresholds() {
    }

    /** {@code > 0.05} for {@code rate(x[5m]) > 0.05}; null when the expression does not end in one. */
    public static String of(String expr) {
        Matcher m = TRAILING_COMPARISON.matcher(expr.strip());
        return m.find() ? m.group(1) + " " + m.group(2) : null;
    }

    /** Prometheus' graph page for the expression, as Prometheus links its own alerts. */
    public static String graphUrl(String prometheusUrl, String expr) {
        String base = prometheusUrl.endsWith("/") ? prometheusUrl : prometheusUrl + "/";
        return base + "graph?g0.expr=" + URLEncoder.encode(expr.strip(), StandardCharsets.UTF_8) + "&g0.tab=0";
    }
}
