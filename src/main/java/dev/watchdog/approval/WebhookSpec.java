package dev.watchdog.approval;

import dev.watchdog.security.Secret;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one kind of executor: an HTTP request. It covers CI/CD pipelines, GitHub workflow_dispatch,
 * Argo CD sync and rollback, runbook automation endpoints. There is no shell executor on purpose.
 *
 * @param url     {@code {{ name }}} placeholders only in the path and query, filled URL-encoded
 * @param headers fixed values, usually credentials (from ${ENV} in the config); includes the Content-Type of a body
 * @param body    JSON with {@code {{ name }}} placeholders filled with JSON values; null: no body
 * @param timeout the whole call, connect to last byte
 */
public record WebhookSpec(String method, Template url, Map<String, Secret> headers, Template body, Duration timeout) {

    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public WebhookSpec {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
