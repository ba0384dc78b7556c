package dev.watchdog.prometheus;

import dev.watchdog.http.ReadOnlyPeer;
import okhttp3.FormBody;
import okhttp3.HttpUrl;

/**
 * An instant query's request, built once ({@link PrometheusClient#prepare}): the expression and the timeout are
 * encoded already, only the time is added at each run. Immutable and thread-safe.
 */
public final class InstantQuery {

    /** Longer expressions go as a POST form: proxies and servers cut URLs at a few kilobytes. */
    static final int MAX_GET_QUERY_CHARS = 2000;

    private final String promql;
    private final HttpUrl url;
    private final String form;

    private InstantQuery(String promql, HttpUrl url, String form) {
        this.promql = promql;
        this.url = url;
        this.form = form;
    }

    static InstantQuery get(String promql, HttpUrl urlWithoutTime) {
        return new InstantQuery(promql, urlWithoutTime, null);
    }

    static InstantQuery post(String promql, HttpUrl endpoint, FormBody withoutTime) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < withoutTime.size(); i++) {
            form.append(i == 0 ? "" : "&").append(withoutTime.encodedName(i)).append('=')
                    .append(withoutTime.encodedValue(i));
        }
        return new InstantQuery(promql, endpoint, form.toString());
    }

    public String promql() {
        return promql;
    }

    boolean isPost() {
        return form != null;
    }

    /** Sends it at {@code unixSeconds} (null: Prometheus' now). */
    ReadOnlyPeer.Answer send(ReadOnlyPeer peer, String unixSeconds) throws ReadOnlyPeer.NoAnswer {
        if (form != null) {
            return peer.postForm(url, unixSeconds == null ? form : form + "&time=" + unixSeconds);
        }
        return peer.get(unixSeconds == null ? url : url.newBuilder().addQueryParameter("time", unixSeconds).build());
    }
}
