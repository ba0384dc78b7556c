package dev.watchdog.approval;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Slack user groups as a test sets them; counts reads; a group can be made unreadable. */
final class FakeUserGroups implements ApproverDirectory.UserGroups {

    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();
    final AtomicInteger reads = new AtomicInteger();

    FakeUserGroups with(String groupId, String... userIds) {
        members.put(groupId, Set.of(userIds));
        broken.remove(groupId);
        return this;
    }

    FakeUserGroups broken(String groupId) {
        broken.add(groupId);
        return this;
    }

    @Override
    public Set<String> members(String groupId) throws IOException {
        reads.incrementAndGet();
        if (broken.contains(groupId)) {
            throw new IOException("Slack answered ratelimited");
        }
        return members.getOrDefault(groupId, Set.copyOf(List.of()));
    }
}
