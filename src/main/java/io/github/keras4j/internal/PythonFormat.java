package io.github.keras4j.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code %} number formatting, which Keras's logs use. Python rounds the exact binary value half to even
 * ({@code '%.4f' % 0.24855} is {@code 0.2485}); {@link String#format} rounds half up and would print {@code 0.2486}.
 */
public final class PythonFormat {

    private PythonFormat() {
    }

    /** Python's {@code '%.<digits>f' % value}. */
    public static String fixed(double value, int digits) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        String text = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        // BigDecimal drops the sign of a negative value that rounds to zero; Python keeps it ("-0.0000").
        return (value < 0 || (value == 0 && 1 / value < 0)) && !text.startsWith("-") ? "-" + text : text;
    }

    /** Python's {@code '%.<digits>e' % value}: {@code 1.3863e-04}, at least two exponent digits. */
    public static String scientific(double value, int digits) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        if (value == 0) {
            return (1 / value < 0 ? "-" : "") + fixed(0, digits) + "e+00";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(digits, RoundingMode.UNNECESSARY);
        String exponentDigits = String.valueOf(Math.abs(exponent));
        return mantissa.toPlainString() + (exponent < 0 ? "e-" : "e+")
                + (exponentDigits.length() < 2 ? "0" : "") + exponentDigits;
    }

    private static String nonFinite(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        return value > 0 ? "inf" : "-inf";
    }
}
