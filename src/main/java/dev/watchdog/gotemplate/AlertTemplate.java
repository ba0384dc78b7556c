package dev.watchdog.gotemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Prometheus alert label or annotation template: Go text/template syntax with Prometheus' functions and its
 * preamble variables {@code $labels}, {@code $externalLabels}, {@code $externalURL} and {@code $value}.
 * It renders what Prometheus renders for the same rule.
 *
 * <pre>{@code
 * AlertTemplate t = AlertTemplate.parse("summary", "{{ $labels.instance }} is at {{ $value | humanizePercentage }}");
 * String text = t.render(new TemplateData(labels, Map.of(), "http://prometheus:9090", 0.97, null));
 * }</pre>
 *
 * <p>Instances are immutable and may be rendered from several threads at once.
 */
public final class AlertTemplate {

    private static final Map<String, TemplateFunction> FUNCTIONS = functions();
    private static final List<String> PREAMBLE = List.of("$", "$labels", "$externalLabels", "$externalURL", "$value");

    private final String name;
    private final String source;
    private final Parser.Parsed parsed;

    private AlertTemplate(String name, String source, Parser.Parsed parsed) {
        this.name = name;
        this.source = source;
        this.parsed = parsed;
    }

    /** Parses once; a syntax error throws TemplateException with position and a clear message. */
    public static AlertTemplate parse(String name, String source) throws TemplateException {
        return parse(name, source, List.of());
    }

    /** As {@link #parse(String, String)}, with more predeclared variables (e.g. {@code $observed}) beside the preamble. */
    public static AlertTemplate parse(String name, String source, List<String> variables) throws TemplateException {
        List<String> predeclared = new ArrayList<>(PREAMBLE);
        predeclared.addAll(variables);
        return new AlertTemplate(name, source, Parser.parse(name, source, FUNCTIONS.keySet(), predeclared));
    }

    /** Renders with the current time for {@code now}. */
    public String render(TemplateData data) throws TemplateException {
        return render(data, Instant.now());
    }

    /**
     * Renders; a runtime error (a function failing, a bad argument type, a query failure) throws
     * TemplateException.
     *
     * @param evaluationTime the rule evaluation time, which {@code now} returns
     */
    public String render(TemplateData data, Instant evaluationTime) throws TemplateException {
        GoMap labels = GoMap.ofStrings(data.labels());
        GoMap externalLabels = GoMap.ofStrings(data.externalLabels());
        Double value = data.value();
        AlertData dot = new AlertData(labels, externalLabels, data.externalUrl(), value);
        Map<String, Object> predeclared = new LinkedHashMap<>();
        predeclared.put("$", dot);
        predeclared.put("$labels", labels);
        predeclared.put("$externalLabels", externalLabels);
        predeclared.put("$externalURL", data.externalUrl());
        predeclared.put("$value", value);
        predeclared.putAll(data.variables());
        CallContext context = new CallContext(data.query(), data.externalUrl(), evaluationTime);
        return new Executor(name, source, parsed, FUNCTIONS, context).execute(dot, predeclared);
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    /** The names of every function a template may call. */
    public static Set<String> functionNames() {
        return FUNCTIONS.keySet();
    }

    private static Map<String, TemplateFunction> functions() {
        Map<String, TemplateFunction> all = new LinkedHashMap<>();
        BuiltinFunctions.all().forEach(f -> all.put(f.name(), f));
        PrometheusFunctions.all().forEach(f -> all.put(f.name(), f));
        return Map.copyOf(all);
    }

    @Override
    public String toString() {
        return "AlertTemplate[" + name + "]";
    }
}
