package dev.watchdog.reports;

import java.math.BigDecimal;

/** Numbers written into PromQL and rule diffs: {@code 0.05}, {@code 2}, never {@code 2.0} or {@code 5E-2}. */
public final class Numbers {

    private Numbers() {
    }

    public static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
