package dev.watchdog.alerting.slack;

import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.alerting.notify.StormMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every alert of a storm as tab-separated text, worst first, one alert a line: what the Full list button uploads.
 * Spreadsheets and {@code cut}/{@code awk} read it as it is; tabs and line breaks inside values become spaces.
 */
final class StormList {

    static final String HEADER = "id\talertname\tseverity\tstate\tacknowledged_by\tstarted\tlabels";

    private StormList() {
    }

    static byte[] tsv(List<StoredAlert> members) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        members.stream().sorted(StormMessage.WORST_FIRST).forEach(member -> text.append(String.join("\t",
                member.shortId(), clean(member.alert().ruleName()), clean(member.alert().severity()),
                member.alert().state().label(), member.acknowledged() ? clean(member.ackedBy()) : "",
                member.alert().activeAt().toString(), labels(member.alert().labels()))).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(label -> clean(label.getKey()) + "=" + clean(label.getValue()))
                .collect(Collectors.joining(","));
    }

    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("[\\t\\r\\n]", " ");
    }
}
