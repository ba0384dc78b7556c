package dev.watchdog.approval;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * Decides whether a Slack user may approve: listed by user id, or a member of a listed user group.
 * Group members are read from Slack and kept for a short time, so a removal takes effect within
 * {@link #DEFAULT_TTL}. A group that cannot be read counts as "not allowed": fail closed.
 */
public final class ApproverDirectory {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);

    /** Reads the members of one Slack user group ({@code S…}). */
    public interface UserGroups {
        Set<String> members(String groupId) throws Exception;
    }

    /** The answer: allowed, not allowed, or unknown because a group could not be read (then not allowed). */
    public record Verdict(boolean allowed, String lookupProblem) {

        static final Verdict ALLOWED = new Verdict(true, null);
        static final Verdict NOT_ALLOWED = new Verdict(false, null);

        public boolean lookupFailed() {
            return lookupProblem != null;
        }
    }

    private final LoadingCache<String, Set<String>> groupMembers;

    public ApproverDirectory(UserGroups groups) {
        this(groups, DEFAULT_TTL, Ticker.systemTicker());
    }

    public ApproverDirectory(UserGroups groups, Duration ttl, Ticker ticker) {
        // A failed read throws and is not cached: the next click asks Slack again.
        this.groupMembers = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(1_000)
                .ticker(ticker)
                .build(groupId -> Set.copyOf(groups.members(groupId)));
    }

    /** @param approvers user ids and group ids, as configured for the action */
    public Verdict check(String userId, Collection<String> approvers) {
        if (userId == null || userId.isBlank()) {
            return Verdict.NOT_ALLOWED;
        }
        if (approvers.contains(userId)) {
            return Verdict.ALLOWED;
        }
        String problem = null;
        for (String approver : approvers) {
            if (!approver.startsWith("S")) {
                continue;
            }
            try {
                if (groupMembers.get(approver).contains(userId)) {
                    return Verdict.ALLOWED;
                }
            } catch (RuntimeException failure) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                problem = "Slack user group " + approver + " could not be read: " + cause.getMessage();
            }
        }
        return problem == null ? Verdict.NOT_ALLOWED : new Verdict(false, problem);
    }
}
