package dev.watchdog.agent.tools;

import java.util.List;
import java.util.Map;

/**
 * Where the agent's {@code propose_action} tool hands its proposals: the approval side, which
 * validates against the catalogue, stores the proposal and asks people. It never runs anything.
 */
public interface ActionProposer {

    /** No catalogue: the agent is offered no {@code propose_action} tool at all. */
    ActionProposer NONE = new ActionProposer() {
        @Override
        public List<String> actionIds() {
            return List.of();
        }

        @Override
        public String describeActions() {
            return "";
        }

        @Override
        public String propose(String threadKey, String askedBy, String actionId, Map<String, Object> parameters,
                String reason) {
            return "nothing can be proposed: no actions are configured";
        }

        @Override
        public void refused(String threadKey, String askedBy, String tool, String arguments, String why) {
        }
    };

    /** The ids the model may propose; empty when none are configured. */
    List<String> actionIds();

    /** The catalogue as the model should read it: ids, descriptions, parameters and their constraints. */
    String describeActions();

    /**
     * Proposes an action for the conversation {@code threadKey}.
     *
     * @param askedBy the Slack user whose question led to it, or null during an alert's own analysis
     * @return the text for the model: the proposal's id awaiting approval, or what was wrong
     */
    String propose(String threadKey, String askedBy, String actionId, Map<String, Object> parameters, String reason);

    /**
     * The model tried something that could have been an attempt to act and was refused before
     * reaching {@link #propose}: a tool that does not exist, arguments the tool does not take.
     * Recorded for the audit trail; nothing runs.
     */
    void refused(String threadKey, String askedBy, String tool, String arguments, String why);
}
