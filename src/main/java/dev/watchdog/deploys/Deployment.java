package dev.watchdog.deploys;

import java.time.Instant;
import java.util.Objects;

/**
 * One rollout of one service, as told by a deployment source. Text fields are never null: a value
 * the source did not give is the empty string, so renderers only test {@code isEmpty()}.
 *
 * @param service     the service as configured or as named by the source
 * @param version     what was deployed as people name it: a tag, branch or chart version
 * @param environment where it went (production, staging, ...)
 * @param time        when it happened; sources use the moment the deployment was made
 * @param who         the person or bot that started it
 * @param commit      the commit SHA, when the source knows one
 * @param link        where a person can read more (logs, the Argo CD application, the CI run)
 * @param status      the source's own word for the outcome (success, failure, Synced/Healthy, ...)
 * @param source      the configured name of the source that reported it
 */
public record Deployment(String service, String version, String environment, Instant time, String who,
        String commit, String link, String status, String source) {

    public Deployment {
        Objects.requireNonNull(time, "time");
        service = orEmpty(service);
        version = orEmpty(version);
        environment = orEmpty(environment);
        who = orEmpty(who);
        commit = orEmpty(commit);
        link = orEmpty(link);
        status = orEmpty(status);
        source = orEmpty(source);
    }

    /** True when {@code wanted} is null or blank (every service) or names this service, ignoring case. */
    public boolean isFor(String wanted) {
        return ServiceFilter.matches(wanted, service);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
