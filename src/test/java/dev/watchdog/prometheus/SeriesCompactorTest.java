package dev.watchdog.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class SeriesCompactorTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    final SeriesCompactor compactor = new SeriesCompactor();

    static RangeSeries series(Map<String, String> labels, int points, IntToDoubleFunction value) {
        List<Point> list = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            list.add(new Point(T0.plusSeconds(60L * i), value.applyAsDouble(i)));
        }
        return new RangeSeries(labels, list);
    }

    @Test
    void summarisesARangeSeriesAsStatisticsTrendAndTimeline() {
        RangeSeries rising = series(Map.of("__name__", "queue_depth", "job", "worker"), 120, i -> i);

        String text = compactor.range(List.of(rising), Duration.ofHours(2), Duration.ofMinutes(1));

        assertThat(text).contains("Range of 2h at 1m steps: 1 series.")
                .contains("- queue_depth{job=\"worker\"}: 0/59.5/119/119, rising (+621%); data 2026-03-01T00:00:00Z "
                        + "to 2026-03-01T01:59:00Z; no change point");
    }

    @Test
    void callsSmallChangesFlatAndFallingSeriesFalling() {
        String flat = compactor.range(List.of(series(Map.of("a", "x"), 40, i -> 100 + (i % 2))),
                Duration.ofMinutes(40), Duration.ofMinutes(1));
        String falling = compactor.range(List.of(series(Map.of("a", "x"), 40, i -> 100 - 2 * i)),
                Duration.ofMinutes(40), Duration.ofMinutes(1));

        assertThat(flat).contains("flat (+0%)");
        assertThat(falling).contains("falling (-66%)");
    }

    @Test
    void saysSharedLabelsOnceAndShowsOnlyWhatTellsSeriesApart() {
        List<RangeSeries> two = List.of(
                series(Map.of("__name__", "up", "job", "api", "instance", "a"), 3, i -> 1),
                series(Map.of("__name__", "up", "job", "api", "instance", "b"), 3, i -> 0));

        String text = compactor.range(two, Duration.ofMinutes(3), Duration.ofMinutes(1));

        assertThat(text).contains("Labels shared by every series: up{job=\"api\"}")
                .contains("- {instance=\"a\"}: 1/1/1/1, flat")
                .contains("- {instance=\"b\"}: 0/0/0/0, flat");
    }

    @Test
    void showsTheHighestPeaksFirstAndCountsTheSeriesLeftOut() {
        List<RangeSeries> many = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            int peak = s;
            many.add(series(Map.of("pod", "p" + s), 10, i -> i == 5 ? peak : 0));
        }

        String text = compactor.range(many, Duration.ofMinutes(10), Duration.ofMinutes(1));

        assertThat(text.indexOf("{pod=\"p29\"}")).isLessThan(text.indexOf("{pod=\"p28\"}"));
        assertThat(text).doesNotContain("{pod=\"p9\"}").contains("(10 more series not shown;");
    }

    @Test
    void staysWithinTheByteBudgetWhateverTheLabels() {
        List<RangeSeries> wide = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            wide.add(series(Map.of("pod", "p" + s + "-" + "x".repeat(500), "zone", "z" + s), 720, i -> Math.random()));
        }

        String text = compactor.range(wide, Duration.ofHours(12), Duration.ofMinutes(1));

        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SeriesCompactor.DEFAULT_MAX_BYTES);
        assertThat(text).contains("more series not shown");
    }

    @Test
    void reportsNanAndInfinitePointsInsteadOfAveragingThem() {
        RangeSeries gaps = series(Map.of("a", "x"), 4, i -> i == 0 ? Double.NaN : i == 1 ? Double.POSITIVE_INFINITY : 2);
        RangeSeries empty = series(Map.of("a", "y"), 2, i -> Double.NaN);

        String text = compactor.range(List.of(gaps, empty), Duration.ofMinutes(4), Duration.ofMinutes(1));

        assertThat(text).contains("2/2/2/2, flat").contains("(2 of 4 points NaN or Inf)")
                .contains("2 points, none a finite number");
    }

    @Test
    void writesInstantValuesHighestFirstWithFourSignificantDigits() {
        List<Sample> samples = List.of(
                new Sample(Map.of("instance", "a"), 0.000123456, T0),
                new Sample(Map.of("instance", "b"), 1234567.0, T0),
                new Sample(Map.of("instance", "c"), Double.NaN, T0));

        String text = compactor.instant(samples);

        assertThat(text).isEqualTo("3 series, highest value first.\n"
                + "- {instance=\"b\"} 1235000\n- {instance=\"a\"} 0.0001235\n- {instance=\"c\"} NaN\n");
    }

    @Test
    void saysSoWhenNothingMatched() {
        assertThat(compactor.instant(List.of())).startsWith("No series matched");
        assertThat(compactor.range(List.of(), Duration.ofHours(1), Duration.ofMinutes(1)))
                .startsWith("No series matched in the last 1h");
    }

    @Test
    void escapesQuotesAndNewlinesInLabelValues() {
        String text = compactor.instant(List.of(new Sample(Map.of("msg", "a\"b\nc"), 1, T0)));

        assertThat(text).contains("{msg=\"a\\\"b\\nc\"} 1");
    }
}
