package dev.watchdog.agent.slack;

import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;

/**
 * Told of every diagnosis before it is shown in its thread, so another feature can keep it and add
 * to its message (the incident memory's 👍 / 👎 buttons).
 */
@FunctionalInterface
public interface DiagnosisHook {

    DiagnosisHook NONE = (alert, result, posted, message) -> message;

    /**
     * @param posted  where the diagnosis is shown (the placeholder it replaces)
     * @param message the rendered diagnosis
     * @return the message to show
     */
    SlackMessage diagnosed(StoredAlert alert, AnalysisResult result, PostedMessage posted, SlackMessage message);
}
