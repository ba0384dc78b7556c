package dev.watchdog.config;

import java.net.URI;
import java.net.URISyntaxException;

public final class Urls {

    private Urls() {
    }

    /** An http(s) URL under {@code key}, or the fallback; anything else is reported. */
    public static String httpUrl(ConfigNode node, String key, String fallback) {
        String url = node.string(key, fallback).trim();
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        node.field(key).orElse(node).problem("\"" + url + "\" is not an http:// or https:// URL");
        return fallback;
    }
}
