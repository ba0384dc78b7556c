package dev.watchdog.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person pressing Submit on a modal Watchdog opened. {@link FakeSocketModeServer#sendViewSubmission} turns it
 * into Slack's {@code view_submission} envelope.
 *
 * @param texts   plain-text inputs: block id to the text typed
 * @param selects static selects: block id to the chosen option's value
 * @param actionId the action id of each input block's element
 */
public record ViewSubmission(String callbackId, String privateMetadata, String userId, String userName, String teamId,
        String actionId, Map<String, String> texts, Map<String, String> selects) {

    public ViewSubmission {
        texts = new LinkedHashMap<>(texts);
        selects = new LinkedHashMap<>(selects);
    }

    public static ViewSubmission of(String callbackId, String privateMetadata, String actionId) {
        return new ViewSubmission(callbackId, privateMetadata, FakeWorkspace.USER_ID, FakeWorkspace.USER_NAME,
                FakeWorkspace.TEAM_ID, actionId, Map.of(), Map.of());
    }

    public ViewSubmission text(String blockId, String value) {
        Map<String, String> more = new LinkedHashMap<>(texts);
        more.put(blockId, value);
        return new ViewSubmission(callbackId, privateMetadata, userId, userName, teamId, actionId, more, selects);
    }

    public ViewSubmission select(String blockId, String value) {
        Map<String, String> more = new LinkedHashMap<>(selects);
        more.put(blockId, value);
        return new ViewSubmission(callbackId, privateMetadata, userId, userName, teamId, actionId, texts, more);
    }

    public ViewSubmission by(String newUserId, String newUserName, String newTeamId) {
        return new ViewSubmission(callbackId, privateMetadata, newUserId, newUserName, newTeamId, actionId, texts,
                selects);
    }

    public ViewSubmission withMetadata(String metadata) {
        return new ViewSubmission(callbackId, metadata, userId, userName, teamId, actionId, texts, selects);
    }
}
