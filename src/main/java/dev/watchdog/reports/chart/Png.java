package dev.watchdog.reports.chart;

/**
 * A rendered picture, ready to upload.
 *
 * @param title what Slack shows as the file's title, and its alt text
 */
public record Png(String filename, String title, byte[] bytes, int width, int height) {

    public static final String CONTENT_TYPE = "image/png";
}
