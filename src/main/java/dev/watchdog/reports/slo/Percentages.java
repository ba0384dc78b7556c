package dev.watchdog.reports.slo;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** Objectives as people write them: {@code 99.9%} or the fraction {@code 0.999}. */
public final class Percentages {

    public static final String ALLOWED = "a percentage such as 99.9% or a fraction such as 0.999, above 0 and below 100%";

    private Percentages() {
    }

    /** The fraction, when the text is a percentage or fraction strictly between 0 and 1. */
    public static Optional<Double> parse(String text) {
        String trimmed = text.trim();
        try {
            // decimal arithmetic: 99.9% is 0.999, not 0.9990000000000001
            double value = trimmed.endsWith("%")
                    ? new BigDecimal(trimmed.substring(0, trimmed.length() - 1).trim()).movePointLeft(2).doubleValue()
                    : new BigDecimal(trimmed).doubleValue();
            return value > 0 && value < 1 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException notNumber) {
            return Optional.empty();
        }
    }

    /** e.g. {@code 99.95%}: up to four decimals, trailing zeros dropped. */
    public static String format(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        String text = String.format(Locale.ROOT, "%.4f", fraction * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text + "%";
    }
}
