package dev.watchdog.ops;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.security.Secret;

/**
 * The ops HTTP server (/healthz, /readyz, /metrics, /api/alertmanager); loopback unless told otherwise.
 *
 * @param webhookToken bearer token Alertmanager must send to /api/alertmanager; empty means none
 */
public record ServerSettings(String host, int port, Secret webhookToken) {

    public static ServerSettings bind(ConfigNode node) {
        node.allowOnly("host", "port", "webhook-token");
        String token = node.string("webhook-token", "");
        if (!token.equals(token.strip())) {
            node.field("webhook-token").orElse(node).problem("must not start or end with spaces");
            token = token.strip();
        }
        return new ServerSettings(node.string("host", "127.0.0.1").trim(), node.integer("port", 9464, 0, 65535),
                Secret.of(token));
    }

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 9464, Secret.NONE);
    }
}
