package dev.watchdog.alerting;

import dev.watchdog.gotemplate.TemplateException;
import dev.watchdog.config.ConfigNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds {@code groups:} in Prometheus' rule-file format, so users can paste the rules they
 * already have. Recording rules are accepted and skipped: Prometheus should keep evaluating them.
 */
public final class RuleGroupParser {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final List<String> notes = new ArrayList<>();

    /** Things worth telling the user that are not errors (skipped recording rules). */
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
            Duration interval = node.has("interval") ? node.duration("interval", null) : null;
            Map<String, String> groupLabels = labels(node, "labels", null);
            List<AlertRule> rules = new ArrayList<>();
            for (ConfigNode ruleNode : node.list("rules")) {
                AlertRule rule = parseRule(ruleNode, name, groupLabels);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            groups.add(new RuleGroup(name, interval, rules, node.file() + ":" + node.line()));
        }
        return groups;
    }

    private AlertRule parseRule(ConfigNode node, String group, Map<String, String> groupLabels) {
        if (!node.allowOnly("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations")) {
            return null;
        }
        if (node.has("record")) {
            if (node.has("alert")) {
                node.problem("a rule has either alert or record, not both");
            }
            notes.add(node.file() + ":" + node.line() + ": recording rule \"" + node.string("record", "")
                    + "\" skipped (Watchdog evaluates alerting rules; keep recording rules in Prometheus)");
            return null;
        }
        String name = node.requiredString("alert");
        if (!name.isEmpty() && !METRIC_NAME.matcher(name).matches()) {
            node.field("alert").orElse(node).problem("\"" + name
                    + "\" is not a valid alert name (letters, digits, _ and :, not starting with a digit)");
        }
        String expr = node.requiredString("expr");
        Duration pendingFor = node.duration("for", Duration.ZERO);
        Duration keepFiringFor = node.duration("keep_firing_for", Duration.ZERO);
        Map<String, String> labels = new java.util.LinkedHashMap<>(groupLabels);
        labels.putAll(labels(node, "labels", name));
        Map<String, String> annotations = node.field("annotations").map(annotationsNode -> annotationsNode.asMap(value -> {
            String annotation = value.path().substring(annotationsNode.path().length() + 1);
            String template = value.text().orElse("");
            checkTemplate(value, name, annotation, template);
            return template;
        })).orElse(Map.of());
        return new AlertRule(name, expr, pendingFor, keepFiringFor, labels, annotations, group,
                node.file() + ":" + node.line());
    }

    /** A template that will not parse is a config error now, not a broken alert at 2 a.m. */
    private static void checkTemplate(ConfigNode value, String rule, String name, String template) {
        try {
            AlertTemplates.check(name, template);
        } catch (TemplateException invalid) {
            value.problem((rule == null ? "" : "rule " + rule + ": ") + invalid.getMessage());
        }
    }

    private static Map<String, String> labels(ConfigNode node, String key, String rule) {
        return node.field(key).map(labels -> labels.asMap(value -> {
            String name = value.path().substring(labels.path().length() + 1);
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                value.problem("not a valid label name (letters, digits and _, not starting with a digit or __)");
            }
            String template = value.text().orElse("");
            checkTemplate(value, rule, name, template);
            return template;
        })).orElse(Map.of());
    }
}
