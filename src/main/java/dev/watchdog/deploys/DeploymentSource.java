package dev.watchdog.deploys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Somewhere that knows what was deployed recently: GitHub, Argo CD, a JSON URL, a file written by
 * CI. Sources only read; nothing here can start, change or roll back a deployment.
 */
public interface DeploymentSource {

    /** The configured name, used in every message and in {@link Deployment#source()}. */
    String name();

    /**
     * Deployments of {@code service} (null or blank: every service) made between
     * {@code now - lookback} and {@code now}, in no particular order.
     *
     * @throws DeploymentSourceException when any part of the source could not be read, even if
     *     others could; the message names the source and the URL or file, never a credential
     */
    List<Deployment> recent(String service, Duration lookback, Instant now);

    /**
     * Like {@link #recent}, but keeps what could be read and explains the rest in
     * {@link DeploymentLookup#failures()}: a repository or application that failed, entries or lines
     * that could not be read. Throws only when the source as a whole gave nothing (the URL did not
     * answer, the file is missing). This is what {@link DeploymentSources} uses.
     */
    default DeploymentLookup lookup(String service, Duration lookback, Instant now) {
        return new DeploymentLookup(recent(service, lookback, now), List.of());
    }

    /**
     * One cheap read per configured target to prove the URL, the credentials and the access work,
     * for {@code check-config}. Returns the problems found; empty when everything answered.
     */
    List<String> checkCredentials();
}
