package dev.watchdog.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApproverDirectoryTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final FakeUserGroups groups = new FakeUserGroups().with("S0ONCALL01", "U0ALICE001");
    private final ApproverDirectory directory = new ApproverDirectory(groups, Duration.ofMinutes(1), ticker);

    @Test
    void allowsListedUsersAndMembersOfListedGroupsOnly() {
        List<String> approvers = List.of("U0LEAD0001", "S0ONCALL01");

        assertThat(directory.check("U0LEAD0001", approvers).allowed()).isTrue();
        assertThat(directory.check("U0ALICE001", approvers).allowed()).isTrue();
        assertThat(directory.check("U0STRANGER", approvers)).isEqualTo(new ApproverDirectory.Verdict(false, null));
        assertThat(directory.check(null, approvers).allowed()).isFalse();
        assertThat(directory.check("S0ONCALL01", List.of("U0LEAD0001")).allowed()).isFalse();
    }

    @Test
    void keepsGroupMembersForAMinuteThenAsksSlackAgain() {
        List<String> approvers = List.of("S0ONCALL01");
        directory.check("U0ALICE001", approvers);
        groups.with("S0ONCALL01", "U0BOB00001");

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(directory.check("U0ALICE001", approvers).allowed()).as("still cached").isTrue();
        assertThat(groups.reads).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(directory.check("U0ALICE001", approvers).allowed()).as("removed from the group").isFalse();
        assertThat(directory.check("U0BOB00001", approvers).allowed()).isTrue();
        assertThat(groups.reads).hasValue(2);
    }

    @Test
    void aGroupThatCannotBeReadFailsClosedAndIsAskedAgainNextTime() {
        groups.broken("S0ONCALL01");

        ApproverDirectory.Verdict verdict = directory.check("U0ALICE001", List.of("S0ONCALL01"));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.lookupFailed()).isTrue();
        assertThat(verdict.lookupProblem())
                .isEqualTo("Slack user group S0ONCALL01 could not be read: Slack answered ratelimited");
        groups.with("S0ONCALL01", "U0ALICE001");
        assertThat(directory.check("U0ALICE001", List.of("S0ONCALL01")).allowed()).isTrue();
    }

    @Test
    void aListedUserNeedsNoGroupLookup() {
        groups.broken("S0ONCALL01");

        assertThat(directory.check("U0LEAD0001", List.of("S0ONCALL01", "U0LEAD0001")).allowed()).isTrue();
        assertThat(groups.reads).hasValue(0);
    }
}
