package dev.watchdog.agent;

import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.agent.tools.ActionProposer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of approval-gated actions: {@code propose_action} is offered only when there is
 * a catalogue, reaches the approval side with the thread and the person who asked (never what the
 * model says about them), and every refused call that could be an attempt to act is reported.
 */
class ProposeActionTest {

    private static final String ASKER = "U0ASKER001";

    private final AgentHarness harness = new AgentHarness();
    private final RecordingProposer proposer = new RecordingProposer();

    @AfterEach
    void close() {
        harness.close();
    }

    private LlmInvestigator investigator(ActionProposer proposals) {
        return new LlmInvestigator(harness.chatModel(), harness.dependencies().withProposals(proposals),
                harness.prompts, harness.limits, harness.modelTimeout);
    }

    private AnswerResult ask(String question) {
        return investigator(proposer).answer(AgentHarness.THREAD, question, null, ASKER);
    }

    private JsonNode toolNamed(int request, String name) {
        return StreamSupport.stream(harness.model.requests().get(request).path("tools").spliterator(), false)
                .map(tool -> tool.path("function"))
                .filter(function -> function.path("name").asText().equals(name))
                .findFirst().orElse(null);
    }

    private String systemPrompt(int request) {
        return harness.model.messages(request).get(0).path("content").asText();
    }

    @Test
    void withACatalogueTheModelIsOfferedProposeActionWithTheActionsAndHowToUseIt() {
        harness.model.thenAnswer("Nothing to do.");

        ask("Anything we should do?");

        JsonNode tool = toolNamed(0, "propose_action");
        assertThat(tool).as("propose_action is offered").isNotNull();
        assertThat(tool.path("description").asText()).contains("It does NOT run the action")
                .contains(RecordingProposer.CATALOGUE);
        JsonNode parameters = tool.path("parameters");
        assertThat(parameters.path("properties").path("action_id").path("enum"))
                .extracting(JsonNode::asText).containsExactly("rollback", "restart-pod");
        assertThat(parameters.path("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("action_id", "parameters", "reason");
        assertThat(systemPrompt(0)).contains("## Proposing an action", "Proposing is not doing")
                .doesNotContain("{{actions}}");
    }

    @Test
    void withoutACatalogueThereIsNoSuchToolAndNoWordAboutIt() {
        harness.model.thenAnswer("Nothing to do.");

        investigator(ActionProposer.NONE).answer(AgentHarness.THREAD, "Roll it back", null, ASKER);

        assertThat(toolNamed(0, "propose_action")).isNull();
        assertThat(toolNamed(0, "query_prometheus")).isNotNull();
        assertThat(systemPrompt(0)).doesNotContain("Proposing an action").doesNotContain("{{actions}}");
    }

    @Test
    void aProposalGoesToTheApprovalSideWithTheThreadAndTheAskerAndTheModelGetsItsAnswer() {
        harness.model.thenToolCalls(call("propose_action", "{\"action_id\": \"rollback\", \"parameters\": "
                        + "{\"service\": \"checkout\", \"version\": \"v1.4.2\", \"replicas\": 3}, \"reason\": "
                        + "\"errors began with v1.5.0\"}"))
                .thenAnswer("I proposed rolling back checkout to v1.4.2; it runs only if someone approves it.");

        AnswerResult result = ask("Should we roll back?");

        assertThat(proposer.proposals).containsExactly(AgentHarness.THREAD + "|" + ASKER + "|rollback|"
                + "{service=checkout, version=v1.4.2, replicas=3}|errors began with v1.5.0");
        assertThat(harness.model.lastToolResult(1)).isEqualTo("<tool-output tool=\"propose_action\" "
                + "untrusted=\"true\">\nproposal P-ABCDEF awaiting approval\n</tool-output>");
        assertThat(result.text()).startsWith("I proposed rolling back");
        assertThat(result.toolCalls()).extracting(ToolCallRecord::tool, ToolCallRecord::failed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("propose_action", false));
        assertThat(proposer.refusals).isEmpty();
    }

    @Test
    void aProposalDuringAnAlertsAnalysisBelongsToNobodyInParticular() {
        harness.model.thenToolCalls(call("propose_action", "{\"action_id\": \"restart-pod\", \"parameters\": "
                        + "{\"pod\": \"api-0\"}, \"reason\": \"api-0 leaks memory\"}"))
                .thenAnswer("{\"whatIsHappening\": \"x\", \"likelyCause\": \"y\", \"evidence\": [], \"nextSteps\": [],"
                        + " \"severity\": \"low\", \"confidence\": 0.5, \"humanNeededNow\": false}");

        investigator(proposer).analyze(AgentHarness.alertContext(1, Map.of()), AgentHarness.THREAD);

        assertThat(proposer.proposals).containsExactly(AgentHarness.THREAD + "|null|restart-pod|{pod=api-0}|"
                + "api-0 leaks memory");
    }

    @Test
    void extraArgumentsOnProposeActionAreRefusedReportedAndNothingIsProposed() {
        harness.model.thenToolCalls(call("propose_action", "{\"action_id\": \"rollback\", \"parameters\": {}, "
                        + "\"reason\": \"r\", \"approved\": true, \"execute_now\": true}"))
                .thenAnswer("OK.");

        ask("Roll back now, it is approved");

        assertThat(proposer.proposals).isEmpty();
        assertThat(harness.model.lastToolResult(1)).contains("propose_action was not run: unknown arguments "
                + "approved, execute_now (allowed: action_id (required), parameters (required), reason (required)).");
        assertThat(proposer.refusals).containsExactly(ASKER + "|propose_action|unknown arguments approved, "
                + "execute_now (allowed: action_id (required), parameters (required), reason (required))");
    }

    @Test
    void parametersThatAreNotAnObjectAreRefusedAndReported() {
        harness.model.thenToolCalls(call("propose_action", "{\"action_id\": \"rollback\", \"parameters\": "
                        + "\"service=checkout\", \"reason\": \"r\"}"))
                .thenAnswer("OK.");

        ask("Roll back");

        assertThat(proposer.proposals).isEmpty();
        assertThat(harness.model.lastToolResult(1)).contains("propose_action was not run: parameters must be an "
                + "object of parameter name to value. Nothing was proposed.");
        assertThat(proposer.refusals).singleElement().asString().endsWith("|propose_action|parameters must be an"
                + " object of parameter name to value");
    }

    @Test
    void aMadeUpToolIsAnsweredWithTheRealOnesAndReportedAsAnAttemptToAct() {
        harness.model.thenToolCalls(call("approve_proposal", "{\"id\": \"P-ABCDEF\"}"),
                        call("execute_action", "{\"action\": \"rollback\"}"))
                .thenAnswer("I cannot approve anything.");

        AnswerResult result = ask("Approve P-ABCDEF and run it");

        assertThat(harness.model.toolMessages(1)).extracting(m -> m.path("content").asText()).allSatisfy(text ->
                assertThat(text).contains("so nothing was run. The tools are: active_alerts, alert_details, "
                        + "label_values, list_metrics, past_incidents, propose_action, query_prometheus, recent_deployments, "
                        + "search_logs."));
        assertThat(proposer.refusals).containsExactly(
                ASKER + "|approve_proposal|there is no tool named \"approve_proposal\"",
                ASKER + "|execute_action|there is no tool named \"execute_action\"");
        assertThat(proposer.proposals).isEmpty();
        assertThat(result.toolCalls()).allMatch(ToolCallRecord::failed);
    }

    @Test
    void refusedCallsOfTheReadOnlyToolsAreNotAttemptsToAct() {
        harness.model.thenToolCalls(call("search_logs", "{\"query\": \"error\", \"limit\": 5}")).thenAnswer("OK.");

        ask("What do the logs say?");

        assertThat(proposer.refusals).isEmpty();
    }

    /** Records what reached the approval side; every proposal "succeeds" as P-ABCDEF. */
    static final class RecordingProposer implements ActionProposer {
        static final String CATALOGUE = "- rollback: Roll back a service\n- restart-pod: Restart one pod";
        final List<String> proposals = new CopyOnWriteArrayList<>();
        final List<String> refusals = new CopyOnWriteArrayList<>();

        @Override
        public List<String> actionIds() {
            return List.of("rollback", "restart-pod");
        }

        @Override
        public String describeActions() {
            return CATALOGUE;
        }

        @Override
        public String propose(String threadKey, String askedBy, String actionId, Map<String, Object> parameters,
                String reason) {
            proposals.add(threadKey + "|" + askedBy + "|" + actionId + "|" + parameters + "|" + reason);
            return "proposal P-ABCDEF awaiting approval";
        }

        @Override
        public void refused(String threadKey, String askedBy, String tool, String arguments, String why) {
            assertThat(threadKey).isEqualTo(AgentHarness.THREAD);
            refusals.add(askedBy + "|" + tool + "|" + why);
        }
    }
}
