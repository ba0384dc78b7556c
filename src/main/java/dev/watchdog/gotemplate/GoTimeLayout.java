package dev.watchdog.gotemplate;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code Mon Jan 2 15:04:05 MST 2006}) for {@code time.Time.Format}.
 * Times here are always UTC, so zone elements print {@code UTC}, {@code +0000} or {@code Z}.
 */
final class GoTimeLayout {

    private GoTimeLayout() {
    }

    static String format(ZonedDateTime t, String layout) {
        StringBuilder out = new StringBuilder(layout.length() + 10);
        int i = 0;
        int n = layout.length();
        while (i < n) {
            int consumed = element(t, layout, i, out);
            if (consumed == 0) {
                out.append(layout.charAt(i));
                i++;
            } else {
                i += consumed;
            }
        }
        return out.toString();
    }

    /** Appends the layout element starting at i and returns its length, or 0 when i starts plain text. */
    private static int element(ZonedDateTime t, String layout, int i, StringBuilder out) {
        switch (layout.charAt(i)) {
            case 'J':
                if (layout.startsWith("January", i)) {
                    out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                    return 7;
                }
                if (layout.startsWith("Jan", i)) {
                    out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                    return 3;
                }
                return 0;
            case 'M':
                if (layout.startsWith("Monday", i)) {
                    out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                    return 6;
                }
                if (layout.startsWith("Mon", i)) {
                    out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                    return 3;
                }
                if (layout.startsWith("MST", i)) {
                    out.append("UTC");
                    return 3;
                }
                return 0;
            case '0':
                if (layout.startsWith("002", i)) {
                    pad(out, t.getDayOfYear(), 3, '0');
                    return 3;
                }
                if (i + 1 < layout.length() && layout.charAt(i + 1) >= '1' && layout.charAt(i + 1) <= '6') {
                    switch (layout.charAt(i + 1)) {
                        case '1' -> pad(out, t.getMonthValue(), 2, '0');
                        case '2' -> pad(out, t.getDayOfMonth(), 2, '0');
                        case '3' -> pad(out, hour12(t), 2, '0');
                        case '4' -> pad(out, t.getMinute(), 2, '0');
                        case '5' -> pad(out, t.getSecond(), 2, '0');
                        default -> pad(out, Math.floorMod(t.getYear(), 100), 2, '0');
                    }
                    return 2;
                }
                return 0;
            case '1':
                if (layout.startsWith("15", i)) {
                    pad(out, t.getHour(), 2, '0');
                    return 2;
                }
                out.append(t.getMonthValue());
                return 1;
            case '2':
                if (layout.startsWith("2006", i)) {
                    year(out, t.getYear());
                    return 4;
                }
                out.append(t.getDayOfMonth());
                return 1;
            case '_':
                if (layout.startsWith("_2006", i)) {
                    out.append('_');
                    year(out, t.getYear());
                    return 5;
                }
                if (layout.startsWith("__2", i)) {
                    pad(out, t.getDayOfYear(), 3, ' ');
                    return 3;
                }
                if (layout.startsWith("_2", i)) {
                    pad(out, t.getDayOfMonth(), 2, ' ');
                    return 2;
                }
                return 0;
            case '3':
                out.append(hour12(t));
                return 1;
            case '4':
                out.append(t.getMinute());
                return 1;
            case '5':
                out.append(t.getSecond());
                return 1;
            case 'P':
                if (layout.startsWith("PM", i)) {
                    out.append(t.getHour() >= 12 ? "PM" : "AM");
                    return 2;
                }
                return 0;
            case 'p':
                if (layout.startsWith("pm", i)) {
                    out.append(t.getHour() >= 12 ? "pm" : "am");
                    return 2;
                }
                return 0;
            case '-':
                return zone(layout, i, out, "-070000", "+000000", "-07:00:00", "+00:00:00", "-0700", "+0000",
                        "-07:00", "+00:00", "-07", "+00");
            case 'Z':
                return zone(layout, i, out, "Z070000", "Z", "Z07:00:00", "Z", "Z0700", "Z", "Z07:00", "Z", "Z07", "Z");
            case '.':
            case ',':
                return fraction(t, layout, i, out);
            default:
                return 0;
        }
    }

    private static int zone(String layout, int i, StringBuilder out, String... layoutsAndUtc) {
        for (int k = 0; k < layoutsAndUtc.length; k += 2) {
            if (layout.startsWith(layoutsAndUtc[k], i)) {
                out.append(layoutsAndUtc[k + 1]);
                return layoutsAndUtc[k].length();
            }
        }
        return 0;
    }

    /** {@code .000} (fixed digits) or {@code .999} (trailing zeros dropped), when not followed by a digit. */
    private static int fraction(ZonedDateTime t, String layout, int i, StringBuilder out) {
        if (i + 1 >= layout.length()) {
            return 0;
        }
        char digit = layout.charAt(i + 1);
        if (digit != '0' && digit != '9') {
            return 0;
        }
        int j = i + 1;
        while (j < layout.length() && layout.charAt(j) == digit) {
            j++;
        }
        if (j < layout.length() && Character.isDigit(layout.charAt(j))) {
            return 0;
        }
        int count = Math.min(j - (i + 1), 9);
        String nanos = String.format("%09d", t.getNano()).substring(0, count);
        if (digit == '9') {
            int end = nanos.length();
            while (end > 0 && nanos.charAt(end - 1) == '0') {
                end--;
            }
            if (end > 0) {
                out.append(layout.charAt(i)).append(nanos, 0, end);
            }
        } else {
            out.append(layout.charAt(i)).append(nanos);
        }
        return j - i;
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static void year(StringBuilder out, int year) {
        if (year < 0) {
            out.append('-');
            year = -year;
        }
        pad(out, year, 4, '0');
    }

    private static void pad(StringBuilder out, int value, int width, char padChar) {
        String digits = Integer.toString(value);
        for (int k = digits.length(); k < width; k++) {
            out.append(padChar);
        }
        out.append(digits);
    }
}
