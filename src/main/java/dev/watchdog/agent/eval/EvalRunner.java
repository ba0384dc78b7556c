package dev.watchdog.agent.eval;

import dev.watchdog.agent.AgentDependencies;
import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.agent.Investigator;
import dev.watchdog.agent.Investigators;
import dev.watchdog.agent.LlmSettings;
import dev.watchdog.agent.NoModelInvestigator;
import dev.watchdog.agent.SqlConversationStore;
import dev.watchdog.agent.ThreadKey;
import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.db.Database;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.deploys.FieldMapping;
import dev.watchdog.deploys.FileDeploymentSource;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.logs.FileLogSource;
import dev.watchdog.logs.LogSources;
import dev.watchdog.logs.LogsSettings;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.security.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays a case through the real tools: the recorded Prometheus answers over HTTP
 * ({@link RecordedPrometheus}), the recorded log lines through a file log source, the recorded
 * deployments through a file deployment source, on a clock stopped at the case's "now". The
 * investigator is the configured model's, or the no-model summary when there is none.
 */
public final class EvalRunner {

    public static final int DEFAULT_TOKEN_BUDGET = 4000;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LlmSettings model;
    private final Consumer<EvalCase> beforeEach;
    private final int tokenBudget;

    /**
     * @param model      the model to investigate with, or null for the no-model path
     * @param beforeEach called before each case is investigated (a scripted model loads the case's script)
     */
    public EvalRunner(LlmSettings model, Consumer<EvalCase> beforeEach, int tokenBudget) {
        this.model = model;
        this.beforeEach = beforeEach;
        this.tokenBudget = tokenBudget;
    }

    public EvalResult run(EvalCase c) throws IOException {
        Clock clock = Clock.fixed(c.now(), ZoneOffset.UTC);
        try (RecordedPrometheus recorded = RecordedPrometheus.start(c.dir().resolve("prometheus.json"));
                LogSources logs = logs(c.dir().resolve("logs.log"), clock);
                Database database = Database.inMemory()) {
            AgentDependencies deps = AgentDependencies.of(
                    new PrometheusClient(recorded.baseUrl(), SharedHttpClient.get(), TIMEOUT),
                    logs.isEmpty() ? LogSearcher.NONE : LogSearcher.over(logs),
                    deployments(c.dir().resolve("deployments.jsonl"), clock),
                    new SqlAlertStore(database, clock), new SqlConversationStore(database), clock);
            Investigator investigator = model == null ? new NoModelInvestigator(deps, "the eval runs without a model")
                    : Investigators.create(model, deps);
            beforeEach.accept(c);
            long started = System.nanoTime();
            AnalysisResult result = investigator.analyze(c.alert(), ThreadKey.of("CEVAL", "1.000" + c.name().hashCode()));
            long millis = (System.nanoTime() - started) / 1_000_000;
            return EvalScoring.score(c, result, millis, tokenBudget);
        }
    }

    private static LogSources logs(Path file, Clock clock) {
        List<dev.watchdog.logs.LogSource> sources = Files.exists(file)
                ? List.of(new FileLogSource("recorded-logs", List.of(file.toAbsolutePath().toString()), "auto",
                        LogsSettings.DEFAULT_MAX_LINES, LogsSettings.DEFAULT_MAX_BYTES, clock))
                : List.of();
        return new LogSources(sources, TIMEOUT, clock, Redactor.standard());
    }

    private static DeploymentSources deployments(Path file, Clock clock) {
        return new DeploymentSources(Files.exists(file)
                ? List.of(new FileDeploymentSource("recorded-deployments", file, FieldMapping.identity()))
                : List.of(), TIMEOUT, 50, clock);
    }
}
