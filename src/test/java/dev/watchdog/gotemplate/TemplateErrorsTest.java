package dev.watchdog.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors carry the template name, a 1-based line:column into the text the user wrote, and Go's wording
 * (checked against Go's text/template). Unknown functions are parse errors, so check-config catches them.
 */
class TemplateErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '\'', textBlock = """
            {{                                              => 1:1: unclosed action
            Value is {{ $value                              => 1:10: unclosed action
            {{ humanise $value }}                           => 1:4: function "humanise" not defined
            Value is {{ $value | humanise }}                => 1:22: function "humanise" not defined
            {{ end }}                                       => 1:1: unexpected {{end}}
            a {{ else }}                                    => 1:3: unexpected {{else}}
            x {{ if true }}y                                => 1:3: unexpected EOF: {{if}} has no matching {{end}}
            {{ with $value }}{{ else }}                     => 1:1: unexpected EOF: {{with}} has no matching {{end}}
            {{ if }}{{ end }}                               => 1:7: missing value for if
            {{ }}                                           => 1:4: missing value for command
            {{ $x }}                                        => 1:4: undefined variable "$x"
            {{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}     => 1:39: undefined variable "$y"
            {{ define "x" }}{{ $labels }}{{ end }}          => 1:20: undefined variable "$labels"
            {{ 1 | 2 }}                                     => 1:8: non executable command in pipeline stage 2
            {{ | 1 }}                                       => 1:4: unexpected "|" in command
            {{ ( 1 }}                                       => 1:8: unclosed left paren
            {{ 1 ) }}                                       => 1:6: unexpected ")" in command
            {{ 1 }                                          => 1:6: unexpected "}" in operand
            {{ "abc }}                                      => 1:4: unterminated quoted string
            {{ 3-1 }}                                       => 1:4: bad number syntax: "3-1"
            {{ 99999999999999999999 }}                      => 1:4: integer overflow: "99999999999999999999"
            {{ .Labels.a# }}                                => 1:11: bad character U+0023 '#'
            {{ true.x }}                                    => 1:4: unexpected . after term "true"
            {{ break }}                                     => 1:1: {{break}} outside {{range}}
            {{ if true }}a{{ else }}b{{ else }}c{{ end }}   => 1:26: expected end; found {{else}}
            {{ end x }}                                     => 1:8: unexpected "x" in end
            {{/* unclosed }}                                => 1:1: unclosed comment
            {{/* x */ }}                                    => 1:1: comment ends before closing delimiter
            {{ $x, $y := 1 }}                               => 1:6: too many declarations in command
            {{ template x }}                                => 1:13: unexpected "x" in template clause
            """)
    void parseErrorsHavePositionAndGoMessage(String text, String expected) {
        assertThatThrownBy(() -> AlertTemplate.parse("summary", text))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template \"summary\": " + expected);
    }

    @Test
    void positionsCountLinesAndColumnsFromOne() {
        TemplateException e = catchThrowableOfType(
                () -> AlertTemplate.parse("description", "first line\n  second {{ nope }}"), TemplateException.class);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.templateName()).isEqualTo("description");
        assertThat(e.reason()).isEqualTo("function \"nope\" not defined");
        assertThat(e).hasMessage("template \"description\": 2:13: function \"nope\" not defined");
    }

    @Test
    void anUnclosedRangePointsAtItsStart() {
        TemplateException e = catchThrowableOfType(
                () -> AlertTemplate.parse("t", "ok\n{{ range $labels }}\n{{ . }}"), TemplateException.class);
        assertThat(e).hasMessage("template \"t\": 2:1: unexpected EOF: {{range}} has no matching {{end}}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '\'', textBlock = """
            {{ .Foo }}                   => 1:4: at <.Foo>: can't evaluate field Foo in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }
            {{ $labels.job.x }}          => 1:4: at <$labels.job.x>: can't evaluate field x in type string
            {{ nil }}                    => 1:4: at <nil>: nil is not a command
            {{ 1 2 }}                    => 1:4: at <1>: can't give argument to non-function 1
            {{ $value | toUpper }}       => 1:13: at <toUpper>: wrong type for value; expected string; got float64
            {{ toUpper 1 }}              => 1:12: at <1>: expected string; found 1
            {{ toUpper "a" "b" }}        => 1:4: at <toUpper>: wrong number of args for toUpper: want 1 got 2
            {{ printf }}                 => 1:4: at <printf>: wrong number of args for printf: want at least 1 got 0
            {{ eq 1 }}                   => 1:4: at <eq 1>: error calling eq: missing argument for comparison
            {{ lt true false }}          => 1:4: at <lt true false>: error calling lt: invalid type for comparison
            {{ index $labels 1 }}        => 1:4: at <index $labels 1>: error calling index: value has type int; should be string
            {{ index "abc" 4 }}          => 1:4: at <index "abc" 4>: error calling index: index out of range: 4
            {{ len 3 }}                  => 1:4: at <len 3>: error calling len: len of type int
            {{ range "abc" }}{{ end }}   => 1:10: at <"abc">: range can't iterate over abc
            {{ template "nope" }}        => 1:1: at <{{template "nope"}}>: template "nope" not defined
            {{ .Labels.job 2 }}          => 1:4: at <.Labels.job>: job is not a method but has arguments
            {{ reReplaceAll "(" "" "x" }} => 1:4: at <reReplaceAll "(" "" "x">: error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`
            {{ match "a**" "x" }}        => 1:4: at <match "a**" "x">: error calling match: error parsing regexp: invalid nested repetition operator: `**`
            {{ label "x" nil }}          => 1:4: at <label "x" nil>: error calling label: runtime error: invalid memory address or nil pointer dereference
            """)
    void renderErrorsSayWhereAndWhat(String text, String expected) throws TemplateException {
        AlertTemplate template = AlertTemplate.parse("summary", text);
        TemplateData data = new TemplateData(Map.of("job", "node"), Map.of(), "", 1.5, null);
        assertThatThrownBy(() -> template.render(data, Instant.EPOCH))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template \"summary\": " + expected);
    }
}
