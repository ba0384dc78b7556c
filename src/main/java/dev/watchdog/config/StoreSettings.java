package dev.watchdog.config;

import java.nio.file.Path;

public record StoreSettings(Path path) {

    static StoreSettings bind(ConfigNode node, Path fallback) {
        node.allowOnly("path");
        String path = node.string("path", fallback.toString()).trim();
        return new StoreSettings(path.isEmpty() ? fallback : Path.of(path));
    }
}
