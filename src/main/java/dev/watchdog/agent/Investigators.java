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
        AgentDependencies masked =
                deps.withRedactor(deps.redactor().alsoMasking(List.of(settings.apiKey().reveal())));
        Optional<String> whyNot = ChatModelFactory.whyNoModel(settings);
        if (whyNot.isPresent()) {
            return new NoModelInvestigator(masked, whyNot.get());
        }
        return ChatModelFactory.create(settings, masked.sleeper())
                .<Investigator>map(model -> new LlmInvestigator(model, masked,
                        PromptLibrary.withOverrides(settings.promptsDir()), AgentLimits.from(settings),
                        settings.timeout()))
                .orElseGet(() -> new NoModelInvestigator(masked, "no model could be built"));
    }
}
