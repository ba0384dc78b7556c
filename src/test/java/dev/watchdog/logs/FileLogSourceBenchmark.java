package dev.watchdog.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: shows that a file search costs the size of its window, not of the file. Writes a ~1 GB
 * log4j-style log covering 24 hours (about 80 lines a second, with stack traces), then searches the last
 * five minutes, and five minutes an hour before the end, printing bytes read against file size and time.
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.mainClass=dev.watchdog.logs.FileLogSourceBenchmark}.
 * The file was just written, so it is in the page cache: times are CPU cost, not disk seeks. On a shared
 * machine the fastest run says more than the median; bytes read do not depend on the machine at all.
 */
public final class FileLogSourceBenchmark {

    private static final Instant END = Instant.parse("2024-01-15T10:30:00Z");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final int RUNS = 10;

    public static void main(String[] args) throws IOException {
        long targetBytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * 1024 * 1024;
        Path dir = Files.createTempDirectory("watchdog-log-benchmark");
        Path file = dir.resolve("app.log");
        try {
            long writeStart = System.nanoTime();
            long lines = write(file, targetBytes);
            System.out.printf(Locale.ROOT, "wrote %s: %,d bytes, %,d lines in %.1f s%n", file, Files.size(file), lines,
                    seconds(System.nanoTime() - writeStart));

            FileLogSource source = new FileLogSource("bench", List.of(file.toString()), "auto",
                    LogsSettings.DEFAULT_MAX_LINES, LogsSettings.DEFAULT_MAX_BYTES,
                    Clock.fixed(END, ZoneOffset.UTC));
            search(source, file, "last 5 minutes, text \"timeout\"", new LogQuery("timeout", Duration.ofMinutes(5), null, END));
            search(source, file, "last 5 minutes, all entries", new LogQuery("", Duration.ofMinutes(5), null, END));
            search(source, file, "5 minutes ending 1 hour ago, level error",
                    new LogQuery("", Duration.ofMinutes(5), "error", END.minus(Duration.ofHours(1))));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void search(FileLogSource source, Path file, String what, LogQuery query) throws IOException {
        long[] nanos = new long[RUNS];
        LogSearchResult result = null;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            result = source.search(query);
            nanos[run] = System.nanoTime() - start;
        }
        long size = Files.size(file);
        long first = nanos[0];
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%n%s%n  matches %,d %s, lines scanned %,d%n"
                        + "  bytes read %,d of %,d (%.4f%% of the file)%n"
                        + "  time: first run %.1f ms; of %d runs fastest %.1f ms, median %.1f ms%n  render %,d bytes%s%n",
                what, result.totalMatches(), result.countsByLevel(), result.linesScanned(), result.bytesRead(), size,
                100.0 * result.bytesRead() / size, first / 1e6, RUNS, nanos[0] / 1e6, nanos[RUNS / 2] / 1e6,
                result.render().getBytes(StandardCharsets.UTF_8).length,
                result.limits().isEmpty() ? "" : "\n  limits: " + result.limits());
    }


    /** One second of log at a time: the timestamp is formatted once, the line bodies are fixed bytes. */
    private static long write(Path file, long targetBytes) throws IOException {
        byte[][] bodies = {
            bytes(" INFO  [http-nio-8080-exec-%d] c.e.checkout.CheckoutController - GET /api/cart/%d 200 in 12 ms user=u-48213\n"),
            bytes(" DEBUG [http-nio-8080-exec-%d] c.e.checkout.CartRepository - loaded cart %d with 3 items from cache\n"),
            bytes(" INFO  [kafka-consumer-%d] c.e.checkout.OrderEvents - published OrderPlaced for order %d to orders-v2\n"),
            bytes(" WARN  [http-nio-8080-exec-%d] c.e.checkout.PaymentClient - payment call slow, %d ms, timeout budget 3000 ms\n"),
        };
        byte[] stackTrace = bytes(" ERROR [http-nio-8080-exec-%d] c.e.checkout.PaymentClient - Payment failed for order %d\n"
                + "java.net.SocketTimeoutException: Read timed out\n"
                + "\tat java.base/java.net.SocketInputStream.socketRead0(Native Method)\n"
                + "\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)\n"
                + "\tat com.example.checkout.PaymentClient.charge(PaymentClient.java:88)\n"
                + "\tat com.example.checkout.CheckoutService.placeOrder(CheckoutService.java:142)\n");
        long seconds = Duration.ofHours(24).toSeconds();
        long perSecond = Math.max(1, targetBytes / seconds / 125); // about 125 bytes a line
        long lines = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long second = seconds - 1; second >= 0; second--) {
                byte[] prefix = bytes(SECOND.format(END.minusSeconds(second + 1)));
                for (int i = 0; i < perSecond; i++) {
                    byte[] millis = bytes(String.format(Locale.ROOT, ",%03d", i * 1000 / perSecond));
                    byte[] body = i == 0 && second % 10 == 0 ? stackTrace : bodies[i % bodies.length];
                    out.write(prefix);
                    out.write(millis);
                    out.write(body);
                    lines += body == stackTrace ? 6 : 1;
                }
            }
        }
        return lines;
    }

    private static byte[] bytes(String text) {
        return text.replace("%d", "7").getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
