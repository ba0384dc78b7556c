package dev.watchdog.gotemplate;

/** The binary forms of Go's strconv for float64: {@code %b} ({@code 4503599627370496p-52}) and {@code %x} ({@code 0x1p+00}). */
final class GoFloatBits {

    private static final int MANT_BITS = 52;
    private static final int BIAS = -1023;

    private GoFloatBits() {
    }

    /** {@code %b}: decimal mantissa, 'p', binary exponent. */
    static String binary(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFloat.format(v, 'g', -1);
        }
        Parts parts = Parts.of(v);
        int exp = parts.exponent() - MANT_BITS;
        return (parts.negative() ? "-" : "") + parts.mantissa() + "p" + (exp >= 0 ? "+" : "") + exp;
    }

    /** {@code %x} / {@code %X}: {@code -0x1.23abcp+20}; precision -1 means as many hex digits as needed. */
    static String hex(double v, int prec, char fmt) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFloat.format(v, 'g', -1);
        }
        Parts parts = Parts.of(v);
        boolean neg = parts.negative();
        long mant = parts.mantissa();
        int exp = parts.exponent();
        if (mant == 0) {
            exp = 0;
        }
        mant <<= 60 - MANT_BITS;
        while (mant != 0 && (mant & (1L << 60)) == 0) {
            mant <<= 1;
            exp--;
        }
        if (prec >= 0 && prec < 15) {
            int shift = prec * 4;
            long extra = (mant << shift) & ((1L << 60) - 1);
            mant >>>= 60 - shift;
            if ((extra | (mant & 1)) > (1L << 59)) {
                mant++;
            }
            mant <<= 60 - shift;
            if ((mant & (1L << 61)) != 0) {
                mant >>>= 1;
                exp++;
            }
        }
        String digits = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        StringBuilder out = new StringBuilder();
        if (neg) {
            out.append('-');
        }
        out.append('0').append(fmt).append((char) ('0' + ((mant >>> 60) & 1)));
        mant <<= 4;
        if (prec < 0 && mant != 0) {
            out.append('.');
            while (mant != 0) {
                out.append(digits.charAt((int) ((mant >>> 60) & 15)));
                mant <<= 4;
            }
        } else if (prec > 0) {
            out.append('.');
            for (int i = 0; i < prec; i++) {
                out.append(digits.charAt((int) ((mant >>> 60) & 15)));
                mant <<= 4;
            }
        }
        out.append(fmt == 'X' ? 'P' : 'p');
        out.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            out.append('0');
        }
        out.append(exp);
        return out.toString();
    }

    /** A double's sign, mantissa with the implicit bit, and unbiased exponent, as Go's strconv splits it. */
    private record Parts(boolean negative, long mantissa, int exponent) {

        static Parts of(double v) {
            long bits = Double.doubleToRawLongBits(v);
            int exp = (int) (bits >>> MANT_BITS) & 0x7FF;
            long mant = bits & ((1L << MANT_BITS) - 1);
            if (exp == 0) {
                exp++;
            } else {
                mant |= 1L << MANT_BITS;
            }
            return new Parts(bits < 0, mant, exp + BIAS);
        }
    }
}
