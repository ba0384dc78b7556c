package dev.watchdog.agent.prework;

import dev.watchdog.deploys.Deployment;
import dev.watchdog.prometheus.Times;
import java.time.Duration;
import java.time.Instant;

/**
 * A deployment and how far it lies from the onset.
 *
 * @param suspect true when it landed in the window just before the onset (or within a minute after
 *                it: clocks of deploy tools and Prometheus differ)
 */
public record RankedDeployment(Deployment deployment, Duration fromOnset, boolean suspect) {

    /** {@code checkout 1.5.0 (production) deployed 2026-03-01T10:30:37Z, 38s before the onset, by ci-bot}. */
    public String describe() {
        Deployment d = deployment;
        StringBuilder out = new StringBuilder(d.service().isEmpty() ? "a deployment" : d.service());
        if (!d.version().isEmpty()) {
            out.append(' ').append(d.version());
        }
        if (!d.environment().isEmpty()) {
            out.append(" (").append(d.environment()).append(')');
        }
        out.append(" deployed ").append(Times.at(d.time())).append(", ")
                .append(Times.relative(d.time(), d.time().minus(fromOnset))).append(" the onset");
        if (!d.who().isEmpty()) {
            out.append(", by ").append(d.who());
        }
        if (!d.status().isEmpty()) {
            out.append(", status ").append(d.status());
        }
        return out.toString();
    }

    /** The onset this deployment was ranked against. */
    public Instant onset() {
        return deployment.time().minus(fromOnset);
    }
}
