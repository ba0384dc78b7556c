package dev.watchdog.agent;

import java.util.List;
import java.util.Optional;

/** Picks the investigator the configuration asks for. */
public final class Investigators {

    private Investigators() {
    }

    /**
     * An {@link LlmInvestigator} when {@code settings} name a usable model, else a
     * {@link NoModelInvestigator} saying why there is none. The API key is added to the
     * redactor, so it is masked wherever it might appear.
     */
    public static Investigator create(LlmSettings settings, AgentDependencies deps) {
        return create(settings, deps, new TokenBudget(settings.budget(), deps.conversations(), deps.clock()));
    }

    /** As {@link #create(LlmSettings, AgentDependencies)}, the model's turns within {@code budget}. */
    public static Investigator create(LlmSettings settings, AgentDependencies deps, TokenBudget budget) {
        AgentDependencies masked =
                deps.withRedactor(deps.redactor().alsoMasking(List.of(settings.apiKey().reveal())));
        Optional<String> whyNot = ChatModelFactory.whyNoModel(settings);
        if (whyNot.isPresent()) {
            return new NoModelInvestigator(masked, whyNot.get());
        }
        return ChatModelFactory.create(settings, masked.sleeper())
                .<Investigator>map(model -> new BudgetedInvestigator(new LlmInvestigator(model, masked,
                        PromptLibrary.withOverrides(settings.promptsDir()), AgentLimits.from(settings),
                        settings.timeout()), budget, masked))
                .orElseGet(() -> new NoModelInvestigator(masked, "no model could be built"));
    }
}
