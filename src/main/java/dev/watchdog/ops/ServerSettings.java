package dev.watchdog.ops;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.security.Secret;
import java.util.Map;

/**
 * The ops HTTP server (/healthz, /readyz, /metrics, /api/alertmanager); loopback unless told otherwise.
 *
 * @param webhookToken bearer token Alertmanager must send to /api/alertmanager; empty means none
 */
public record ServerSettings(String host, int port, Secret webhookToken) {

    /**
     * The host when the config names none. The container image sets it to 0.0.0.0, because a port
     * published from a container reaches the container's own interface, never its loopback.
     */
    public static final String HOST_VARIABLE = "WATCHDOG_SERVER_HOST";
    private static final String LOOPBACK = "127.0.0.1";
    private static final int PORT = 9464;

    public static ServerSettings bind(ConfigNode node, Map<String, String> env) {
        node.allowOnly("host", "port", "webhook-token");
        String token = node.string("webhook-token", "");
        if (!token.equals(token.strip())) {
            node.field("webhook-token").orElse(node).problem("must not start or end with spaces");
            token = token.strip();
        }
        return new ServerSettings(node.string("host", defaultHost(env)).trim(), node.integer("port", PORT, 0, 65535),
                Secret.of(token));
    }

    public static ServerSettings defaults(Map<String, String> env) {
        return new ServerSettings(defaultHost(env), PORT, Secret.NONE);
    }

    private static String defaultHost(Map<String, String> env) {
        String host = env.getOrDefault(HOST_VARIABLE, "").trim();
        return host.isEmpty() ? LOOPBACK : host;
    }
}
