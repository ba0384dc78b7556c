package dev.watchdog.ops;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether the process is ready for traffic, as a set of named conditions that each part of the app
 * flips on its own (for example "slack-connected" and "first-poll"). Ready when every registered
 * condition is ready; with none registered it is ready, since nothing is waited for.
 *
 * <p>Thread-safe: conditions are flipped from Slack and poller threads while /readyz reads them.
 */
public final class Readiness {

    private final List<Condition> conditions = new CopyOnWriteArrayList<>();

    /** A new condition, not ready until {@link Condition#markReady()}. Names must be unique. */
    public synchronized Condition register(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("readiness condition needs a name");
        }
        if (conditions.stream().anyMatch(c -> c.name.equals(name))) {
            throw new IllegalArgumentException("readiness condition '" + name + "' is already registered");
        }
        Condition condition = new Condition(name);
        conditions.add(condition);
        return condition;
    }

    public boolean isReady() {
        return conditions.stream().allMatch(Condition::isReady);
    }

    /** Names of the conditions that are not ready yet, in registration order. */
    public List<String> notReady() {
        return conditions.stream().filter(c -> !c.isReady()).map(Condition::name).toList();
    }

    /** One thing the process waits for. */
    public static final class Condition {
        private final String name;
        private volatile boolean ready;

        private Condition(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public boolean isReady() {
            return ready;
        }

        public void markReady() {
            ready = true;
        }

        /** For something that was ready and is lost again, such as a dropped Slack connection. */
        public void markNotReady() {
            ready = false;
        }
    }
}
