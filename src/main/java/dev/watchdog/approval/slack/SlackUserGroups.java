package dev.watchdog.approval.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import dev.watchdog.approval.ApproverDirectory;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** User group members from Slack's {@code usergroups.users.list} (bot scope {@code usergroups:read}). */
public final class SlackUserGroups implements ApproverDirectory.UserGroups {

    private final MethodsClient client;

    public SlackUserGroups(MethodsClient client) {
        this.client = client;
    }

    @Override
    public Set<String> members(String groupId) throws IOException, SlackApiException {
        var response = client.usergroupsUsersList(request -> request.usergroup(groupId));
        if (!response.isOk()) {
            throw new IOException("Slack answered " + response.getError() + ("missing_scope".equals(response.getError())
                    ? " (the Slack app needs the usergroups:read scope)" : ""));
        }
        return Set.copyOf(response.getUsers() == null ? List.of() : response.getUsers());
    }
}
