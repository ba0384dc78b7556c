package dev.watchdog.config;

/** The ops HTTP server (/healthz, /readyz, /metrics); loopback unless told otherwise. */
public record ServerSettings(String host, int port) {

    static ServerSettings bind(ConfigNode node) {
        node.allowOnly("host", "port");
        return new ServerSettings(node.string("host", "127.0.0.1").trim(), node.integer("port", 9464, 0, 65535));
    }

    static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 9464);
    }
}
