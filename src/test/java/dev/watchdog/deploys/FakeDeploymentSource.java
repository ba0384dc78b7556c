package dev.watchdog.deploys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** A source answering from a script: fixed deployments, an exception, or never (until released). */
final class FakeDeploymentSource implements DeploymentSource {

    /** What each lookup asked for, so tests can check the window and the service. */
    record Asked(String service, Duration lookback, Instant now) {
    }

    private final String name;
    private final Supplier<DeploymentLookup> answer;
    private final List<String> problems;
    final List<Asked> asked = new ArrayList<>();

    private FakeDeploymentSource(String name, Supplier<DeploymentLookup> answer, List<String> problems) {
        this.name = name;
        this.answer = answer;
        this.problems = problems;
    }

    static FakeDeploymentSource answering(String name, Deployment... deployments) {
        return new FakeDeploymentSource(name, () -> new DeploymentLookup(List.of(deployments), List.of()), List.of());
    }

    static FakeDeploymentSource partly(String name, DeploymentLookup lookup) {
        return new FakeDeploymentSource(name, () -> lookup, List.of());
    }

    static FakeDeploymentSource failing(String name, RuntimeException failure) {
        return new FakeDeploymentSource(name, () -> {
            throw failure;
        }, List.of(failure.getMessage()));
    }

    /** Blocks every lookup until {@code release} counts down, like a peer that never answers. */
    static FakeDeploymentSource hanging(String name, CountDownLatch release) {
        return new FakeDeploymentSource(name, () -> {
            try {
                release.await();
            } catch (InterruptedException cancelled) {
                Thread.currentThread().interrupt();
            }
            return DeploymentLookup.empty();
        }, List.of());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Deployment> recent(String service, Duration lookback, Instant now) {
        return lookup(service, lookback, now).deployments();
    }

    @Override
    public synchronized DeploymentLookup lookup(String service, Duration lookback, Instant now) {
        asked.add(new Asked(service, lookback, now));
        return answer.get();
    }

    @Override
    public List<String> checkCredentials() {
        return problems;
    }
}
