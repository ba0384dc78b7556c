package dev.watchdog.deploys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A source that reads what it can and collects the rest as failures: {@link #lookup} keeps the
 * partial result, {@link #recent} insists on all of it.
 */
abstract class ReadingDeploymentSource implements DeploymentSource {

    /** Everything since {@code since} for {@code service} (null: all), with what could not be read. */
    abstract PartialResult read(String service, Instant since);

    @Override
    public final List<Deployment> recent(String service, Duration lookback, Instant now) {
        return read(service, now.minus(lookback)).orThrow();
    }

    @Override
    public final DeploymentLookup lookup(String service, Duration lookback, Instant now) {
        return read(service, now.minus(lookback)).toLookup();
    }
}
