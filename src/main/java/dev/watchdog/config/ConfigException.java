package dev.watchdog.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a configuration, reported together so a user fixes them in one pass. */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        this(inFileOrder(problems), true);
    }

    private ConfigException(List<ConfigProblem> ordered, boolean sorted) {
        super(ordered.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = ordered;
    }

    /** Files in the order they were read, lines top to bottom: the order a user fixes them in. */
    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        List<String> files = problems.stream().map(ConfigProblem::file).distinct().toList();
        return problems.stream()
                .sorted(java.util.Comparator.comparingInt((ConfigProblem p) -> files.indexOf(p.file()))
                        .thenComparingInt(ConfigProblem::line))
                .toList();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
