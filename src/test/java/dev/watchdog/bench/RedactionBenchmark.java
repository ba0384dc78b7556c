package dev.watchdog.bench;

import dev.watchdog.security.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Throughput of {@link Redactor#redact} on a generated log of about 50 MB, the way Watchdog uses it: once per
 * log line (the log layouts and log sources) and once per larger block of text (a tool result or prompt sent to
 * the model). A benchmark, not a test: it asserts nothing and never runs in {@code mvn verify}.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec -Dbench.mainClass=dev.watchdog.bench.RedactionBenchmark</pre>
 *
 * <p>The log is mostly ordinary lines (access logs, JSON logs, stack frames, request ids, commit SHAs, URLs) with
 * about one line in 40 carrying a secret, generated from a fixed seed so every run redacts the same text.
 */
public final class RedactionBenchmark {

    private static final int TARGET_BYTES = Integer.getInteger("bench.megabytes", 50) * 1024 * 1024;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int BLOCK_CHARS = 16 * 1024;

    private RedactionBenchmark() {
    }

    public static void main(String[] args) {
        List<String> lines = generate(new Random(42));
        long bytes = lines.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1).sum();
        List<String> blocks = blocks(lines);
        Redactor redactor = Redactor.standard().alsoMasking(List.of("configured-db-password-1234"));
        System.out.printf(Locale.ROOT, "redaction benchmark: %d lines, %.1f MB, %d rounds after one warm-up%n",
                lines.size(), bytes / 1e6, ROUNDS);
        measure("per line  ", lines, bytes, redactor);
        measure("16 KB blocks", blocks, bytes, redactor);
    }

    private static void measure(String name, List<String> texts, long bytes, Redactor redactor) {
        run(texts, redactor); // warm-up: JIT
        double best = 0;
        long changed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            changed = run(texts, redactor);
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, bytes / 1e6 / seconds);
        }
        System.out.printf(Locale.ROOT, "%s: best %.1f MB/s (%d of %d texts changed)%n", name, best, changed,
                texts.size());
    }

    private static long run(List<String> texts, Redactor redactor) {
        long changed = 0;
        for (String text : texts) {
            if (!redactor.redact(text).equals(text)) {
                changed++;
            }
        }
        return changed;
    }

    private static List<String> blocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : lines) {
            block.append(line).append('\n');
            if (block.length() >= BLOCK_CHARS) {
                blocks.add(block.toString());
                block.setLength(0);
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block.toString());
        }
        return blocks;
    }

    private static List<String> generate(Random random) {
        List<String> lines = new ArrayList<>();
        long size = 0;
        while (size < TARGET_BYTES) {
            String line = random.nextInt(40) == 0 ? secretLine(random) : ordinaryLine(random);
            lines.add(line);
            size += line.length() + 1;
        }
        return lines;
    }

    private static String ordinaryLine(Random random) {
        String time = "2026-03-0" + (1 + random.nextInt(9)) + "T1" + random.nextInt(10) + ":" + (10 + random.nextInt(50))
                + ":" + (10 + random.nextInt(50)) + "." + (100 + random.nextInt(900)) + "Z";
        return switch (random.nextInt(8)) {
            case 0 -> "10.0." + random.nextInt(255) + "." + random.nextInt(255) + " - - [" + time + "] \"GET /api/v1/"
                    + "orders/" + random.nextInt(1_000_000) + "?expand=items&page=" + random.nextInt(40)
                    + " HTTP/1.1\" 200 " + random.nextInt(90_000) + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
            case 1 -> "{\"ts\":\"" + time + "\",\"level\":\"INFO\",\"logger\":\"com.example.checkout.PaymentClient\","
                    + "\"msg\":\"payment authorised for order " + random.nextInt(1_000_000) + " in "
                    + random.nextInt(900) + " ms\",\"request_id\":\"" + new UUID(random.nextLong(), random.nextLong())
                    + "\",\"service\":\"checkout\"}";
            case 2 -> time + " WARN  [pool-3-thread-" + random.nextInt(16) + "] c.e.inventory.StockSync - retrying "
                    + "upstream https://inventory.internal:8443/v2/stock?sku=SKU-" + random.nextInt(99_999)
                    + " after timeout (attempt " + random.nextInt(5) + " of 5), task disk-usage checks pending";
            case 3 -> "\tat com.example.checkout.service.OrderService.placeOrder(OrderService.java:" + random.nextInt(900)
                    + ")";
            case 4 -> time + " INFO deploy: rolled out checkout " + hex(random, 40) + " to prod-eu-west-1 (" + random
                    .nextInt(30) + " pods), image sha256:" + hex(random, 64);
            case 5 -> time + " ERROR  Exception in thread \"main\" java.lang.IllegalStateException: cache key "
                    + "user:" + random.nextInt(100_000) + ":profile missing; passed validation, token bucket at "
                    + random.nextInt(100) + "%";
            case 6 -> "level=info ts=" + time + " caller=scrape.go:1234 component=\"scrape manager\" scrape_pool=node "
                    + "target=http://10.1." + random.nextInt(255) + ".7:9100/metrics msg=\"Append failed\" "
                    + "err=\"out of order sample\"";
            default -> time + " DEBUG session manager: " + random.nextInt(500) + " active sessions, sweeping idle "
                    + "ones; author=alice@example.com signal=SIGTERM ask=disk task-" + random.nextInt(9999);
        };
    }

    private static String secretLine(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "connecting to postgres://app:" + alnum(random, 16) + "@db.internal:5432/orders";
            case 1 -> "curl -H 'Authorization: Bearer " + alnum(random, 40) + "' https://api.example.com/v1/items";
            case 2 -> "export GITHUB_TOKEN=ghp_" + alnum(random, 36);
            case 3 -> "{\"level\":\"WARN\",\"msg\":\"login failed\",\"password\":\"" + alnum(random, 12) + "\"}";
            case 4 -> "slack client using xoxb-" + random.nextInt(1_000_000_000) + "-" + alnum(random, 24);
            case 5 -> "AWS_ACCESS_KEY_ID=AKIA" + alnum(random, 16).toUpperCase(Locale.ROOT)
                    + " AWS_SECRET_ACCESS_KEY=" + alnum(random, 40);
            case 6 -> "stripe: charging with sk_live_" + alnum(random, 24);
            case 7 -> "jwt eyJhbGciOiJIUzI1NiJ9." + alnum(random, 30) + "." + alnum(random, 43) + " rejected";
            case 8 -> "using configured-db-password-1234 for the reporting replica";
            default -> "GET /callback?code=" + alnum(random, 10) + "&token=" + alnum(random, 32) + "&state=xyz";
        };
    }

    private static String hex(Random random, int length) {
        return chars(random, length, "0123456789abcdef");
    }

    private static String alnum(Random random, int length) {
        return chars(random, length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    }

    private static String chars(Random random, int length, String alphabet) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
