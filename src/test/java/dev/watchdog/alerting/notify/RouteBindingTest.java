package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.ConfigLoader;
import dev.watchdog.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slack.routes} regexes are checked as RE2 when the config loads, each problem naming its key. */
class RouteBindingTest {

    @TempDir
    Path dir;

    @Test
    void aRegexPrometheusWouldRefuseIsAConfigProblemAtItsKey() throws IOException {
        Path file = write("""
                slack:
                  routes:
                    - matchers: ['team=~"(pay)\\\\1"', 'service=~"(?=api)\\\\w+"']
                      channel: "#pay"
                """);

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOfSatisfying(ConfigException.class, thrown -> assertThat(thrown.problems())
                        .map(Object::toString)
                        .containsExactly(
                                file + ":3: slack.routes[0].matchers[0]: \"(pay)\\1\" is not a valid regex (RE2, as in"
                                        + " Prometheus): error parsing regexp: invalid escape sequence: `\\1`",
                                file + ":3: slack.routes[0].matchers[1]: \"(?=api)\\w+\" is not a valid regex (RE2, as in"
                                        + " Prometheus): error parsing regexp: invalid or unsupported Perl syntax: `(?=`"));
    }

    @Test
    void anRe2OnlyRegexLoadsAndMatchesTheWholeValue() throws Exception {
        Path file = write("""
                slack:
                  routes:
                    - matchers: ['instance=~"(?P<host>\\\\pL+):\\\\d+"', 'service=~"api|web"']
                      channel: "#api"
                """);

        List<Route> routes = new ConfigLoader(Map.of()).load(file).routes();

        assertThat(routes).singleElement().satisfies(route -> {
            assertThat(route.matches(Map.of("instance", "nœud:9100", "service", "api"))).isTrue();
            assertThat(route.matches(Map.of("instance", "nœud:9100", "service", "api2"))).isFalse();
        });
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
