package dev.watchdog.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prometheus' template functions, checked against the outputs of Prometheus' own template tests
 * (template/template_test.go), re-typed here. Prometheus runs those over a Go slice as dot; here the same
 * inputs are written as literals or strings, which reach the functions with the same Go types.
 */
class PrometheusFunctionsTest {

    /** The evaluation time of Prometheus' tests: model.Time(1353755652000). */
    private static final Instant NOW = Instant.ofEpochMilli(1353755652000L);
    private static final String EXTERNAL_URL = "http://testhost:9090/path/prefix";

    private static String render(String text) throws TemplateException {
        return render(text, null);
    }

    private static String render(String text, List<QueryResultSample> queryResult) throws TemplateException {
        QueryFunction query = queryResult == null ? null : promql -> queryResult;
        return AlertTemplate.parse("test", text)
                .render(new TemplateData(Map.of(), Map.of(), EXTERNAL_URL, 0, query), NOW);
    }

    private static QueryResultSample sample(double value, String... labels) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new QueryResultSample(map, value);
    }

    @Test
    void queryFirstValueAndLabel() throws TemplateException {
        assertThat(render("{{ query \"1.5\" | first | value }}", List.of(sample(1.5)))).isEqualTo("1.5");
        List<QueryResultSample> metric = List.of(sample(11, "__name__", "metric", "instance", "a"));
        assertThat(render("{{ query \"metric{instance='a'}\" | first | value }}", metric)).isEqualTo("11");
        assertThat(render("{{ query \"metric{instance='a'}\" | first | label \"instance\" }}", metric)).isEqualTo("a");
        assertThat(render("{{ query \"metric{instance='a'}\" | first | label \"foo\" }}", metric)).isEmpty();
        assertThat(render("{{ $x := query \"metric\" | first }}{{ $x.Labels.foo }}", metric)).isEmpty();
        assertThat(render("{{ query \"metric{__value__='a'}\" | first | strvalue }}",
                List.of(sample(11, "__name__", "metric", "__value__", "a")))).isEqualTo("a");
    }

    @Test
    void rangeOverQuerySortedByLabel() throws TemplateException {
        List<QueryResultSample> result = List.of(
                sample(21, "__name__", "metric", "instance", "b"),
                sample(11, "__name__", "metric", "instance", "a"));
        assertThat(render("{{ range query \"metric\" | sortByLabel \"instance\" }}{{.Labels.instance}}:{{.Value}}: {{end}}",
                result)).isEqualTo("a:11: b:21: ");
    }

    @Test
    void firstOfAnEmptyResultIsAnError() {
        assertThatThrownBy(() -> render("{{ query \"missing\" | first }}", List.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template \"test\": 1:22: at <first>: error calling first: "
                        + "first() called on vector with no elements");
    }

    @Test
    void aFieldOfAQueryResultIsAnError() {
        assertThatThrownBy(() -> render("{{ (query \"missing\").banana }}", List.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageEndingWith("can't evaluate field banana in type template.queryResult");
    }

    @Test
    void defineTemplateWithArgs() throws TemplateException {
        assertThat(render("{{define \"x\"}}{{.arg0}} {{.arg1}}{{end}}{{template \"x\" (args 1 \"2\")}}")).isEqualTo("1 2");
    }

    @Test
    void noHtmlEscapingInTextTemplates() throws TemplateException {
        assertThat(render("{{ \"<b>\" }}")).isEqualTo("<b>");
        assertThat(render("{{ \"<b>\" | safeHtml }}")).isEqualTo("<b>");
    }

    @Test
    void reReplaceAllUsesGoReplacementSyntax() throws TemplateException {
        assertThat(render("{{ reReplaceAll \"(a)b\" \"x$1\" \"ab\" }}")).isEqualTo("xa");
        assertThat(render("{{ reReplaceAll \"^(.*):\\\\d+$\" \"$1\" \"host:9100\" }}")).isEqualTo("host");
        assertThat(render("{{ \"node-1.example.com:9100\" | reReplaceAll \":.*\" \"\" }}")).isEqualTo("node-1.example.com");
    }

    @Test
    void humanize() throws TemplateException {
        assertThat(render("{{ humanize 0.0 }}:{{ humanize 1.0 }}:{{ humanize 1234567.0 }}:{{ humanize .12 }}:"))
                .isEqualTo("0:1:1.235M:120m:");
        assertThat(render("{{ humanize \"0.0\" }}:{{ humanize \"1.0\" }}:{{ humanize \"1234567.0\" }}:{{ humanize \".12\" }}:"))
                .isEqualTo("0:1:1.235M:120m:");
        assertThat(render("{{ humanize 0 }}:{{ humanize -1 }}:{{ humanize 1 }}:{{ humanize 1234567 }}:"
                + "{{ humanize 9223372036854775807 }}:")).isEqualTo("0:-1:1:1.235M:9.223E:");
    }

    @Test
    void humanize1024() throws TemplateException {
        assertThat(render("{{ humanize1024 0.0 }}:{{ humanize1024 1.0 }}:{{ humanize1024 1048576.0 }}:{{ humanize1024 .12 }}:"))
                .isEqualTo("0:1:1Mi:0.12:");
        assertThat(render("{{ humanize1024 \"0.0\" }}:{{ humanize1024 \"1.0\" }}:{{ humanize1024 \"1048576.0\" }}:"
                + "{{ humanize1024 \".12\" }}:")).isEqualTo("0:1:1Mi:0.12:");
        assertThat(render("{{ humanize1024 0 }}:{{ humanize1024 -1 }}:{{ humanize1024 1 }}:{{ humanize1024 1234567 }}:"
                + "{{ humanize1024 9223372036854775807 }}:")).isEqualTo("0:-1:1:1.177Mi:8Ei:");
        assertThat(render("{{ humanize1024 2048 }}")).isEqualTo("2ki");
    }

    @ParameterizedTest(name = "humanizeDuration {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0          | 0s
            1          | 1s
            60         | 1m 0s
            3600       | 1h 0m 0s
            86400      | 1d 0h 0m 0s
            90000      | 1d 1h 0m 0s
            -183845    | -2d 3h 4m 5s
            899.99     | 14m 59s
            .1         | 100ms
            .0001      | 100us
            .12345     | 123.5ms
            60.1       | 1m 0s
            60.5       | 1m 0s
            1.2345     | 1.234s
            12.345     | 12.35s
            -1         | -1s
            1234567    | 14d 6h 56m 7s
            """)
    void humanizeDuration(String seconds, String expected) throws TemplateException {
        assertThat(render("{{ humanizeDuration " + seconds + " }}")).isEqualTo(expected);
        assertThat(render("{{ humanizeDuration \"" + seconds + "\" }}")).isEqualTo(expected);
    }

    @Test
    void humanizersPassInfinityAndNaNThrough() throws TemplateException {
        String text = "{{ range (args \"+Inf\" \"-Inf\" \"NaN\") }}{{ humanize . }}:{{ humanize1024 . }}:"
                + "{{ humanizeDuration . }}:{{ humanizeTimestamp . }}:{{ end }}";
        assertThat(render(text)).isEqualTo("+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:");
    }

    @Test
    void humanizePercentage() throws TemplateException {
        assertThat(render("{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:"
                + "{{ 0.1234567 | humanizePercentage }}:{{ 1.23456 | humanizePercentage }}"))
                .isEqualTo("-22.22%:0%:12.35%:123.5%");
        assertThat(render("{{ \"-0.22222\" | humanizePercentage }}:{{ \"0.0\" | humanizePercentage }}:"
                + "{{ \"0.1234567\" | humanizePercentage }}:{{ \"1.23456\" | humanizePercentage }}"))
                .isEqualTo("-22.22%:0%:12.35%:123.5%");
        assertThat(render("{{ humanizePercentage 0 }}:{{ humanizePercentage -1 }}:{{ humanizePercentage 1 }}:"
                + "{{ humanizePercentage 1234567 }}:{{ humanizePercentage 9223372036854775807 }}:"))
                .isEqualTo("0%:-100%:100%:1.235e+08%:9.223e+20%:");
    }

    @Test
    void humanizeFunctionsRejectStringsThatAreNotNumbers() {
        assertThatThrownBy(() -> render("{{ humanize \"one\" }}"))
                .hasMessage("template \"test\": 1:4: at <humanize \"one\">: error calling humanize: "
                        + "strconv.ParseFloat: parsing \"one\": invalid syntax");
        assertThatThrownBy(() -> render("{{ humanize1024 \"one\" }}"))
                .hasMessageEndingWith("error calling humanize1024: strconv.ParseFloat: parsing \"one\": invalid syntax");
        assertThatThrownBy(() -> render("{{ humanizeDuration \"one\" }}"))
                .hasMessageEndingWith("error calling humanizeDuration: strconv.ParseFloat: parsing \"one\": invalid syntax");
        assertThatThrownBy(() -> render("{{ \"one\" | humanizePercentage }}"))
                .hasMessage("template \"test\": 1:12: at <humanizePercentage>: error calling humanizePercentage: "
                        + "strconv.ParseFloat: parsing \"one\": invalid syntax");
        assertThatThrownBy(() -> render("{{ humanize true }}"))
                .hasMessageEndingWith("error calling humanize: can't convert bool to float");
    }

    @Test
    void humanizeTimestamp() throws TemplateException {
        assertThat(render("{{ humanizeTimestamp 0 }}:{{ humanizeTimestamp -1 }}:{{ humanizeTimestamp 1 }}:"
                + "{{ humanizeTimestamp 1234567 }}:{{ humanizeTimestamp 9223372036 }}:"))
                .isEqualTo("1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:"
                        + "1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:");
        assertThat(render("{{ 1435065584.128 | humanizeTimestamp }}")).isEqualTo("2015-06-23 13:19:44.128 +0000 UTC");
        assertThat(render("{{ \"1435065584.128\" | humanizeTimestamp }}")).isEqualTo("2015-06-23 13:19:44.128 +0000 UTC");
    }

    @Test
    void humanizeTimestampOutOfRangeIsAnError() {
        assertThatThrownBy(() -> render("{{ humanizeTimestamp -9223372036854775808 }}"))
                .hasMessageEndingWith("error calling humanizeTimestamp: -9.223372036854776e+18 cannot be represented "
                        + "as a nanoseconds timestamp since it overflows int64");
    }

    @Test
    void timeFunctionsAndMethods() throws TemplateException {
        assertThat(render("{{ (1435065584.128 | toTime).Format \"2006\" }}")).isEqualTo("2015");
        assertThat(render("{{ (\"1435065584.128\" | toTime).Format \"2006\" }}")).isEqualTo("2015");
        assertThat(render("{{ (1800 | toDuration).String }}")).isEqualTo("30m0s");
        assertThat(render("{{ (\"1800\" | toDuration).String }}")).isEqualTo("30m0s");
        assertThat(render("{{ now }}")).isEqualTo("1.353755652e+09");
        assertThat(render("{{ (now | toTime).Format \"Mon Jan 2 15:04:05 2006\" }}")).isEqualTo("Sat Nov 24 11:14:12 2012");
        assertThat(render("{{ (\"-30m\" | parseDuration | toDuration | (now | toTime).Add).UnixMilli }}"))
                .isEqualTo("1353753852000");
        assertThat(render("{{ 1435065584.128 | toTime }}")).isEqualTo("2015-06-23 13:19:44.128 +0000 UTC");
        assertThat(render("{{ (now | toTime).Format \"2006-01-02T15:04:05.000Z07:00 MST -0700 Monday January _2 3PM\" }}"))
                .isEqualTo("2012-11-24T11:14:12.000Z UTC +0000 Saturday November 24 11AM");
    }

    @Test
    void parseDuration() throws TemplateException {
        assertThat(render("{{ printf \"%0.2f\" (parseDuration \"1h2m10ms\") }}")).isEqualTo("3720.01");
        assertThat(render("{{ printf \"%0.2f\" (parseDuration \"-1h2m10ms\") }}")).isEqualTo("-3720.01");
        assertThat(render("{{ parseDuration \"5m\" }}")).isEqualTo("300");
        assertThatThrownBy(() -> render("{{ parseDuration \"5x\" }}"))
                .hasMessageEndingWith("error calling parseDuration: unknown unit \"x\" in duration \"5x\"");
        assertThatThrownBy(() -> render("{{ parseDuration \"1m1h\" }}"))
                .hasMessageEndingWith("error calling parseDuration: not a valid duration string: \"1m1h\"");
    }

    @Test
    void stringFunctions() throws TemplateException {
        assertThat(render("{{ \"aa bb CC\" | title }}")).isEqualTo("Aa Bb CC");
        assertThat(render("{{ \"aa bb CC\" | toUpper }}")).isEqualTo("AA BB CC");
        assertThat(render("{{ \"aA bB CC\" | toLower }}")).isEqualTo("aa bb cc");
        assertThat(render("{{ match \"a+\" \"aa\" }} {{ match \"a+\" \"b\" }}")).isEqualTo("true false");
        assertThat(render("{{ urlQueryEscape \"up{job=\\\"a b\\\"}\" }}")).isEqualTo("up%7Bjob%3D%22a+b%22%7D");
    }

    @Test
    void linksAndUrls() throws TemplateException {
        assertThat(render("{{ graphLink \"up\" }}")).isEqualTo("/graph?g0.expr=up&g0.tab=0");
        assertThat(render("{{ tableLink \"up\" }}")).isEqualTo("/graph?g0.expr=up&g0.tab=1");
        assertThat(render("{{ graphLink \"rate(x[5m]) > 0\" }}"))
                .isEqualTo("/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+0&g0.tab=0");
        assertThat(render("{{ pathPrefix }}")).isEqualTo("/path/prefix");
        assertThat(render("{{ externalURL }}")).isEqualTo("http://testhost:9090/path/prefix");
        assertThat(render("{{ $externalURL }}{{ graphLink \"up\" }}"))
                .isEqualTo("http://testhost:9090/path/prefix/graph?g0.expr=up&g0.tab=0");
    }

    @ParameterizedTest(name = "stripPort {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            foo.example.com              | foo.example.com
            foo.example.com:12345        | foo.example.com
            192.0.2.1                    | 192.0.2.1
            192.0.2.1:12345              | 192.0.2.1
            2001:0DB8::1                 | 2001:0DB8::1
            [2001:0DB8::1]:12345         | 2001:0DB8::1
            [2001:0DB8::1]::12345        | [2001:0DB8::1]::12345
            """)
    void stripPort(String input, String expected) throws TemplateException {
        assertThat(render("{{ \"" + input + "\" | stripPort }}")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "stripDomain {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            foo.example.com              | foo
            foo.example.com:12345        | foo:12345
            192.0.2.1                    | 192.0.2.1
            192.0.2.1:12345              | 192.0.2.1:12345
            2001:0DB8::1                 | 2001:0DB8::1
            [2001:0DB8::1]:12345         | [2001:0DB8::1]:12345
            [2001:0DB8::1]::12345        | [2001:0DB8::1]::12345
            """)
    void stripDomain(String input, String expected) throws TemplateException {
        assertThat(render("{{ \"" + input + "\" | stripDomain }}")).isEqualTo(expected);
    }
}
