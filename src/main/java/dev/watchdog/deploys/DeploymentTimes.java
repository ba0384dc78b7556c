package dev.watchdog.deploys;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Times as deploy tools write them: ISO-8601 with a zone ({@code 2024-05-01T10:02:03Z},
 * {@code 2024-05-01T12:02:03.5+02:00}, also with a space instead of the {@code T}), or epoch
 * seconds or milliseconds as a number or a numeric string.
 */
final class DeploymentTimes {

    /**
     * Epoch values at or above this are milliseconds: as seconds it would be the year 5138, as
     * milliseconds it is 1973, so no real deployment time is ambiguous.
     */
    private static final BigDecimal MILLIS_FROM = new BigDecimal("100000000000");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern SPACE_BETWEEN_DATE_AND_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d)");

    private DeploymentTimes() {
    }

    static Optional<Instant> parse(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return epoch(value.decimalValue());
        }
        return value.isTextual() ? parse(value.asText()) : Optional.empty();
    }

    static Optional<Instant> parse(String text) {
        String trimmed = text.strip();
        if (NUMBER.matcher(trimmed).matches()) {
            return epoch(new BigDecimal(trimmed));
        }
        try {
            return Optional.of(OffsetDateTime.parse(SPACE_BETWEEN_DATE_AND_TIME.matcher(trimmed).replaceFirst("$1T$2"))
                    .toInstant());
        } catch (DateTimeParseException notIso) {
            // A time without a zone is refused: guessing one would shift deployments by hours.
            return Optional.empty();
        }
    }

    private static Optional<Instant> epoch(BigDecimal number) {
        BigDecimal millis = number.abs().compareTo(MILLIS_FROM) >= 0 ? number : number.movePointRight(3);
        try {
            // Fractions of a millisecond are rounded rather than refused.
            return Optional.of(Instant.ofEpochMilli(millis.setScale(0, RoundingMode.HALF_UP).longValueExact()));
        } catch (ArithmeticException outOfRange) {
            return Optional.empty();
        }
    }
}
