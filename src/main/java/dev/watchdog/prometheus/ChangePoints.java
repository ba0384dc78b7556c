package dev.watchdog.prometheus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds where a series changed: a level shift (a step) or a slope change (a ramp starting or
 * ending), by binary segmentation over a piecewise-linear fit. A segment's cost is the squared
 * error of its least-squares line; a split is kept only when it lowers the cost by more than a
 * penalty of {@value #PENALTY_FACTOR} x noise variance x ln(n) (BIC-style), so white noise on a
 * flat line yields no change at all. The noise is estimated robustly from the median absolute
 * first difference, so a step or a ramp does not inflate it.
 *
 * <p>Hand-written: no maintained Java library does change-point detection (the R and Python ones,
 * changepoint and ruptures, have no JVM counterpart), and binary segmentation with prefix sums is
 * about a hundred lines, O(n log n) per level of splitting.
 */
public final class ChangePoints {

    /** BIC would be 2; a little higher, since scrapes are correlated and a false change misleads more than a missed small one. */
    static final double PENALTY_FACTOR = 4;
    static final int MIN_SEGMENT = 3;
    static final int MAX_CHANGES = 5;
    /** A jump at a boundary bigger than this many noise deviations is a level shift, else a slope change. */
    static final double JUMP_SIGMAS = 4;
    static final int UNSTABLE_CHANGES = 4;

    public enum Kind { LEVEL_SHIFT, SLOPE_CHANGE }

    /**
     * One change. For a level shift {@code before}/{@code after} are the fitted levels either side;
     * for a slope change they are the slopes per minute either side.
     */
    public record Change(Instant time, int index, Kind kind, double before, double after) {
    }

    /** The changes, oldest first, and the onset of the excursion the series is in now (null when none). */
    public record Result(List<Change> changes, Instant onset, double noise) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    private ChangePoints() {
    }

    /** Non-finite values are skipped; fewer than {@code 2 x MIN_SEGMENT} finite points give no changes. */
    public static Result find(List<Point> points) {
        List<Point> finite = points.stream().filter(point -> Double.isFinite(point.value())).toList();
        int n = finite.size();
        if (n < 2 * MIN_SEGMENT) {
            return new Result(List.of(), null, Double.NaN);
        }
        Fit fit = new Fit(finite);
        double noise = noise(finite);
        double penalty = PENALTY_FACTOR * noise * noise * Math.log(n);
        List<Integer> cuts = new ArrayList<>();
        split(fit, 0, n, penalty, cuts);
        cuts.sort(Comparator.naturalOrder());
        List<Change> changes = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < cuts.size(); i++) {
            int cut = cuts.get(i);
            int to = i + 1 < cuts.size() ? cuts.get(i + 1) : n;
            changes.add(describe(fit, finite, from, cut, to, noise));
            from = cut;
        }
        return new Result(changes, onset(fit, cuts, n, noise), noise);
    }

    /** Splits [from, to) at its best cut while the gain beats the penalty, at most MAX_CHANGES cuts in all. */
    private static void split(Fit fit, int from, int to, double penalty, List<Integer> cuts) {
        if (cuts.size() >= MAX_CHANGES || to - from < 2 * MIN_SEGMENT) {
            return;
        }
        double whole = fit.cost(from, to);
        double best = whole;
        int bestCut = -1;
        for (int cut = from + MIN_SEGMENT; cut <= to - MIN_SEGMENT; cut++) {
            double cost = fit.cost(from, cut) + fit.cost(cut, to);
            if (cost < best) {
                best = cost;
                bestCut = cut;
            }
        }
        if (bestCut < 0 || whole - best <= penalty) {
            return;
        }
        cuts.add(bestCut);
        split(fit, from, bestCut, penalty, cuts);
        split(fit, bestCut, to, penalty, cuts);
    }

    private static Change describe(Fit fit, List<Point> points, int from, int cut, int to, double noise) {
        // Where the line before the cut would have been at the cut, against where the line after it starts.
        double expected = fit.valueAt(from, cut, cut);
        double rightStart = fit.valueAt(cut, to, cut);
        Instant time = points.get(cut).time();
        // A kink found a point early or late leaves a gap of about one step of the steeper line: not a jump.
        double steepest = Math.max(Math.abs(fit.slope(from, cut)), Math.abs(fit.slope(cut, to)));
        if (Math.abs(rightStart - expected) > Math.max(JUMP_SIGMAS * noise, 2 * steepest)) {
            return new Change(time, cut, Kind.LEVEL_SHIFT, fit.mean(from, cut), fit.mean(cut, to));
        }
        return new Change(time, cut, Kind.SLOPE_CHANGE, perMinute(fit.slope(from, cut), points, from, cut),
                perMinute(fit.slope(cut, to), points, cut, to));
    }

    /**
     * The first cut after which every segment stays away from the first segment's level (or slope):
     * the start of the excursion the series is in at its end. Null when the series ends where it began.
     * A series that changed {@value #UNSTABLE_CHANGES} times or more is unstable (a flapping target):
     * its onset is its first change.
     */
    private static Instant onset(Fit fit, List<Integer> cuts, int n, double noise) {
        if (cuts.isEmpty()) {
            return null;
        }
        if (cuts.size() >= UNSTABLE_CHANGES) {
            return fit.points.get(cuts.stream().min(Integer::compare).orElseThrow()).time();
        }
        int[] bounds = new int[cuts.size() + 2];
        for (int i = 0; i < cuts.size(); i++) {
            bounds[i + 1] = cuts.get(i);
        }
        bounds[bounds.length - 1] = n;
        double baseline = fit.mean(0, bounds[1]);
        double tolerance = Math.max(JUMP_SIGMAS * noise, 0.05 * Math.abs(baseline));
        int onsetSegment = -1;
        for (int segment = bounds.length - 2; segment >= 1; segment--) {
            double mean = fit.mean(bounds[segment], bounds[segment + 1]);
            boolean sloped = Math.abs(fit.slope(bounds[segment], bounds[segment + 1])
                    - fit.slope(0, bounds[1])) * (bounds[segment + 1] - bounds[segment]) > tolerance;
            if (Math.abs(mean - baseline) <= tolerance && !sloped) {
                break;
            }
            onsetSegment = segment;
        }
        return onsetSegment < 0 ? null : fit.points.get(bounds[onsetSegment]).time();
    }

    /** sigma of white noise from the median absolute first difference (MAD / 0.6745 / sqrt 2), with a floor. */
    static double noise(List<Point> points) {
        double[] diffs = new double[points.size() - 1];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            double value = points.get(i).value();
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (i > 0) {
                diffs[i - 1] = Math.abs(value - points.get(i - 1).value());
            }
        }
        Arrays.sort(diffs);
        double median = diffs[diffs.length / 2];
        double sigma = median / 0.6745 / Math.sqrt(2);
        // A noiseless series would make any wiggle a change: a thousandth of the range is the least noise assumed.
        return Math.max(sigma, Math.max(1e-3 * (max - min), 1e-12));
    }

    private static double perMinute(double slopePerPoint, List<Point> points, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        double seconds = (points.get(to - 1).time().toEpochMilli() - points.get(from).time().toEpochMilli()) / 1000.0;
        return seconds <= 0 ? 0 : slopePerPoint * (to - from - 1) / seconds * 60;
    }

    /** Prefix sums for the least-squares line of any segment in O(1); x is the point's index. */
    private static final class Fit {
        final List<Point> points;
        final double[] sx;
        final double[] sy;
        final double[] sxx;
        final double[] sxy;
        final double[] syy;

        Fit(List<Point> points) {
            this.points = points;
            int n = points.size();
            sx = new double[n + 1];
            sy = new double[n + 1];
            sxx = new double[n + 1];
            sxy = new double[n + 1];
            syy = new double[n + 1];
            for (int i = 0; i < n; i++) {
                double y = points.get(i).value();
                sx[i + 1] = sx[i] + i;
                sy[i + 1] = sy[i] + y;
                sxx[i + 1] = sxx[i] + (double) i * i;
                sxy[i + 1] = sxy[i] + i * y;
                syy[i + 1] = syy[i] + y * y;
            }
        }

        double mean(int from, int to) {
            return (sy[to] - sy[from]) / (to - from);
        }

        double slope(int from, int to) {
            int n = to - from;
            double x = sx[to] - sx[from];
            double xx = sxx[to] - sxx[from];
            double denominator = n * xx - x * x;
            return denominator == 0 ? 0 : (n * (sxy[to] - sxy[from]) - x * (sy[to] - sy[from])) / denominator;
        }

        double valueAt(int from, int to, int index) {
            double meanX = (sx[to] - sx[from]) / (to - from);
            return mean(from, to) + slope(from, to) * (index - meanX);
        }

        /** Residual sum of squares of the segment's line. */
        double cost(int from, int to) {
            int n = to - from;
            double y = sy[to] - sy[from];
            double yy = syy[to] - syy[from];
            double x = sx[to] - sx[from];
            double xy = sxy[to] - sxy[from];
            double xx = sxx[to] - sxx[from];
            double varY = yy - y * y / n;
            double covXY = xy - x * y / n;
            double varX = xx - x * x / n;
            double rss = varX == 0 ? varY : varY - covXY * covXY / varX;
            return Math.max(0, rss);
        }
    }
}
