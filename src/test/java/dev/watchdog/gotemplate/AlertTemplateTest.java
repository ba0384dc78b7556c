package dev.watchdog.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The template language as alert rules use it: preamble variables, pipelines, control flow, printing. */
class AlertTemplateTest {

    private static final Map<String, String> LABELS =
            Map.of("__name__", "up", "instance", "node-1.example.com:9100", "job", "node", "severity", "critical");
    private static final Map<String, String> EXTERNAL = Map.of("cluster", "eu-1");
    private static final String URL = "http://prometheus.example:9090/prom";

    private static String render(String text, double value) throws TemplateException {
        return render(text, value, null);
    }

    private static String render(String text, double value, QueryFunction query) throws TemplateException {
        return AlertTemplate.parse("test", text)
                .render(new TemplateData(LABELS, EXTERNAL, URL, value, query), Instant.EPOCH);
    }

    @Test
    void plainTextIsReturnedAsIs() throws TemplateException {
        assertThat(render("Instance is down", 1)).isEqualTo("Instance is down");
        assertThat(render("", 1)).isEmpty();
    }

    @Test
    void preambleVariablesAndDotFieldsGiveTheAlertData() throws TemplateException {
        assertThat(render("{{ $labels.instance }} of {{ $labels.job }} in {{ $externalLabels.cluster }}", 1))
                .isEqualTo("node-1.example.com:9100 of node in eu-1");
        assertThat(render("{{ .Labels.instance }}|{{ .ExternalLabels.cluster }}|{{ .ExternalURL }}|{{ .Value }}", 2.5))
                .isEqualTo("node-1.example.com:9100|eu-1|http://prometheus.example:9090/prom|2.5");
        assertThat(render("{{ $externalURL }}/alerts", 1)).isEqualTo("http://prometheus.example:9090/prom/alerts");
        assertThat(render("{{ $.Labels.job }}", 1)).isEqualTo("node");
    }

    @Test
    void missingLabelIsEmptyAsGoMapsGiveTheZeroValue() throws TemplateException {
        assertThat(render("[{{ $labels.nope }}]", 1)).isEqualTo("[]");
        assertThat(render("[{{ .Labels.nope }}]", 1)).isEqualTo("[]");
        assertThat(render("[{{ index $labels \"nope\" }}]", 1)).isEqualTo("[]");
    }

    @ParameterizedTest(name = "$value {0} prints {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1          | 1
            1.5        | 1.5
            0.1        | 0.1
            100000     | 100000
            1000000    | 1e+06
            123456789  | 1.23456789e+08
            1e21       | 1e+21
            0.0001     | 0.0001
            0.00001    | 1e-05
            1.5e-7     | 1.5e-07
            -42        | -42
            Infinity   | +Inf
            -Infinity  | -Inf
            NaN        | NaN
            """)
    void valuePrintsLikeGoPercentV(double value, String expected) throws TemplateException {
        assertThat(render("{{ $value }}", value)).isEqualTo(expected);
        assertThat(render("{{ .Value }}", value)).isEqualTo(expected);
    }

    @Test
    void literalsPrintWithTheTypeTheirSpellingGivesThem() throws TemplateException {
        assertThat(render("{{ 1 }} {{ 1.0 }} {{ 1e6 }} {{ -3 }} {{ 0x1F }} {{ 017 }} {{ 'a' }}", 0))
                .isEqualTo("1 1 1e+06 -3 31 15 97");
        assertThat(render("{{ true }} {{ \"a\\tb\" }} {{ `raw\\n` }}", 0)).isEqualTo("true a\tb raw\\n");
        assertThat(render("{{ printf \"%T %T %T %T\" 1 1.0 \"s\" true }}", 0)).isEqualTo("int float64 string bool");
    }

    @Test
    void compositeValuesPrintLikeGoFmt() throws TemplateException {
        assertThat(render("{{ $labels }}", 1))
                .isEqualTo("map[__name__:up instance:node-1.example.com:9100 job:node severity:critical]");
        assertThat(render("{{ . }}", 3))
                .isEqualTo("{map[__name__:up instance:node-1.example.com:9100 job:node severity:critical] "
                        + "map[cluster:eu-1] http://prometheus.example:9090/prom 3}");
        assertThat(render("{{ args 1 \"x\" }}", 0)).isEqualTo("map[arg0:1 arg1:x]");
    }

    @Test
    void pipelinesPassTheValueAsTheLastArgument() throws TemplateException {
        assertThat(render("{{ $value | printf \"%.2f\" }}", 3.14159)).isEqualTo("3.14");
        assertThat(render("{{ \"x\" | printf \"%s-%s\" \"y\" }}", 0)).isEqualTo("y-x");
        assertThat(render("{{ .Labels.job | toUpper | printf \"[%s]\" }}", 0)).isEqualTo("[NODE]");
        assertThat(render("{{ printf \"%d items\" (len $labels) }}", 0)).isEqualTo("4 items");
        assertThat(render("{{ (printf \"%s\" \"x\") | printf \"<%s>\" }}", 0)).isEqualTo("<x>");
    }

    @Test
    void printfSupportsGoVerbsWidthsAndPrecision() throws TemplateException {
        assertThat(render("{{ printf \"%s %d %5.1f%% %g %v %q %x %%\" \"a\" 42 99.44 0.5 true \"q\" 255 }}", 0))
                .isEqualTo("a 42  99.4% 0.5 true \"q\" ff %");
        assertThat(render("{{ printf \"%.2f\" $value }}", 0.666)).isEqualTo("0.67");
        assertThat(render("{{ printf \"%d\" $value }}", 42)).isEqualTo("%!d(float64=42)");
        assertThat(render("{{ printf \"%-8s|%8s|\" .Labels.job .Labels.job }}", 0)).isEqualTo("node    |    node|");
        assertThat(render("{{ printf \"%08.3f|%+d|%x|%X\" 3.14159 42 \"Hi\" 3054 }}", 0))
                .isEqualTo("0003.142|+42|4869|BEE");
    }

    @Test
    void printAndPrintlnSpaceOperandsLikeGo() throws TemplateException {
        assertThat(render("{{ print 1 2 \"a\" \"b\" 3 }}", 0)).isEqualTo("1 2ab3");
        assertThat(render("{{ println 1 \"a\" }}", 0)).isEqualTo("1 a\n");
    }

    @Test
    void ifElseIfElseChooseByGoTruth() throws TemplateException {
        String text = "{{ if eq .Labels.severity \"page\" }}P{{ else if eq .Labels.severity \"critical\" }}C"
                + "{{ else }}I{{ end }}";
        assertThat(render(text, 0)).isEqualTo("C");
        assertThat(render("{{ if 0 }}a{{ else if \"\" }}b{{ else if $labels }}c{{ else }}d{{ end }}", 0)).isEqualTo("c");
        assertThat(render("{{ if $value }}yes{{ else }}no{{ end }}", 0)).isEqualTo("no");
        assertThat(render("{{ if $value }}yes{{ else }}no{{ end }}", Double.NaN)).isEqualTo("yes");
        assertThat(render("{{ if .Labels.nope }}a{{ else }}b{{ end }}", 0)).isEqualTo("b");
        assertThat(render("{{ if (args) }}a{{ else }}b{{ end }}", 0)).isEqualTo("b");
    }

    @Test
    void nestedIfElseWorks() throws TemplateException {
        String text = "{{ if .Labels.job }}{{ if .Labels.nope }}a{{ else }}{{ if not .Labels.nope }}b{{ else }}c{{ end }}"
                + "{{ end }}{{ else }}d{{ end }}";
        assertThat(render(text, 0)).isEqualTo("b");
    }

    @Test
    void comparisonsFollowGoTypeRules() throws TemplateException {
        assertThat(render("{{ gt $value 10.0 }} {{ lt $value 10.0 }} {{ eq $value 12.5 }} {{ ge 2 2 }} {{ ne 1 2 }}", 12.5))
                .isEqualTo("true false true true true");
        assertThat(render("{{ eq .Labels.job \"db\" \"node\" }} {{ lt \"a\" \"b\" }}", 0)).isEqualTo("true true");
        assertThat(render("{{ and 1 0 }} {{ and 1 2 }} {{ or 0 \"\" }} {{ or 0 \"x\" }} {{ not 0 }}", 0))
                .isEqualTo("0 2  x true");
        assertThat(render("{{ if and .Labels.job (eq .Labels.severity \"critical\") }}page{{ end }}", 0)).isEqualTo("page");
        assertThat(render("{{ or .Labels.nope \"default\" }}", 0)).isEqualTo("default");
    }

    @Test
    void comparingAFloatWithAnIntIsAnErrorAsInGo() {
        assertThatThrownBy(() -> render("{{ if gt $value 10 }}high{{ end }}", 12))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template \"test\": 1:7: at <gt $value 10>: error calling gt: "
                        + "incompatible types for comparison: float64 and int");
    }

    @Test
    void andOrStopEvaluatingAtTheDecidingArgument() throws TemplateException {
        assertThat(render("{{ or 1 (first (query \"up\")) }}", 0)).isEqualTo("1");
        assertThat(render("{{ and 0 (first (query \"up\")) }}", 0)).isEqualTo("0");
    }

    @Test
    void withRebindsDotAndHasAnElse() throws TemplateException {
        assertThat(render("{{ with .Labels.job }}job={{ . }}{{ end }}", 0)).isEqualTo("job=node");
        assertThat(render("{{ with .Labels.nope }}x{{ else }}none{{ end }}", 0)).isEqualTo("none");
        assertThat(render("{{ with $x := .Labels.job }}{{ $x }}{{ . }}{{ end }}", 0)).isEqualTo("nodenode");
        assertThat(render("{{ with 0 }}a{{ else with .Labels.job }}b{{ . }}{{ end }}", 0)).isEqualTo("bnode");
    }

    @Test
    void rangeOverMapsIsInKeyOrderWithIndexAndValueVariables() throws TemplateException {
        assertThat(render("{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}", 0))
                .isEqualTo("__name__=up;instance=node-1.example.com:9100;job=node;severity=critical;");
        assertThat(render("{{ range $labels }}{{ . }},{{ end }}", 0))
                .isEqualTo("up,node-1.example.com:9100,node,critical,");
        assertThat(render("{{ range $v := $labels }}{{ $v }},{{ end }}", 0))
                .isEqualTo("up,node-1.example.com:9100,node,critical,");
        assertThat(render("{{ range $k, $v := (args) }}x{{ else }}empty{{ end }}", 0)).isEqualTo("empty");
    }

    @Test
    void rangeSupportsBreakContinueAndOuterVariables() throws TemplateException {
        assertThat(render("{{ range $k, $v := $labels }}{{ if eq $k \"job\" }}{{ break }}{{ end }}{{ $k }};{{ end }}", 0))
                .isEqualTo("__name__;instance;");
        assertThat(render("{{ range $k, $v := $labels }}{{ if eq $k \"job\" }}{{ continue }}{{ end }}{{ $k }};{{ end }}", 0))
                .isEqualTo("__name__;instance;severity;");
        assertThat(render("{{ $n := 0 }}{{ range $labels }}{{ $n = . }}{{ end }}{{ $n }}", 0)).isEqualTo("critical");
        assertThat(render("{{ range $labels }}{{ $.Labels.job }}{{ end }}", 0)).isEqualTo("nodenodenodenode");
        assertThat(render("{{ range 3 }}{{ . }}{{ end }}", 0)).isEqualTo("012");
    }

    @Test
    void rangeOverAQueryResultRebindsDotToEachSample() throws TemplateException {
        List<String> queries = new ArrayList<>();
        QueryFunction query = promql -> {
            queries.add(promql);
            return List.of(
                    new QueryResultSample(Map.of("__name__", "up", "instance", "b"), 0),
                    new QueryResultSample(Map.of("__name__", "up", "instance", "a"), 1));
        };
        String text = "{{ range $i, $s := query \"up == 0\" }}{{ $i }}:{{ $s.Labels.instance }}={{ .Value }} {{ end }}";
        assertThat(render(text, 0, query)).isEqualTo("0:b=0 1:a=1 ");
        assertThat(queries).containsExactly("up == 0");

        String sorted = "{{ range query \"up\" | sortByLabel \"instance\" }}{{ .Labels.instance }}:{{ .Value }} {{ end }}";
        assertThat(render(sorted, 0, query)).isEqualTo("a:1 b:0 ");
    }

    @Test
    void rangeOverAnEmptyQueryResultTakesTheElseBranch() throws TemplateException {
        QueryFunction none = promql -> List.of();
        assertThat(render("{{ range query \"up\" }}x{{ else }}no series{{ end }}", 0, none)).isEqualTo("no series");
        assertThat(render("{{ with query \"up\" }}x{{ else }}empty{{ end }}", 0, none)).isEqualTo("empty");
    }

    @Test
    void variablesAreScopedToTheirControlStructure() throws TemplateException {
        assertThat(render("{{ $x := 1 }}{{ $x }}{{ $x = 2 }}{{ $x }}", 0)).isEqualTo("12");
        assertThat(render("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", 0)).isEqualTo("2");
        assertThat(render("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", 0)).isEqualTo("21");
        assertThat(render("{{ if $x := .Labels.job }}{{ $x }}{{ end }}", 0)).isEqualTo("node");
    }

    @Test
    void trimMarkersRemoveSurroundingWhitespace() throws TemplateException {
        assertThat(render("a  {{- 1 -}}  b", 0)).isEqualTo("a1b");
        assertThat(render("a  {{- /* comment */ -}}  b", 0)).isEqualTo("ab");
        assertThat(render("a {{/* comment */}} b", 0)).isEqualTo("a  b");
        assertThat(render("line1\n{{- if true }}\n  yes\n{{- end }}\nline3", 0)).isEqualTo("line1\n  yes\nline3");
        assertThat(render("{{ range $k, $v := $labels -}}\n  {{ $k }}\n{{ end -}}\ndone", 0))
                .isEqualTo("__name__\ninstance\njob\nseverity\ndone");
        assertThat(render("{{-3}}", 0)).isEqualTo("-3");
        assertThat(render("{{\n  $labels.job\n}}", 0)).isEqualTo("node");
    }

    @Test
    void builtinFunctionsBehaveLikeGo() throws TemplateException {
        assertThat(render("{{ len \"héllo\" }} {{ len $labels }} {{ index $labels \"job\" }} {{ index \"abc\" 1 }}", 0))
                .isEqualTo("6 4 node 98");
        assertThat(render("{{ slice \"abcdef\" 1 3 }} {{ slice \"abcdef\" 2 }}", 0)).isEqualTo("bc cdef");
        assertThat(render("{{ html \"<a href='x'>&\" }}", 0)).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;");
        assertThat(render("{{ js \"a'b<>\" }}", 0)).isEqualTo("a\\'b\\u003C\\u003E");
        assertThat(render("{{ urlquery \"a b&c=d/é\" }}", 0)).isEqualTo("a+b%26c%3Dd%2F%C3%A9");
    }

    @Test
    void defineTemplateAndBlockWork() throws TemplateException {
        assertThat(render("{{ define \"x\" }}{{ .arg0 }} {{ .arg1 }}{{ end }}{{ template \"x\" (args 1 \"2\") }}", 0))
                .isEqualTo("1 2");
        assertThat(render("{{ define \"T\" }}[{{ . }}]{{ end }}{{ range $labels }}{{ template \"T\" . }}{{ end }}", 0))
                .isEqualTo("[up][node-1.example.com:9100][node][critical]");
        assertThat(render("{{ block \"b\" . }}B{{ .Labels.job }}{{ end }}", 0)).isEqualTo("Bnode");
    }

    @Test
    void aParsedTemplateRendersManyTimesWithDifferentData() throws TemplateException {
        AlertTemplate template = AlertTemplate.parse("summary", "{{ $labels.instance }}: {{ $value | humanize }}");
        assertThat(template.render(new TemplateData(Map.of("instance", "a"), Map.of(), "", 1234567, null)))
                .isEqualTo("a: 1.235M");
        assertThat(template.render(new TemplateData(Map.of("instance", "b"), null, null, 0.12, null)))
                .isEqualTo("b: 120m");
        assertThat(template.name()).isEqualTo("summary");
    }

    @Test
    void queryWithoutAQueryFunctionFailsClearly() {
        assertThatThrownBy(() -> render("{{ query \"up\" }}", 0))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template \"test\": 1:4: at <query \"up\">: error calling query: query is not available here");
    }

    @Test
    void aFailingQueryIsARenderError() {
        QueryFunction failing = promql -> {
            throw new IllegalStateException("connection refused");
        };
        assertThatThrownBy(() -> render("{{ query \"up\" | first | value }}", 0, failing))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template \"test\": 1:4: at <query \"up\">: error calling query: connection refused");
    }
}
