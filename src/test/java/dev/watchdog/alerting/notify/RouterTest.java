package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RouterTest {

    private static final Router ROUTER = new Router(List.of(
            route("C0PAYMENTS", "@here", "severity=\"critical\"", "team=~\"pay.*\""),
            route("#db", "U0DBA", "team=\"db\""),
            route("#teams", "", "team!=\"\"")), "#alerts");

    private final StoredAlerts alerts = new StoredAlerts();

    @AfterEach
    void close() {
        alerts.close();
    }

    private static Route route(String channel, String mention, String... matchers) {
        return new Route(StoredAlerts.matchers(matchers), channel, Route.mentionSyntax(mention));
    }

    record Case(String name, Map<String, String> labels, String channel, String mention) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("critical on a matching route: its channel, with its mention",
                        Map.of("severity", "critical", "team", "payments"), "C0PAYMENTS", "<!here>"),
                new Case("the first matching route wins", Map.of("severity", "critical", "team", "payroll"),
                        "C0PAYMENTS", "<!here>"),
                new Case("every matcher of a route must match", Map.of("severity", "warning", "team", "payments"),
                        "#teams", ""),
                new Case("a user to page, for critical alerts", Map.of("severity", "critical", "team", "db"), "#db",
                        "<@U0DBA>"),
                new Case("no page below critical", Map.of("severity", "warning", "team", "db"), "#db", ""),
                new Case("no route matches: the default channel, no page", Map.of("severity", "critical"), "#alerts",
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routesByTheFirstMatchingRoute(Case c) {
        Map<String, String> labels = new HashMap<>(c.labels());
        labels.put("alertname", "CheckoutErrors");

        Router.Destination destination = ROUTER.apply(Announcement.of(alerts.fire(labels), alerts.clock.instant()))
                .orElseThrow().destination();

        assertThat(destination).isEqualTo(new Router.Destination(c.channel(), c.mention()));
    }
}
