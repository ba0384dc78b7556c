package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogGroupsTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:31:15Z");

    static LogEntry error(int second, String message) {
        String line = T0.plusSeconds(second) + " ERROR " + message;
        return new LogEntry(T0.plusSeconds(second), LogLevel.ERROR, line, message, null);
    }

    @Test
    void groupsLinesThatDifferOnlyInIdsNumbersAndEndpointsAndSaysWhichValuesTheFieldsTook() {
        LogGroups groups = new LogGroups();
        groups.add(error(0, "request failed endpoint=/api/orders/1001 status=503 request_id=a1b2c3d4e5 "
                + "cause=\"ConnectionPoolTimeoutException: pool exhausted after 3000 ms\""));
        groups.add(error(5, "request failed endpoint=/api/orders/1002 status=503 request_id=f6e5d4c3b2 "
                + "cause=\"ConnectionPoolTimeoutException: pool exhausted after 3010 ms\""));
        groups.add(error(9, "request failed endpoint=/api/cart status=503 request_id=0a9b8c7d6e "
                + "cause=\"ConnectionPoolTimeoutException: pool exhausted after 2990 ms\""));
        groups.add(error(12, "payment declined for order 7781 by 10.0.4.7"));

        List<LogGroup> found = groups.toGroups();

        assertThat(found).hasSize(2);
        LogGroup requests = found.get(0);
        assertThat(requests.count()).isEqualTo(3);
        assertThat(requests.template()).isEqualTo("request failed endpoint=<v> status=<v> request_id=<v> cause=<v>");
        assertThat(requests.errorType()).isEqualTo("ConnectionPoolTimeoutException");
        assertThat(requests.first()).isEqualTo(T0);
        assertThat(requests.last()).isEqualTo(T0.plusSeconds(9));
        assertThat(LogGroupText.fields(requests)).startsWith(
                "endpoint: /api/orders/<num> (2), /api/cart (1); status: 503 (3); request_id: ");
        assertThat(found.get(1).template()).isEqualTo("payment declined for order <num> by <ip>");
    }

    @Test
    void readsThePathOfAnAccessLogLineAsAField() {
        assertThat(LogGroups.fields("GET /api/orders/42?x=1 took 2300ms")).containsEntry("path", "/api/orders/<num>");
        assertThat(LogGroups.template("slow request GET /api/orders/42 took 2300ms"))
                .isEqualTo("slow request GET <path> took <id>");
    }

    @Test
    void rendersAGroupOnQuotedLinesWithUtcTimes() {
        LogGroups groups = new LogGroups();
        groups.add(error(0, "db timeout host=10.0.0.7"));
        groups.add(error(38, "db timeout host=10.0.0.8"));

        String text = LogGroupText.render(groups.toGroups(), 1000);

        assertThat(text).contains("| 2 x ERROR 2026-03-01T10:31:15Z - 2026-03-01T10:31:53Z db timeout host=<v>\n"
                + "|   host: 10.0.0.7 (1), 10.0.0.8 (1)\n");
    }

    @Test
    void stopsOpeningGroupsAtTheCapButKeepsCounting() {
        LogGroups groups = new LogGroups();
        for (int i = 0; i < LogGroups.MAX_GROUPS + 5; i++) {
            groups.add(error(i, "distinct failure kind " + "abcdefghijklmnopqrstuvwxyz".charAt(i % 26) + " number "
                    + "ABCDEFGHIJ".charAt(i / 26 % 10) + "x"));
        }

        assertThat(groups.toGroups()).hasSize(LogGroups.MAX_GROUPS);
        assertThat(groups.overflow()).isEqualTo(5);
    }

    @Test
    void mergesGroupsOfOneTemplateFromTwoSources() {
        LogGroups a = new LogGroups();
        a.add(error(0, "db timeout host=db-1"));
        LogGroups b = new LogGroups();
        b.add(error(60, "db timeout host=db-2"));
        b.add(error(61, "db timeout host=db-2"));

        LogGroup merged = a.toGroups().get(0).plus(b.toGroups().get(0));

        assertThat(merged.count()).isEqualTo(3);
        assertThat(merged.first()).isEqualTo(T0);
        assertThat(merged.last()).isEqualTo(T0.plusSeconds(61));
        assertThat(LogGroupText.fields(merged)).isEqualTo("host: db-2 (2), db-1 (1)");
    }
}
