package dev.watchdog.deploys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A source that reads what it can and collects the rest as failures: {@link #lookup} keeps the
 * partial result, {@link #recent} insists on all of it.
 */
abstract class ReadingDeploymentSource implements DeploymentSource {

    /** Everything since {@code since} for {@code service} (null: all), with what could not be read. */
    abstract PartialResult read(String service, Instant since);

    /**
     * Reads each target (a repository, an application) that serves {@code service} (null: all).
     * One that cannot be read is a failure of the result; the others are still read.
     */
    static <T> PartialResult readEach(List<T> targets, Function<T, String> serviceOf, String service,
            BiConsumer<T, PartialResult> reader) {
        PartialResult result = new PartialResult();
        for (T target : targets) {
            if (!ServiceFilter.matches(service, serviceOf.apply(target))) {
                continue;
            }
            try {
                reader.accept(target, result);
            } catch (DeploymentSourceException e) {
                result.fail(e);
            }
        }
        return result;
    }

    /** Runs {@code check} on every target; what failed, one message each. */
    static <T> List<String> checkEach(List<T> targets, Consumer<T> check) {
        List<String> problems = new ArrayList<>();
        for (T target : targets) {
            try {
                check.accept(target);
            } catch (DeploymentSourceException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    @Override
    public final List<Deployment> recent(String service, Duration lookback, Instant now) {
        return read(service, now.minus(lookback)).orThrow();
    }

    @Override
    public final DeploymentLookup lookup(String service, Duration lookback, Instant now) {
        return read(service, now.minus(lookback)).toLookup();
    }
}
