package dev.watchdog.deploys;

import java.util.ArrayList;
import java.util.List;

/**
 * What a source made of several parts (repositories, applications, lines) found so far, and what
 * went wrong on the way. {@link #toLookup()} keeps both for the merged lookup; {@link #orThrow()}
 * serves {@link DeploymentSource#recent}, which must fail whole, keeping the original exception
 * (and its HTTP status) when there is only one.
 */
final class PartialResult {

    private final List<Deployment> deployments = new ArrayList<>();
    private final List<DeploymentSourceException> failures = new ArrayList<>();

    void add(Deployment deployment) {
        deployments.add(deployment);
    }

    void addAll(List<Deployment> more) {
        deployments.addAll(more);
    }

    void fail(DeploymentSourceException failure) {
        failures.add(failure);
    }

    DeploymentLookup toLookup() {
        return new DeploymentLookup(deployments, failures.stream().map(Throwable::getMessage).toList());
    }

    List<Deployment> orThrow() {
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            throw new DeploymentSourceException(String.join("; ", toLookup().failures()), failures.get(0).status());
        }
        return List.copyOf(deployments);
    }
}
