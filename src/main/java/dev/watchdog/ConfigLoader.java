package dev.watchdog;

import dev.watchdog.agent.LlmSettings;
import dev.watchdog.alerting.AlertingSettings;
import dev.watchdog.alerting.RecordingRuleInliner;
import dev.watchdog.alerting.RuleGroup;
import dev.watchdog.alerting.RuleGroupParser;
import dev.watchdog.alerting.notify.Route;
import dev.watchdog.alerting.notify.Router;
import dev.watchdog.approval.ActionCatalog;
import dev.watchdog.config.ConfigDocument;
import dev.watchdog.config.ConfigException;
import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.ConfigProblem;
import dev.watchdog.db.StoreSettings;
import dev.watchdog.deploys.DeploymentsSettings;
import dev.watchdog.logs.LogsSettings;
import dev.watchdog.ops.ServerSettings;
import dev.watchdog.ops.telemetry.TelemetrySettings;
import dev.watchdog.prometheus.PrometheusSettings;
import dev.watchdog.reports.ReportsSettings;
import dev.watchdog.reports.handoff.HandoffSettings;
import dev.watchdog.slack.SlackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads watchdog.yml and the rule files it names. Every problem in every file is collected and
 * thrown together in one {@link ConfigException}; nothing half-loaded escapes.
 */
public final class ConfigLoader {

    private static final String[] TOP_LEVEL = {
        "slack", "prometheus", "rule-files", "groups", "alerting", "logs", "deployments", "llm", "actions",
        "store", "server", "telemetry", "slos", "reports", "handoff"
    };

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public WatchdogConfig load(Path file) throws ConfigException {
        if (Files.notExists(file)) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, "", "no such file: "
                    + file.toAbsolutePath() + "; start from the watchdog.yml Watchdog ships with (README,"
                    + " \"Configuration\") or name your file with --config FILE or WATCHDOG_CONFIG")));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> unset = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        ConfigDocument document = new ConfigDocument(file.toString(), problems, env, unset,
                EnvironmentDefaults.ALL);
        Optional<ConfigNode> parsed = document.parse(file, true);
        if (parsed.isEmpty()) {
            throw new ConfigException(problems);
        }
        ConfigNode root = parsed.get();
        if (!root.allowOnly(TOP_LEVEL)) {
            throw new ConfigException(problems);
        }
        Path dataDir = Path.of(env.getOrDefault("WATCHDOG_DATA_DIR", "data"));
        SlackSettings slack = section(root, "slack").map(SlackSettings::bind).orElseGet(SlackSettings::defaults);
        List<Route> routes = section(root, "slack").flatMap(node -> node.field("routes")).map(Router::bind)
                .orElse(List.of());
        PrometheusSettings prometheus = section(root, "prometheus").map(PrometheusSettings::bind)
                .orElseGet(PrometheusSettings::defaults);
        AlertingSettings alerting = section(root, "alerting").map(AlertingSettings::bind)
                .orElseGet(AlertingSettings::defaults);
        LlmSettings llm = section(root, "llm").map(LlmSettings::bind).orElseGet(LlmSettings::none);
        LogsSettings logs = section(root, "logs").map(LogsSettings::bind).orElseGet(LogsSettings::none);
        DeploymentsSettings deployments = section(root, "deployments").map(DeploymentsSettings::bind)
                .orElseGet(DeploymentsSettings::none);
        ActionCatalog actions = ActionCatalog.bind(section(root, "actions"),
                section(root, "slack").flatMap(node -> node.field("approvers")));
        StoreSettings store = section(root, "store").map(node -> StoreSettings.bind(node, dataDir.resolve("watchdog.db")))
                .orElseGet(() -> StoreSettings.defaults(dataDir.resolve("watchdog.db")));
        ReportsSettings reports = ReportsSettings.bind(section(root, "slos"), section(root, "reports"));
        ServerSettings server = section(root, "server").map(node -> ServerSettings.bind(node, env))
                .orElseGet(() -> ServerSettings.defaults(env));
        TelemetrySettings telemetry = section(root, "telemetry").map(node -> TelemetrySettings.bind(node, env))
                .orElseGet(() -> TelemetrySettings.defaults(env));

        HandoffSettings handoff = section(root, "handoff").map(HandoffSettings::bind).orElseGet(HandoffSettings::none);

        RuleGroupParser rules = new RuleGroupParser();
        List<RuleGroup> groups = new ArrayList<>(root.field("groups").map(rules::parse).orElse(List.of()));
        List<String> ruleFiles = root.stringList("rule-files");
        Path baseDir = file.toAbsolutePath().getParent();
        List<ConfigNode> ruleFileNodes = root.list("rule-files");
        for (int i = 0; i < ruleFiles.size(); i++) {
            for (Path ruleFile : expand(baseDir, ruleFiles.get(i), ruleFileNodes.get(i))) {
                ConfigDocument ruleDocument = new ConfigDocument(baseDir.relativize(ruleFile.toAbsolutePath()).toString(),
                        problems, env, unset);
                // Prometheus reads an empty rule file, or one whose document is null, as no rules
                ruleDocument.parseFirstDocument(ruleFile, false).ifPresent(ruleRoot -> {
                    if (!ruleRoot.isNull() && ruleRoot.allowOnly("groups")) {
                        ruleRoot.field("groups").ifPresent(node -> groups.addAll(rules.parseRuleFile(node)));
                    }
                });
            }
        }
        notes.addAll(rules.notes());
        List<RuleGroup> evaluated = (prometheus.substituteRecordingRules()
                ? RecordingRuleInliner.substitute(groups, prometheus.pollInterval(), notes) : groups).stream()
                .map(group -> group.withDefaultQueryOffset(prometheus.ruleQueryOffset())).toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new WatchdogConfig(file, slack, routes, prometheus, ruleFiles, evaluated, alerting, llm, logs, deployments, actions,
                store, server, telemetry, unset, notes, reports, handoff);
    }

    private static Optional<ConfigNode> section(ConfigNode root, String key) {
        return root.field(key);
    }

    /** Resolves a path or glob relative to the config file; a pattern matching nothing is an error. */
    static List<Path> expand(Path baseDir, String pattern, ConfigNode where) {
        Path literal = baseDir.resolve(pattern);
        if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[") && !pattern.contains("{")) {
            if (!Files.isRegularFile(literal)) {
                where.problem("rule file \"" + pattern + "\" does not exist (relative to " + baseDir + ")");
                return List.of();
            }
            return List.of(literal);
        }
        Path root = baseDir;
        String rest = pattern.replace('\\', '/');
        if (rest.startsWith("/")) {
            root = Path.of("/");
            rest = rest.substring(1);
        }
        while (rest.contains("/") && !hasWildcard(rest.substring(0, rest.indexOf('/')))) {
            root = root.resolve(rest.substring(0, rest.indexOf('/')));
            rest = rest.substring(rest.indexOf('/') + 1);
        }
        PathMatcher matcher = root.getFileSystem().getPathMatcher("glob:" + rest);
        Path walkRoot = root;
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(walkRoot)) {
            try (Stream<Path> walk = Files.walk(walkRoot, depth)) {
                walk.filter(Files::isRegularFile)
                        .filter(path -> matcher.matches(walkRoot.relativize(path)))
                        .sorted()
                        .forEach(matches::add);
            } catch (IOException unreadable) {
                where.problem("cannot list rule files for \"" + pattern + "\": " + unreadable.getMessage());
                return List.of();
            }
        }
        if (matches.isEmpty()) {
            where.problem("no rule file matches \"" + pattern + "\" (relative to " + baseDir + ")");
        }
        return matches;
    }

    private static boolean hasWildcard(String segment) {
        return segment.contains("*") || segment.contains("?") || segment.contains("[") || segment.contains("{");
    }
}
