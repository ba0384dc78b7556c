package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Route matchers mean what the same matcher means in Alertmanager: RE2 regexes, anchored at both ends. */
class LabelMatcherTest {

    @ParameterizedTest(name = "{0} on [{1}] -> {2}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '\'', textBlock = """
            service=~"api|web"                      => service:api             => true
            service=~"api|web"                      => service:web             => true
            service=~"api|web"                      => service:api2            => false
            service=~"api|web"                      => service:xapi            => false
            service=~"api"                          => service:my-api-1        => false
            service!~"api|web"                      => service:api2            => true
            service!~"api|web"                      => service:web             => false
            team=~".*"                              =>                         => true
            team=~".+"                              =>                         => false
            team!~".+"                              =>                         => true
            team=                                   =>                         => true
            team=                                   => team:pay                => false
            severity="critical"                     => severity:critical       => true
            severity!="critical"                    => severity:warning        => true
            team=~"\\\\pL+"                          => team:équipe            => true
            team=~"\\\\pL+"                          => team:team1             => false
            instance=~"(?P<host>[a-z]+):\\\\d+"      => instance:node:9100     => true
            instance=~"(?<host>[a-z]+):\\\\d+"       => instance:node:9100     => true
            instance=~"[[:alpha:]]+"                => instance:node           => true
            message=~"a.b"                          => 'message:a\rb'          => true
            message=~"a.b"                          => 'message:a\nb'          => false
            message=~"(?s)a.b"                      => 'message:a\nb'          => true
            """)
    void matchesLikeAlertmanager(String matcher, String labels, boolean expected) {
        StringBuilder error = new StringBuilder();
        Optional<LabelMatcher> parsed = LabelMatcher.parse(matcher, error);
        assertThat(parsed).as(error.toString()).isPresent();
        assertThat(parsed.get().matches(labels(labels))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiterString = "=>", textBlock = """
            team=~"(a)\\\\1"        => "(a)\\1" is not a valid regex (RE2, as in Prometheus): error parsing regexp: invalid escape sequence: `\\1`
            team=~"(?=pay)\\\\w+"   => "(?=pay)\\w+" is not a valid regex (RE2, as in Prometheus): error parsing regexp: invalid or unsupported Perl syntax: `(?=`
            team=~"(?<!x)pay"      => "(?<!x)pay" is not a valid regex (RE2, as in Prometheus): error parsing regexp: invalid named capture: `(?<!x)pay`
            team=~"pay++"          => "pay++" is not a valid regex (RE2, as in Prometheus): error parsing regexp: invalid nested repetition operator: `++`
            team=~"pay\\\\Z"        => "pay\\Z" is not a valid regex (RE2, as in Prometheus): error parsing regexp: invalid escape sequence: `\\Z`
            team=~"a)|(b"          => "a)|(b" is not a valid regex (RE2, as in Prometheus): error parsing regexp: unexpected ): `a)|(b`
            team=~"x{1001}"        => "x{1001}" is not a valid regex (RE2, as in Prometheus): error parsing regexp: invalid repeat count: `{1001}`
            """)
    void javaOnlySyntaxIsRefusedAsPrometheusWould(String matcher, String message) {
        StringBuilder error = new StringBuilder();

        assertThat(LabelMatcher.parse(matcher, error)).isEmpty();
        assertThat(error).hasToString(message);
    }

    private static Map<String, String> labels(String text) {
        if (text == null) {
            return Map.of();
        }
        return Arrays.stream(text.replace("\\n", "\n").replace("\\r", "\r").split(","))
                .map(pair -> pair.split(":", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
