package dev.watchdog.slack;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last failure per channel and Slack method that retrying could not fix, kept so {@code /watchdog status}
 * can say why alerts are not arriving and what to do, beside the {@link DeliveryBacklog} of what still waits. A
 * later success on the channel clears it. Thread-safe: the
 * delivery thread writes while command handlers read.
 */
public final class DeliveryProblems {

    /** One unresolved failure; {@code channel} as the caller named it (e.g. {@code #alerts} or an id). */
    public record Problem(String channel, String method, String error, Instant at, String hint) {

        public String describe() {
            return channel + ": " + method + " failed with " + error + " at " + at + ". " + hint;
        }
    }

    private record Key(String channel, String method) {
    }

    private final ConcurrentMap<Key, Problem> problems = new ConcurrentHashMap<>();
    private final DeliveryBacklog backlog;

    public DeliveryProblems() {
        this(new DeliveryBacklog(Clock.systemUTC()));
    }

    public DeliveryProblems(DeliveryBacklog backlog) {
        this.backlog = backlog;
    }

    /** What is still waiting to reach Slack; status shows it beside the problems holding it up. */
    public DeliveryBacklog backlog() {
        return backlog;
    }

    /** Replaces any earlier problem of the same channel and method: only the latest failure matters. */
    public void record(Problem problem) {
        problems.put(new Key(problem.channel(), problem.method()), problem);
    }

    /** Something reached {@code channel}: whatever stood in the way is gone. */
    public void clear(String channel) {
        problems.keySet().removeIf(key -> key.channel().equals(channel));
    }

    /** A read of {@code channel} worked; that proves nothing about posting there, so only the read's problem goes. */
    public void clear(String channel, String method) {
        problems.remove(new Key(channel, method));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Current problems, newest first. */
    public List<Problem> current() {
        return problems.values().stream()
                .sorted(Comparator.comparing(Problem::at).reversed()
                        .thenComparing(Problem::channel).thenComparing(Problem::method))
                .toList();
    }

    /** One line per current problem, newest first, for {@code /watchdog status}. */
    public List<String> describe() {
        return current().stream().map(Problem::describe).toList();
    }
}
