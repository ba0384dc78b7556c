package dev.watchdog.deploys;

import okhttp3.HttpUrl;

/** Base URLs of HTTP sources and the checks that keep credentials on the configured host. */
final class SourceUrls {

    private SourceUrls() {
    }

    static HttpUrl parse(String source, String peer, String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw new IllegalArgumentException(source + ": " + peer + " URL '" + url
                    + "' is not an http:// or https:// URL");
        }
        return parsed;
    }

    /** True when a request to {@code url} goes to the same scheme, host and port as {@code base}. */
    static boolean sameOrigin(HttpUrl url, HttpUrl base) {
        return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port();
    }

    /**
     * The web address matching a GitHub API base, for links people open: {@code api.github.com}
     * serves {@code github.com}, Enterprise Server serves its API under {@code /api/v3}.
     */
    static String webRoot(HttpUrl api) {
        HttpUrl.Builder web = api.newBuilder().username("").password("").query(null).fragment(null);
        if (api.host().startsWith("api.")) {
            web.host(api.host().substring("api.".length()));
        }
        String path = api.encodedPath().replaceAll("/+$", "");
        if (path.endsWith("/api/v3")) {
            path = path.substring(0, path.length() - "/api/v3".length());
        }
        String root = web.encodedPath("/").build().toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path;
    }
}
