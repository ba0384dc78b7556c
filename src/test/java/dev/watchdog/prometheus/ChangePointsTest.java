package dev.watchdog.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class ChangePointsTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** One point every 15 s, as a typical scrape. */
    static List<Point> points(int count, IntToDoubleFunction value) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(new Point(T0.plusSeconds(15L * i), value.applyAsDouble(i)));
        }
        return points;
    }

    static IntToDoubleFunction noisy(long seed, double sigma, IntToDoubleFunction base) {
        Random random = new Random(seed);
        double[] noise = new double[10_000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian() * sigma;
        }
        return i -> base.applyAsDouble(i) + noise[i];
    }

    @Test
    void findsALevelShiftInANoisyErrorRateWithItsTimeAndLevels() {
        List<Point> errors = points(120, noisy(1, 0.05, i -> i < 80 ? 0.2 : 4.8));

        ChangePoints.Result result = ChangePoints.find(errors);

        assertThat(result.changes()).hasSize(1);
        ChangePoints.Change change = result.changes().get(0);
        assertThat(change.kind()).isEqualTo(ChangePoints.Kind.LEVEL_SHIFT);
        assertThat(change.time()).isEqualTo(T0.plusSeconds(15 * 80));
        assertThat(change.before()).isCloseTo(0.2, within(0.05));
        assertThat(change.after()).isCloseTo(4.8, within(0.05));
        assertThat(result.onset()).isEqualTo(T0.plusSeconds(15 * 80));
    }

    @Test
    void findsWhereAFlatSeriesStartsToRiseAsASlopeChangePerMinute() {
        // Memory flat at 500 MB, then leaking 4 MB a point (16 MB a minute) from point 60 on.
        List<Point> memory = points(120, noisy(2, 1.5, i -> i < 60 ? 500 : 500 + 4.0 * (i - 60)));

        ChangePoints.Result result = ChangePoints.find(memory);

        assertThat(result.changes()).isNotEmpty();
        ChangePoints.Change change = result.changes().get(0);
        assertThat(change.kind()).isEqualTo(ChangePoints.Kind.SLOPE_CHANGE);
        assertThat(change.index()).isBetween(57, 63);
        assertThat(change.before()).isCloseTo(0, within(1.0));
        assertThat(change.after()).isCloseTo(16, within(1.5));
        assertThat(result.onset()).isEqualTo(change.time());
    }

    @Test
    void noisyFlatSeriesHasNoChangeAndNoOnset() {
        for (long seed = 10; seed < 30; seed++) {
            ChangePoints.Result result = ChangePoints.find(points(240, noisy(seed, 3, i -> 100)));

            assertThat(result.changes()).as("seed %d", seed).isEmpty();
            assertThat(result.onset()).isNull();
        }
    }

    @Test
    void aSpikeThatEndedIsTwoShiftsAndNoCurrentExcursion() {
        List<Point> spike = points(90, noisy(3, 0.1, i -> i >= 30 && i < 50 ? 9 : 1));

        ChangePoints.Result result = ChangePoints.find(spike);

        assertThat(result.changes()).extracting(ChangePoints.Change::index).containsExactly(30, 50);
        assertThat(result.onset()).isNull();
    }

    @Test
    void shortDataGivesNoChangesRatherThanAGuess() {
        ChangePoints.Result result = ChangePoints.find(points(5, i -> i < 3 ? 0 : 10));

        assertThat(result.changes()).isEmpty();
        assertThat(result.onset()).isNull();
    }

    @Test
    void skipsNaNPointsAndStillFindsTheShift() {
        List<Point> withGaps = points(60, i -> i % 7 == 0 ? Double.NaN : (i < 40 ? 1 : 3));

        ChangePoints.Result result = ChangePoints.find(withGaps);

        assertThat(result.changes()).hasSize(1);
        assertThat(result.changes().get(0).time()).isEqualTo(T0.plusSeconds(15 * 40));
    }

    @Test
    void timelineSaysWhenTheDataIsShorterThanAskedAndTimesChangesAgainstTheAnchor() {
        RangeSeries late = new RangeSeries(java.util.Map.of("job", "api"), points(40, i -> i < 20 ? 0 : 5));
        Instant onset = T0.plusSeconds(15 * 20 + 38);

        String text = SeriesTimeline.of(late).describe(T0.minusSeconds(1800), T0.plusSeconds(600),
                java.time.Duration.ofSeconds(15), onset, "the alert's onset");

        assertThat(text).isEqualTo("data 2026-03-01T10:00:00Z to 2026-03-01T10:09:45Z (less data than asked: "
                + "starts 30m after the range start); level shift at 2026-03-01T10:05:00Z (38s before the alert's onset): "
                + "0 -> 5; current excursion since 2026-03-01T10:05:00Z (38s before the alert's onset)");
    }
}
