package dev.watchdog.agent;

/**
 * The investigator when no model is configured ({@code llm.provider: none}, or {@code openai}
 * without a key): every alert still gets the same deterministic evidence summary in its thread,
 * and questions get an answer that says how to configure a model.
 */
public final class NoModelInvestigator implements Investigator {

    static final String HOW_TO_CONFIGURE = "To get analyses and answers, configure a model in the llm: section: "
            + "provider: openai with api-key (or OPENAI_API_KEY), model and, for an OpenAI-compatible server, "
            + "base-url; or provider: ollama with base-url and model. Then restart Watchdog.";

    private final EvidenceSummary evidence;
    private final String reason;
    private final PastIncidentEvidence pastIncidents;

    /** @param reason why there is no model, e.g. "llm.provider is none" */
    public NoModelInvestigator(AgentDependencies deps, String reason) {
        this.evidence = new EvidenceSummary(deps.prometheus(), deps.logs(), deps.deployments(), deps.clock(),
                deps.redactor());
        this.reason = reason;
        this.pastIncidents = new PastIncidentEvidence(deps.pastIncidents(), deps.redactor());
    }

    @Override
    public AnalysisResult analyze(AlertContext alert, String threadKey) {
        return pastIncidents.addedTo(evidence.summarize(alert, "For an AI analysis, configure a model (llm.provider): "
                + reason + "."), alert);
    }

    @Override
    public AnswerResult answer(String threadKey, String question, AlertContext alertOrNull, String askedBy) {
        return new AnswerResult("No model is configured (" + reason + "), so I cannot answer questions; I only post "
                + "an evidence summary for each alert. " + HOW_TO_CONFIGURE, null, TokenUsage.NONE, java.util.List.of(),
                java.util.List.of());
    }
}
