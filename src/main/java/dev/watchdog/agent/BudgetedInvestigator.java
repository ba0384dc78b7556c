package dev.watchdog.agent;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model investigator within the token budget: while the budget is spent, an alert gets the
 * evidence summary that needs no model (with a note saying why and when the budget refills), and
 * a question gets an answer saying the same.
 */
final class BudgetedInvestigator implements Investigator {

    private static final Logger log = LoggerFactory.getLogger(BudgetedInvestigator.class);

    private final Investigator model;
    private final TokenBudget budget;
    private final EvidenceSummary evidence;

    BudgetedInvestigator(Investigator model, TokenBudget budget, AgentDependencies deps) {
        this.model = model;
        this.budget = budget;
        this.evidence = new EvidenceSummary(deps.prometheus(), deps.logs(), deps.deployments(), deps.clock(),
                deps.redactor());
    }

    @Override
    public AnalysisResult analyze(AlertContext alert, String threadKey) {
        Optional<String> spent = budget.status().whySpent();
        if (spent.isEmpty()) {
            return model.analyze(alert, threadKey);
        }
        log.info("No model analysis for alert {}: {}", alert.ruleName(), spent.get());
        AnalysisResult summary = evidence.summarize(alert, "This is the evidence without a model analysis: "
                + spent.get() + ". Ask here (mention me) after that for an analysis.");
        return new AnalysisResult(summary.analysis(), summary.rawText(), summary.failure(), summary.usage(),
                summary.toolCalls(), append(summary.limitsHit(), "budget: " + spent.get()));
    }

    @Override
    public AnswerResult answer(String threadKey, String question, AlertContext alertOrNull, String askedBy) {
        Optional<String> spent = budget.status().whySpent();
        if (spent.isEmpty()) {
            return model.answer(threadKey, question, alertOrNull, askedBy);
        }
        return new AnswerResult("I cannot answer now: " + spent.get() + ". Ask again after that.", null,
                TokenUsage.NONE, List.of(), List.of());
    }

    private static List<String> append(List<String> lines, String line) {
        return java.util.stream.Stream.concat(lines.stream(), java.util.stream.Stream.of(line)).toList();
    }
}
