package dev.watchdog.alerting;

import dev.watchdog.promql.BinaryExpr;
import dev.watchdog.promql.BinaryOp;
import dev.watchdog.promql.Call;
import dev.watchdog.config.Durations;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.Exprs;
import dev.watchdog.promql.Function;
import dev.watchdog.promql.Functions;
import dev.watchdog.promql.LabelMatcher;
import dev.watchdog.promql.MatchOp;
import dev.watchdog.promql.MatrixSelector;
import dev.watchdog.promql.NumberLiteral;
import dev.watchdog.promql.ParenExpr;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.StringLiteral;
import dev.watchdog.promql.SubqueryExpr;
import dev.watchdog.promql.ValueType;
import dev.watchdog.promql.VectorMatching;
import dev.watchdog.promql.VectorSelector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Makes alerting rules that read a recording rule's series work without a Prometheus that evaluates that
 * recording rule: each selector of a recorded metric is replaced, in the expression's tree, by the recording
 * rule's own expression, with what Prometheus would have added when recording it (the rule's {@code labels} and
 * the metric name, via {@code label_replace}) and then narrowed by the selector's matchers. Chains of recording
 * rules are substituted all the way down.
 *
 * <p>Exact for a plain selector ({@code job:errors:rate5m{job="api"}}). A range ({@code [5m]}), {@code offset}
 * or {@code @} on a recorded metric reads samples Prometheus would have recorded at its evaluation times; a
 * subquery stepping at the recording rule's interval stands in, which is close but not exact: each such rule
 * gets a note that {@code check-config} prints.
 */
public final class RecordingRuleInliner {

    /** A label no real series carries, set on the series a matcher selects and removed again. */
    static final String MARK = "__watchdog_selected__";

    private static final Pattern REGEX_META = Pattern.compile("[\\\\.+*?()|\\[\\]{}^$]");
    private static final Function LABEL_REPLACE = Functions.named("label_replace").orElseThrow();
    private static final Function VECTOR = Functions.named("vector").orElseThrow();
    private static final Function LAST_OVER_TIME = Functions.named("last_over_time").orElseThrow();

    private final Map<String, List<RecordingRule>> byName = new LinkedHashMap<>();
    private final Map<RecordingRule, Duration> steps = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** @param defaultInterval how often a group without its own {@code interval} is evaluated */
    public RecordingRuleInliner(List<RuleGroup> groups, Duration defaultInterval) {
        for (RuleGroup group : groups) {
            for (RecordingRule rule : group.recordingRules()) {
                byName.computeIfAbsent(rule.name(), name -> new ArrayList<>()).add(rule);
                steps.put(rule, group.interval() != null ? group.interval() : defaultInterval);
            }
        }
    }

    /**
     * The groups with each alerting rule's {@link AlertRule#query()} set to its expression with the recording
     * rules it reads substituted in; the notes go to {@code notes}.
     */
    public static List<RuleGroup> substitute(List<RuleGroup> groups, Duration defaultInterval, List<String> notes) {
        RecordingRuleInliner inliner = new RecordingRuleInliner(groups, defaultInterval);
        List<RuleGroup> substituted = groups.stream().map(group -> new RuleGroup(group.name(), group.interval(),
                group.rules().stream().map(inliner::inline).toList(), group.origin(), group.queryOffset(),
                group.labels(), group.limit(), group.recordingRules())).toList();
        notes.addAll(inliner.notes());
        return substituted;
    }

    /** The rule, with its query substituted when it reads a recording rule. */
    public AlertRule inline(AlertRule rule) {
        if (byName.isEmpty()) {
            return rule;
        }
        Expr parsed;
        try {
            parsed = PromQL.parse(rule.expr());
        } catch (PromqlException invalid) {
            return rule; // reported when the rule was parsed
        }
        Expr inlined = inline(parsed, new Context(rule, new ArrayDeque<>()));
        if (inlined.equals(parsed)) {
            return rule;
        }
        AlertRule substituted = rule.withQuery(PromQL.print(inlined));
        if (!rule.isAnomaly()) {
            return substituted;
        }
        try { // an anomaly rule's figures read the same recording rules as its z-score
            return substituted.withFigures(PromQL.print(inline(PromQL.parse(rule.figures()),
                    new Context(rule, new ArrayDeque<>()))));
        } catch (PromqlException generatedFromValidExpr) {
            return substituted;
        }
    }

    public List<String> notes() {
        return notes.stream().distinct().toList();
    }

    private record Context(AlertRule rule, Deque<String> chain) {
    }

    private Expr inline(Expr expr, Context context) {
        return Exprs.rewrite(expr, node -> replacement(node, context));
    }

    /** What takes the node's place, or null to keep it (and look inside it). */
    private Expr replacement(Expr node, Context context) {
        if (node instanceof MatrixSelector matrix) {
            VectorSelector selector = matrix.selector();
            List<RecordingRule> rules = recorded(selector, context);
            if (rules == null) {
                return matrix;
            }
            Duration step = step(rules);
            note(context, selector, "reads a range of it ([" + Durations.format(matrix.range()) + "])", step);
            return new SubqueryExpr(recordedSeries(selector, rules, context), matrix.range(), step, selector.offset(),
                    selector.at());
        }
        if (node instanceof VectorSelector selector) {
            List<RecordingRule> rules = recorded(selector, context);
            if (rules == null) {
                return null;
            }
            if (selector.offset().isZero() && selector.at() == null) {
                return new ParenExpr(recordedSeries(selector, rules, context));
            }
            Duration step = step(rules);
            note(context, selector, "reads it with " + (selector.at() != null ? "@" : "offset"), step);
            // the last value recorded at or before the shifted time, as the recorded series would give
            return new Call(LAST_OVER_TIME, List.of(new SubqueryExpr(recordedSeries(selector, rules, context), step,
                    step, selector.offset(), selector.at())));
        }
        return null;
    }

    /** The recording rules that write the selector's metric, or null when it reads no recording rule. */
    private List<RecordingRule> recorded(VectorSelector selector, Context context) {
        String name = metricName(selector);
        if (name == null) {
            selector.matchers().stream().filter(m -> m.name().equals(LabelMatcher.METRIC_NAME)).findFirst()
                    .filter(m -> byName.keySet().stream().anyMatch(recorded -> selects(m, recorded)))
                    .ifPresent(m -> notes.add(context.rule().origin() + ": rule " + context.rule().name()
                            + ": selects metric names by " + m.op().symbol() + "\"" + m.value() + "\", which matches"
                            + " a recording rule; Watchdog cannot substitute it, so this rule needs Prometheus to"
                            + " evaluate that recording rule"));
            return null;
        }
        List<RecordingRule> rules = byName.get(name);
        if (rules == null) {
            return null;
        }
        if (context.chain().contains(name)) {
            notes.add(context.rule().origin() + ": rule " + context.rule().name() + ": recording rules read each other"
                    + " in a cycle (" + String.join(" -> ", context.chain()) + " -> " + name + "); left as written");
            return null;
        }
        return rules;
    }

    private static boolean selects(LabelMatcher matcher, String name) {
        boolean matches = switch (matcher.op()) {
            case EQUAL, NOT_EQUAL -> matcher.value().equals(name);
            case REGEX, NOT_REGEX -> com.google.re2j.Pattern.compile("^(?:" + matcher.value() + ")$").matches(name);
        };
        return matcher.op() == MatchOp.EQUAL || matcher.op() == MatchOp.REGEX ? matches : !matches;
    }

    /** The metric name a selector reads by equality ({@code x} or {@code {__name__="x"}}), or null. */
    private static String metricName(VectorSelector selector) {
        if (!selector.name().isEmpty()) {
            return selector.name();
        }
        return selector.matchers().stream()
                .filter(m -> m.name().equals(LabelMatcher.METRIC_NAME) && m.op() == MatchOp.EQUAL)
                .map(LabelMatcher::value).findFirst().orElse(null);
    }

    /** Every recording rule of the name, as recorded, or-ed together, narrowed by the selector's matchers. */
    private Expr recordedSeries(VectorSelector selector, List<RecordingRule> rules, Context context) {
        String name = metricName(selector);
        context.chain().addLast(name);
        Expr union = null;
        for (RecordingRule rule : rules) {
            Expr recorded = asRecorded(inline(rule.query(), context), rule);
            union = union == null ? recorded : new BinaryExpr(union, BinaryOp.OR, recorded, false, null);
        }
        context.chain().removeLast();
        Expr selected = union;
        for (LabelMatcher matcher : selector.matchers()) {
            if (!matcher.name().equals(LabelMatcher.METRIC_NAME)) {
                selected = select(selected, matcher);
            }
        }
        return selected;
    }

    /** What Prometheus writes for a recording rule: its result with the rule's labels and the metric name set. */
    private static Expr asRecorded(Expr query, RecordingRule rule) {
        Expr recorded = query.type() == ValueType.SCALAR ? new Call(VECTOR, List.of(query)) : query;
        for (Map.Entry<String, String> label : new TreeMap<>(rule.labels()).entrySet()) {
            recorded = setLabel(recorded, label.getKey(), label.getValue());
        }
        return setLabel(recorded, LabelMatcher.METRIC_NAME, rule.name());
    }

    /** {@code label_replace} with an empty source and regex always matches: it sets (or, with "", removes) the label. */
    private static Expr setLabel(Expr expr, String label, String value) {
        return labelReplace(expr, label, value, "", "");
    }

    private static Expr labelReplace(Expr expr, String dst, String replacement, String src, String regex) {
        return new Call(LABEL_REPLACE, List.of(expr, new StringLiteral(dst), new StringLiteral(replacement),
                new StringLiteral(src), new StringLiteral(regex)));
    }

    /**
     * The series of {@code expr} the matcher selects: those it matches are marked (label_replace's regex is
     * anchored like a matcher's, and reads a missing label as "" as matchers do), kept or dropped by a set
     * operation against a single marked element, and unmarked.
     */
    private static Expr select(Expr expr, LabelMatcher matcher) {
        String regex = matcher.op().isRegex() ? matcher.value() : REGEX_META.matcher(matcher.value())
                .replaceAll("\\\\$0");
        Expr marked = labelReplace(expr, MARK, "1", matcher.name(), regex);
        Expr marker = setLabel(new Call(VECTOR, List.of(new NumberLiteral(1))), MARK, "1");
        boolean keep = matcher.op() == MatchOp.EQUAL || matcher.op() == MatchOp.REGEX;
        Expr selected = new BinaryExpr(marked, keep ? BinaryOp.AND : BinaryOp.UNLESS, marker, false,
                new VectorMatching(true, List.of(MARK), VectorMatching.Cardinality.ONE_TO_ONE, List.of()));
        return setLabel(selected, MARK, "");
    }

    private Duration step(List<RecordingRule> rules) {
        return rules.stream().map(steps::get).min(Duration::compareTo).orElseThrow();
    }

    private void note(Context context, VectorSelector selector, String how, Duration step) {
        notes.add(context.rule().origin() + ": rule " + context.rule().name() + ": " + metricName(selector)
                + " is a recording rule and the expression " + how + "; Watchdog substitutes a subquery evaluated every "
                + Durations.format(step) + ", which is close to but not"
                + " exactly the samples Prometheus records (exact only where Prometheus evaluates that rule)");
    }
}
