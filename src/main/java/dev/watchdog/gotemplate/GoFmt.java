package dev.watchdog.gotemplate;

import java.util.List;

/**
 * Go's {@code fmt.Sprintf}, {@code fmt.Sprint} and {@code fmt.Sprintln} over template values, plus the way
 * text/template prints the value of an action.
 */
final class GoFmt {

    private GoFmt() {
    }

    /** What {@code {{ pipeline }}} writes: pointers are followed first, nil prints {@code <no value>}. */
    static String printAction(Object value) {
        if (value == null) {
            return "<no value>";
        }
        if (value instanceof Sample || value instanceof GoTime || value instanceof GoDuration) {
            return printIndirect(value);
        }
        return sprint(List.of(value));
    }

    private static String printIndirect(Object pointer) {
        if (pointer instanceof Sample s) {
            GoPrinter p = new GoPrinter();
            p.printArg(s, 'v');
            return p.buf.substring(1); // a dereferenced struct prints without the '&'
        }
        return pointer.toString();
    }

    /** {@code fmt.Sprint}: spaces between operands when neither side is a string. */
    static String sprint(List<Object> args) {
        GoPrinter p = new GoPrinter();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = arg instanceof String || arg instanceof SafeHtml;
            if (i > 0 && !isString && !prevString) {
                p.buf.append(' ');
            }
            p.clearFlags();
            p.printArg(arg, 'v');
            prevString = isString;
        }
        return p.buf.toString();
    }

    /** {@code fmt.Sprintln}: always a space between operands, and a newline at the end. */
    static String sprintln(List<Object> args) {
        GoPrinter p = new GoPrinter();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                p.buf.append(' ');
            }
            p.clearFlags();
            p.printArg(args.get(i), 'v');
        }
        return p.buf.append('\n').toString();
    }

    /** {@code fmt.Sprintf}, including {@code %!d(string=x)}, {@code %!s(MISSING)} and {@code %!(EXTRA ...)}. */
    static String sprintf(String format, List<Object> args) {
        return new Formatter(format, args).run();
    }

    private static final class Formatter {
        private final String format;
        private final List<Object> args;
        private final GoPrinter p = new GoPrinter();
        private int argNum;
        private boolean reordered;
        private boolean goodArgNum;

        Formatter(String format, List<Object> args) {
            this.format = format;
            this.args = args;
        }

        String run() {
            int end = format.length();
            boolean afterIndex;
            int i = 0;
            while (i < end) {
                goodArgNum = true;
                int lasti = i;
                while (i < end && format.charAt(i) != '%') {
                    i++;
                }
                if (i > lasti) {
                    p.buf.append(format, lasti, i);
                }
                if (i >= end) {
                    break;
                }
                i++;
                p.clearFlags();
                flags:
                for (; i < end; i++) {
                    switch (format.charAt(i)) {
                        case '#' -> p.sharp = true;
                        case '0' -> p.zero = !p.minus;
                        case '+' -> p.plus = true;
                        case '-' -> {
                            p.minus = true;
                            p.zero = false;
                        }
                        case ' ' -> p.space = true;
                        default -> {
                            break flags;
                        }
                    }
                }
                int[] state = argNumber(i);
                i = state[0];
                afterIndex = state[1] == 1;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Integer width = intFromArg();
                    p.widPresent = width != null;
                    p.wid = width == null ? 0 : width;
                    if (!p.widPresent) {
                        p.buf.append("%!(BADWIDTH)");
                    }
                    if (p.wid < 0) {
                        p.wid = -p.wid;
                        p.minus = true;
                        p.zero = false;
                    }
                    afterIndex = false;
                } else {
                    int start = i;
                    int[] num = parseNum(i, end);
                    p.wid = num[0];
                    p.widPresent = num[1] == 1;
                    i = num[2];
                    if (afterIndex && p.widPresent) {
                        goodArgNum = false;
                    }
                    if (i == start) {
                        p.widPresent = false;
                    }
                }
                if (i + 1 <= end && i < end && format.charAt(i) == '.') {
                    i++;
                    if (afterIndex) {
                        goodArgNum = false;
                    }
                    state = argNumber(i);
                    i = state[0];
                    afterIndex = state[1] == 1;
                    if (i < end && format.charAt(i) == '*') {
                        i++;
                        Integer precision = intFromArg();
                        p.precPresent = precision != null;
                        p.prec = precision == null ? 0 : precision;
                        if (p.prec < 0) {
                            p.prec = 0;
                            p.precPresent = false;
                        }
                        if (!p.precPresent) {
                            p.buf.append("%!(BADPREC)");
                        }
                        afterIndex = false;
                    } else {
                        int[] num = parseNum(i, end);
                        p.prec = num[0];
                        p.precPresent = num[1] == 1;
                        i = num[2];
                        if (!p.precPresent) {
                            p.prec = 0;
                            p.precPresent = true;
                        }
                    }
                }
                if (!afterIndex) {
                    state = argNumber(i);
                    i = state[0];
                }
                if (i >= end) {
                    p.buf.append("%!(NOVERB)");
                    break;
                }
                int verb = format.codePointAt(i);
                i += Character.charCount(verb);
                if (verb == '%') {
                    p.buf.append('%');
                } else if (!goodArgNum) {
                    p.buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
                } else if (argNum >= args.size()) {
                    p.buf.append("%!").appendCodePoint(verb).append("(MISSING)");
                } else {
                    if (verb == 'v') {
                        p.sharpV = p.sharp;
                        p.sharp = false;
                        p.plusV = p.plus;
                        p.plus = false;
                    }
                    p.printArg(args.get(argNum), verb);
                    argNum++;
                }
            }
            if (!reordered && argNum < args.size()) {
                p.clearFlags();
                p.buf.append("%!(EXTRA ");
                for (int k = argNum; k < args.size(); k++) {
                    if (k > argNum) {
                        p.buf.append(", ");
                    }
                    Object arg = args.get(k);
                    if (arg == null) {
                        p.buf.append("<nil>");
                    } else {
                        p.buf.append(GoValues.typeName(arg)).append('=');
                        p.printArg(arg, 'v');
                    }
                }
                p.buf.append(')');
            }
            return p.buf.toString();
        }

        /** {@code [n]} explicit argument index: returns {new i, found ? 1 : 0}. */
        private int[] argNumber(int i) {
            if (i >= format.length() || format.charAt(i) != '[') {
                return new int[] {i, 0};
            }
            reordered = true;
            int close = format.indexOf(']', i + 1);
            if (format.length() - i < 3 || close < 0) {
                goodArgNum = false;
                return new int[] {i + 1, 0};
            }
            int[] num = parseNum(i + 1, close);
            if (num[1] == 0 || num[2] != close) {
                goodArgNum = false;
                return new int[] {close + 1, 0};
            }
            int index = num[0] - 1;
            if (index >= 0 && index < args.size()) {
                argNum = index;
                return new int[] {close + 1, 1};
            }
            goodArgNum = false;
            return new int[] {close + 1, 1};
        }

        /** The width or precision taken from the next argument, which must be an int. */
        private Integer intFromArg() {
            if (argNum >= args.size()) {
                return null;
            }
            Object arg = args.get(argNum++);
            if (arg instanceof Long l && l >= -1_000_000 && l <= 1_000_000) {
                return l.intValue();
            }
            return null;
        }

        /** Digits from i up to end: {value, present ? 1 : 0, new i}. */
        private int[] parseNum(int i, int end) {
            int value = 0;
            boolean present = false;
            while (i < end && format.charAt(i) >= '0' && format.charAt(i) <= '9') {
                if (value > 1_000_000) {
                    return new int[] {0, 0, end};
                }
                value = value * 10 + (format.charAt(i) - '0');
                present = true;
                i++;
            }
            return new int[] {value, present ? 1 : 0, i};
        }
    }
}
