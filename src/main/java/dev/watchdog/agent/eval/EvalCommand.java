package dev.watchdog.agent.eval;

import dev.watchdog.agent.LlmSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code eval}: runs every case under a folder, prints the table and the pass rate, and fails
 * (exit 1) when the pass rate is under the threshold. Cases that cannot be read are bad input (2).
 */
public final class EvalCommand {

    public static final int OK = 0;
    public static final int UNDER_THRESHOLD = 1;
    public static final int BAD_INPUT = 2;

    private EvalCommand() {
    }

    /** @param model the model to evaluate, or null for the no-model path */
    public static int run(Path cases, LlmSettings model, double minPassRate, PrintStream out, PrintStream err) {
        List<EvalCase> loaded;
        try {
            loaded = EvalCase.loadAll(cases);
        } catch (IOException e) {
            err.println("watchdog eval: " + e.getMessage());
            return BAD_INPUT;
        }
        EvalRunner runner = new EvalRunner(model, c -> { }, EvalRunner.DEFAULT_TOKEN_BUDGET);
        List<EvalResult> results = new ArrayList<>();
        for (EvalCase c : loaded) {
            try {
                results.add(runner.run(c));
            } catch (IOException e) {
                err.println("watchdog eval: case " + c.name() + ": " + e.getMessage());
                return BAD_INPUT;
            }
        }
        String title = model == null || "none".equalsIgnoreCase(model.provider()) ? "No model (pre-work summary only)"
                : "Model " + model.provider() + " " + model.model();
        out.print(EvalTable.render(title, results));
        double rate = EvalTable.passRate(results);
        if (rate < minPassRate) {
            err.printf(java.util.Locale.ROOT, "watchdog eval: pass rate %.1f%% is under --min-pass-rate %.1f%%%n",
                    rate * 100, minPassRate * 100);
            return UNDER_THRESHOLD;
        }
        return OK;
    }
}
