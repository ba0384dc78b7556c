package dev.watchdog.gotemplate;

import static dev.watchdog.gotemplate.TemplateFunction.Param.ANY;
import static dev.watchdog.gotemplate.TemplateFunction.Param.QUERY_RESULT;
import static dev.watchdog.gotemplate.TemplateFunction.Param.SAMPLE;
import static dev.watchdog.gotemplate.TemplateFunction.Param.STRING;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The functions Prometheus adds to Go templates for alert labels and annotations. */
final class PrometheusFunctions {

    private static final String NIL_POINTER = "runtime error: invalid memory address or nil pointer dereference";

    private PrometheusFunctions() {
    }

    static List<TemplateFunction> all() {
        return List.of(
                TemplateFunction.of("query", (c, a) -> query(c, (String) a.get(0)), STRING),
                TemplateFunction.of("first", (c, a) -> first((QueryResult) a.get(0)), QUERY_RESULT),
                TemplateFunction.of("label", (c, a) -> sample(a.get(1)).labels().get((String) a.get(0)), STRING, SAMPLE),
                TemplateFunction.of("value", (c, a) -> sample(a.get(0)).value(), SAMPLE),
                TemplateFunction.of("strvalue", (c, a) -> sample(a.get(0)).labels().get("__value__"), SAMPLE),
                TemplateFunction.variadic("args", (c, a) -> args(a), ANY),
                TemplateFunction.of("reReplaceAll", (c, a) -> reReplaceAll((String) a.get(0), (String) a.get(1),
                        (String) a.get(2)), STRING, STRING, STRING),
                TemplateFunction.of("safeHtml", (c, a) -> new SafeHtml((String) a.get(0)), STRING),
                TemplateFunction.of("match", (c, a) -> GoRegex.compile((String) a.get(0)).matches((String) a.get(1)),
                        STRING, STRING),
                TemplateFunction.of("title", (c, a) -> TitleCase.apply((String) a.get(0)), STRING),
                TemplateFunction.of("toUpper", (c, a) -> GoStrings.toUpper((String) a.get(0)), STRING),
                TemplateFunction.of("toLower", (c, a) -> GoStrings.toLower((String) a.get(0)), STRING),
                TemplateFunction.of("graphLink", (c, a) -> link((String) a.get(0), 0), STRING),
                TemplateFunction.of("tableLink", (c, a) -> link((String) a.get(0), 1), STRING),
                TemplateFunction.of("sortByLabel", (c, a) -> sortByLabel((String) a.get(0), (QueryResult) a.get(1)),
                        STRING, QUERY_RESULT),
                TemplateFunction.of("stripPort", (c, a) -> HostPort.stripPort((String) a.get(0)), STRING),
                TemplateFunction.of("stripDomain", (c, a) -> HostPort.stripDomain((String) a.get(0)), STRING),
                TemplateFunction.of("humanize", (c, a) -> Humanize.metric(toFloat(a.get(0))), ANY),
                TemplateFunction.of("humanize1024", (c, a) -> Humanize.binary(toFloat(a.get(0))), ANY),
                TemplateFunction.of("humanizeDuration", (c, a) -> Humanize.duration(toFloat(a.get(0))), ANY),
                TemplateFunction.of("humanizePercentage", (c, a) -> Humanize.percentage(toFloat(a.get(0))), ANY),
                TemplateFunction.of("humanizeTimestamp", (c, a) -> Humanize.timestamp(toFloat(a.get(0))), ANY),
                TemplateFunction.of("toTime", (c, a) -> Humanize.toTime(toFloat(a.get(0))), ANY),
                TemplateFunction.of("toDuration", (c, a) -> new GoDuration((long) (toFloat(a.get(0)) * 1e9), true), ANY),
                TemplateFunction.of("now", (c, a) -> c.evaluationTime().toEpochMilli() / 1000.0),
                TemplateFunction.of("pathPrefix", (c, a) -> pathPrefix(c.externalUrl())),
                TemplateFunction.of("externalURL", (c, a) -> c.externalUrl() == null ? "" : c.externalUrl()),
                TemplateFunction.of("parseDuration",
                        (c, a) -> PromDuration.parseAllowNegative((String) a.get(0)) / 1e9, STRING),
                TemplateFunction.of("urlQueryEscape", (c, a) -> GoStrings.queryEscape((String) a.get(0)), STRING));
    }

    /** {@code ConvertToFloat}: float64, int, a string that parses, or a time.Duration (as seconds). */
    static double toFloat(Object v) throws GoError {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            return GoNumbers.parseFloat(s);
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof GoDuration d && !d.pointer()) {
            return d.seconds();
        }
        throw new GoError("can't convert " + GoValues.typeName(v) + " to float");
    }

    private static Object query(CallContext context, String promql) throws GoError {
        if (context.query() == null) {
            throw new GoError("query is not available here");
        }
        List<QueryResultSample> result;
        try {
            result = context.query().query(promql);
        } catch (Exception e) {
            throw new GoError(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
        List<Sample> samples = new ArrayList<>();
        if (result != null) {
            for (QueryResultSample s : result) {
                samples.add(new Sample(GoMap.ofStrings(s.labels()), s.value()));
            }
        }
        return new QueryResult(samples);
    }

    private static Object first(QueryResult v) throws GoError {
        if (v == null || v.samples().isEmpty()) {
            throw new GoError("first() called on vector with no elements");
        }
        return v.samples().get(0);
    }

    private static Sample sample(Object s) throws GoError {
        if (s == null) {
            throw new GoError(NIL_POINTER);
        }
        return (Sample) s;
    }

    private static Object args(List<Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            map.put("arg" + i, values.get(i));
        }
        return GoMap.ofValues(map);
    }

    private static Object reReplaceAll(String pattern, String replacement, String text) throws GoError {
        GoRegex re;
        try {
            re = GoRegex.compile(pattern);
        } catch (GoError e) {
            String quoted = GoStrings.canBackquote(pattern) ? "`" + pattern + "`" : GoStrings.quote(pattern, false);
            throw new GoError("regexp: Compile(" + quoted + "): " + e.getMessage());
        }
        return re.replaceAll(text, replacement);
    }

    private static String link(String expr, int tab) {
        return "/graph?g0.expr=" + GoStrings.queryEscape(expr) + "&g0.tab=" + tab;
    }

    private static Object sortByLabel(String label, QueryResult v) {
        if (v == null) {
            return null;
        }
        List<Sample> sorted = new ArrayList<>(v.samples());
        sorted.sort(Comparator.comparing(s -> (String) s.labels().get(label), GoStrings::compare));
        return new QueryResult(sorted);
    }

    private static String pathPrefix(String externalUrl) {
        if (externalUrl == null || externalUrl.isEmpty()) {
            return "";
        }
        try {
            String path = new URI(externalUrl).getPath();
            return path == null ? "" : path;
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
