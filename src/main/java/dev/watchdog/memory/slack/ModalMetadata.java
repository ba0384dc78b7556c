package dev.watchdog.memory.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a modal remembers between the click that opened it and its submission, in Slack's
 * {@code private_metadata}: the subject's id, the message it was opened from, who opened it and
 * in which workspace, signed with a key derived from the bot token (every replica has the same).
 * A submission whose metadata was changed, or comes from another person or workspace, is refused.
 */
public final class ModalMetadata {

    private static final String SEPARATOR = "|";
    private static final String ALGORITHM = "HmacSHA256";

    /** @param subject the alert or diagnosis id */
    public record Fields(long subject, String channel, String ts, String userId, String teamId) {

        List<String> parts() {
            return List.of(Long.toString(subject), channel, ts, userId, teamId);
        }
    }

    private final byte[] key;

    public ModalMetadata(String secret) {
        this.key = sha256(("watchdog-modal-metadata:" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public String sign(Fields fields) {
        String body = String.join(SEPARATOR, fields.parts().stream().map(ModalMetadata::clean).toList());
        return body + SEPARATOR + mac(body);
    }

    /** The fields, when the metadata is whole and signed by us; empty for anything else. */
    public Optional<Fields> verify(String metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        int last = metadata.lastIndexOf(SEPARATOR);
        if (last < 0) {
            return Optional.empty();
        }
        String body = metadata.substring(0, last);
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.UTF_8),
                metadata.substring(last + 1).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String[] parts = body.split("\\|", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Fields(Long.parseLong(parts[0]), parts[1], parts[2], parts[3], parts[4]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String clean(String part) {
        return part == null ? "" : part.replace(SEPARATOR, "");
    }
}
