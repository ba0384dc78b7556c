package dev.watchdog.reports.chart;

import dev.watchdog.prometheus.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Line charts over time, rendered without a display (headless) to PNG: the graph in an alert's thread and
 * the chart of a report.
 */
public final class TimeCharts {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 400;
    private static final Color THRESHOLD = new Color(0xD0, 0x30, 0x30);
    private static final Color ONSET = new Color(0xFF, 0xA5, 0x00, 0x60);

    static {
        // A server has no display; charts must never try to open one.
        System.setProperty("java.awt.headless", "true");
    }

    private TimeCharts() {
    }

    /** One panel: the series, a horizontal threshold line (when not NaN) and the onset marked (when not null). */
    public static Png alertGraph(String filename, String title, List<ChartSeries> series, double threshold,
            Instant onset, ZoneId zone) {
        XYPlot plot = panel("value", series);
        if (!Double.isNaN(threshold)) {
            ValueMarker line = new ValueMarker(threshold, THRESHOLD, new BasicStroke(1.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            line.setLabel("threshold " + threshold);
            plot.addRangeMarker(line, Layer.FOREGROUND);
        }
        if (onset != null) {
            IntervalMarker at = new IntervalMarker(onset.toEpochMilli() - 1, onset.toEpochMilli() + 1, ONSET);
            at.setOutlinePaint(ONSET);
            at.setOutlineStroke(new BasicStroke(2f));
            at.setLabel("onset");
            plot.addDomainMarker(at, Layer.FOREGROUND);
        }
        plot.setDomainAxis(timeAxis(zone));
        return render(filename, title, new JFreeChart(title, titleFont(), plot, true));
    }

    /** Panels sharing one time axis, top to bottom, e.g. the error budget above the latency percentiles. */
    public static Png stacked(String filename, String title, List<Panel> panels, ZoneId zone) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(timeAxis(zone));
        combined.setGap(12);
        for (Panel panel : panels) {
            XYPlot plot = panel(panel.axisLabel(), panel.series());
            if (!Double.isNaN(panel.line())) {
                plot.addRangeMarker(new ValueMarker(panel.line(), THRESHOLD, new BasicStroke(1.5f)), Layer.FOREGROUND);
            }
            combined.add(plot, 1);
        }
        return render(filename, title, new JFreeChart(title, titleFont(), combined, true));
    }

    /** One panel of {@link #stacked}; {@code line} is a horizontal line (an objective), NaN for none. */
    public record Panel(String axisLabel, List<ChartSeries> series, double line) {
    }

    private static XYPlot panel(String axisLabel, List<ChartSeries> series) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        for (ChartSeries line : series) {
            TimeSeries timeSeries = new TimeSeries(line.name());
            for (Point point : line.points()) {
                if (Double.isFinite(point.value())) {
                    timeSeries.addOrUpdate(new FixedMillisecond(Date.from(point.time())), point.value());
                }
            }
            data.addSeries(timeSeries);
        }
        NumberAxis values = new NumberAxis(axisLabel);
        values.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(data, null, values, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static DateAxis timeAxis(ZoneId zone) {
        DateAxis axis = new DateAxis("time (" + zone.getId() + ")");
        axis.setTimeZone(TimeZone.getTimeZone(zone));
        return axis;
    }

    private static Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, 14);
    }

    private static Png render(String filename, String title, JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException("could not encode a PNG in memory", impossible);
        }
        return new Png(filename, title, bytes.toByteArray(), WIDTH, HEIGHT);
    }
}
