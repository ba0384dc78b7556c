package dev.watchdog.approval;

import dev.watchdog.security.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The exact HTTP request an approved proposal sends. Its {@link #hash()} is stored with the proposal
 * and compared again just before sending, so what runs is what was shown.
 *
 * @param body the body text, empty for none
 */
public record PreparedRequest(String method, String url, Map<String, String> headers, String body) {

    /** Headers whose values are shown in previews; every other value is treated as a secret. */
    static final Set<String> SAFE_HEADERS = Set.of("accept", "content-type", "user-agent", "x-github-api-version");

    public PreparedRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    /**
     * SHA-256 (hex) over a canonical form: method, URL, headers sorted by lower-cased name, body,
     * each on its own line. Header values and URLs cannot contain line breaks (checked at load
     * time), so two different requests never share a canonical form.
     */
    public String hash() {
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n').append(url).append('\n');
        headers.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> header) -> lower(header.getKey()))
                        .thenComparing(Map.Entry::getValue))
                .forEach(header -> canonical.append(lower(header.getKey())).append(':').append(header.getValue())
                        .append('\n'));
        canonical.append('\n').append(body);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java has SHA-256", impossible);
        }
    }

    /**
     * The request as a person reviews it: header values outside a short safe list are masked, and
     * the redactor runs over URL and body. Everything else is exactly what will be sent.
     */
    public String preview(Redactor redactor) {
        StringBuilder preview = new StringBuilder();
        preview.append(method).append(' ').append(redactor.redact(url)).append('\n');
        headers.forEach((name, value) -> preview.append(name).append(": ")
                .append(SAFE_HEADERS.contains(lower(name)) ? redactor.redact(value) : Redactor.marker("header"))
                .append('\n'));
        if (!body.isEmpty()) {
            preview.append('\n').append(redactor.redact(body));
        }
        return preview.toString().stripTrailing();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "PreparedRequest[" + method + " " + url + ", headers=" + headers.keySet() + "]";
    }
}
