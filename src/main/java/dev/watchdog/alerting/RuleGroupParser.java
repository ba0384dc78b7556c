package dev.watchdog.alerting;

import dev.watchdog.alerting.anomaly.AnomalyBinder;
import dev.watchdog.alerting.anomaly.AnomalyFigures;
import dev.watchdog.alerting.anomaly.AnomalyQuery;
import dev.watchdog.config.ConfigNode;
import dev.watchdog.gotemplate.TemplateException;
import dev.watchdog.promql.AggregateExpr;
import dev.watchdog.promql.Call;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.Exprs;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Binds {@code groups:} in Prometheus' rule-file format, so users can paste the rules they already have, and
 * refuses what {@code promtool check rules} refuses: every expression is parsed here, offline. Recording
 * rules are validated and bound; {@link RecordingRuleInliner} substitutes them into the alerts that read them.
 */
public final class RuleGroupParser {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final String METRIC_NAME_LABEL = "__name__";
    /** The keys a rule may have, whatever its kind. */
    private static final List<String> RULE_KEYS = List.of("alert", "record", "expr", "for", "keep_firing_for",
            "labels", "annotations");

    private static final String[] ANOMALY_RULE_KEYS = Stream.concat(AnomalyBinder.KEYS.stream(),
            Stream.of("expr", "for", "keep_firing_for", "labels", "annotations")).toArray(String[]::new);

    private static final String FIGURES_NOTE = "anomaly rules' annotations show $value (the z-score), $observed";

    private final List<String> notes = new ArrayList<>();
    private boolean inRuleFile;

    /** As {@link #parse}, for a Prometheus rule file: only what Prometheus itself accepts. */
    public List<RuleGroup> parseRuleFile(ConfigNode groupsNode) {
        inRuleFile = true;
        try {
            return parse(groupsNode);
        } finally {
            inRuleFile = false;
        }
    }

    /** Things worth telling the user that are not errors (unevaluable expressions, experimental functions). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<RuleGroup> parse(ConfigNode groupsNode) {
        List<RuleGroup> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : groupsNode.verbatim().items()) {
            if (!node.allowOnly("name", "interval", "rules", "limit", "query_offset", "labels")) {
                continue;
            }
            String name = node.requiredString("name");
            if (!name.isEmpty() && !names.add(name)) {
                node.field("name").orElse(node).problem("group name \"" + name + "\" is used twice in this file");
            }
            groups.add(group(node, name));
        }
        return groups;
    }

    private RuleGroup group(ConfigNode node, String name) {
        Duration interval = node.duration("interval", null);
        Duration queryOffset = node.duration("query_offset", null);
        // Prometheus reads a limit of zero or less as no limit
        int limit = Math.max(0, node.integer("limit", 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
        Map<String, String> groupLabels = labels(node, null, true);
        List<AlertRule> alerts = new ArrayList<>();
        List<RecordingRule> recordings = new ArrayList<>();
        for (ConfigNode ruleNode : node.list("rules")) {
            if (ruleNode.allowOnly(ruleNode.has("anomaly") ? ANOMALY_RULE_KEYS : RULE_KEYS.toArray(String[]::new))) {
                rule(ruleNode, name, groupLabels, alerts, recordings);
            }
        }
        return new RuleGroup(name, interval, alerts, node.file() + ":" + node.line(), queryOffset, groupLabels, limit,
                recordings);
    }

    /**
     * One rule, by its kind: the key that names it ({@code alert}, {@code record}) decides. A new kind of rule is
     * a new key in {@link #RULE_KEYS}, a branch here and a list on {@link RuleGroup}.
     */
    private void rule(ConfigNode ruleNode, String group, Map<String, String> groupLabels, List<AlertRule> alerts,
            List<RecordingRule> recordings) {
        if (ruleNode.has("anomaly")) {
            anomaly(ruleNode, group, groupLabels).ifPresent(alerts::add);
        } else if (ruleNode.has("record")) {
            recording(ruleNode, group, groupLabels).ifPresent(recordings::add);
        } else if (ruleNode.has("alert")) {
            alerts.add(alert(ruleNode, group, groupLabels));
        } else {
            ruleNode.problem("a rule needs alert (an alerting rule) or record (a recording rule)");
        }
    }

    private AlertRule alert(ConfigNode node, String group, Map<String, String> groupLabels) {
        String name = node.requiredString("alert");
        String expr = node.requiredString("expr");
        query(node, name, expr);
        return alert(node, group, groupLabels, name, expr, List.of());
    }

    /**
     * An {@code anomaly:} rule: an alerting rule whose expression Watchdog generates (a z-score test), so it
     * has the same life cycle, {@code for}, labels, annotations and Slack messages. Prometheus and promtool do
     * not know the kind, so it lives only in watchdog.yml's inline {@code groups:}.
     */
    private Optional<AlertRule> anomaly(ConfigNode node, String group, Map<String, String> groupLabels) {
        if (inRuleFile) {
            node.field("anomaly").orElse(node).problem("anomaly rules go under groups: in watchdog.yml, not in"
                    + " rule files (Prometheus and promtool reject the anomaly: kind)");
            return Optional.empty();
        }
        String name = node.requiredString("anomaly");
        String expr = node.requiredString("expr");
        if (query(node, name, expr) == null) {
            return Optional.empty();
        }
        AnomalyQuery anomaly = AnomalyBinder.bind(node, expr);
        notes.add(origin(node) + ": anomaly rule " + name + " is evaluated as: " + anomaly.promql());
        if (notes.stream().noneMatch(note -> note.startsWith(FIGURES_NOTE))) {
            notes.add(FIGURES_NOTE + " (the value now), $expected (the window's mean) and $stddev (its standard"
                    + " deviation)");
        }
        return Optional.of(alert(node, group, groupLabels, name, anomaly.promql(), AnomalyFigures.VARIABLES)
                .withFigures(anomaly.figures()));
    }

    /** @param variables what the annotations may use beyond Prometheus' preamble (an anomaly rule's figures) */
    private AlertRule alert(ConfigNode node, String group, Map<String, String> groupLabels, String name,
            String expr, List<String> variables) {
        Duration pendingFor = node.duration("for", Duration.ZERO);
        Duration keepFiringFor = node.duration("keep_firing_for", Duration.ZERO);
        Map<String, String> labels = new LinkedHashMap<>(groupLabels);
        labels.putAll(labels(node, name, true));
        Map<String, String> annotations = node.field("annotations").map(all -> all.asMap(value -> {
            String annotation = value.path().substring(all.path().length() + 1);
            String template = value.text().orElse("");
            checkTemplate(value, name, annotation, template, variables);
            return template;
        })).orElse(Map.of());
        return new AlertRule(name, expr, pendingFor, keepFiringFor, labels, annotations, group, origin(node));
    }

    private Optional<RecordingRule> recording(ConfigNode node, String group, Map<String, String> groupLabels) {
        if (node.has("alert")) {
            node.problem("a rule has either alert or record, not both");
        }
        String name = node.requiredString("record");
        if (!name.isEmpty() && !METRIC_NAME.matcher(name).matches()) {
            node.field("record").orElse(node).problem("\"" + name
                    + "\" is not a valid metric name (letters, digits, _ and :, not starting with a digit)");
        }
        for (String alertingOnly : List.of("for", "keep_firing_for")) {
            if (!node.duration(alertingOnly, Duration.ZERO).isZero()) {
                node.field(alertingOnly).orElse(node).problem("not allowed in a recording rule");
            }
        }
        if (!node.field("annotations").map(ConfigNode::asStringMap).orElse(Map.of()).isEmpty()) {
            node.field("annotations").orElse(node).problem("not allowed in a recording rule");
        }
        String expr = node.requiredString("expr");
        Expr query = query(node, name, expr);
        Map<String, String> labels = new LinkedHashMap<>(groupLabels);
        labels.putAll(labels(node, name, false));
        return query == null ? Optional.empty()
                : Optional.of(new RecordingRule(name, expr, query, labels, group, origin(node)));
    }

    /** The parsed expression, or null when it does not parse (reported with where in the expression). */
    private Expr query(ConfigNode node, String rule, String expr) {
        if (expr.isBlank()) {
            return null; // reported as required
        }
        ConfigNode exprNode = node.field("expr").orElse(node);
        try {
            Expr query = PromQL.parse(expr);
            if (query.type() == ValueType.MATRIX || query.type() == ValueType.STRING) {
                notes.add(origin(exprNode) + ": rule " + rule + ": the expression gives a "
                        + query.type().documentedName() + "; Prometheus loads the rule but cannot evaluate it "
                        + "(a rule needs an instant vector or a scalar)");
            }
            experimentalFunctions(query).forEach(function -> notes.add(origin(exprNode) + ": rule " + rule + ": "
                    + function + " needs Prometheus 3 with --enable-feature=promql-experimental-functions"));
            return query;
        } catch (PromqlException invalid) {
            exprNode.problem("rule " + rule + ": could not parse expression: " + invalid.getMessage());
            return null;
        }
    }

    /** What Prometheus 3 runs only behind its experimental-functions flag, e.g. {@code mad_over_time()}. */
    private static List<String> experimentalFunctions(Expr query) {
        List<String> names = new ArrayList<>();
        Exprs.descendants(query).forEach(expr -> {
            if (expr instanceof Call call && call.function().experimental()) {
                names.add(call.function().name() + "()");
            } else if (expr instanceof AggregateExpr aggregate && aggregate.op().experimental()) {
                names.add(aggregate.op().keyword() + "()");
            }
        });
        return names.stream().distinct().toList();
    }

    /** A template that will not parse is a config error now, not a broken alert at 2 a.m. */
    private static void checkTemplate(ConfigNode value, String rule, String name, String template) {
        checkTemplate(value, rule, name, template, List.of());
    }

    private static void checkTemplate(ConfigNode value, String rule, String name, String template,
            List<String> variables) {
        try {
            AlertTemplates.check(name, template, variables);
        } catch (TemplateException invalid) {
            value.problem((rule == null ? "" : "rule " + rule + ": ") + invalid.getMessage());
        }
    }

    /**
     * The {@code labels} of a group ({@code rule} null) or a rule. Values are templates for alerting rules and
     * their groups; a recording rule's are plain text.
     */
    private static Map<String, String> labels(ConfigNode node, String rule, boolean templates) {
        return node.field("labels").map(labels -> labels.asMap(value -> {
            String name = value.path().substring(labels.path().length() + 1);
            if (name.equals(METRIC_NAME_LABEL)) {
                value.problem("__name__ cannot be set here (it is the metric name)");
            } else if (!LABEL_NAME.matcher(name).matches()) {
                value.problem("not a valid label name (letters, digits and _, not starting with a digit)");
            }
            String text = value.text().orElse("");
            if (templates) {
                checkTemplate(value, rule, name, text);
            }
            return text;
        })).orElse(Map.of());
    }

    private static String origin(ConfigNode node) {
        return node.file() + ":" + node.line();
    }
}
