package io.github.keras4j.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)} (also {@code str(float)} and what the {@code csv} module writes): the shortest
 * digits that read back as the same double, in Python's layout ({@code 0.0001}, {@code 1e-05},
 * {@code 9.811784751502961e-05}, {@code 1e+16}, {@code nan}, {@code inf}). Keras's messages and CSV logs print
 * floats this way.
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    /** {@code repr(value)} as Python 3 writes it. */
    public static String of(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(value);
        int exponent = shortest.precision() - shortest.scale() - 1;
        // Python's float_repr_style 'short': scientific below 1e-4 and from 1e16 on.
        if (exponent < -4 || exponent >= 16) {
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (value < 0 ? "-" : "") + mantissa + (exponent < 0 ? "e-" : "e+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        String plain = shortest.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /**
     * {@code repr(value)} of a value read from a Keras config (JSON): {@code 'text'}, {@code None}, {@code True},
     * {@code 3}, {@code 0.5}, {@code [1, 2]}, {@code {'a': 1}}, as Keras's messages echo what they received.
     */
    public static String of(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return of(((Number) value).doubleValue());
        }
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof java.util.List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (Object item : list) {
                out.append(out.length() > 1 ? ", " : "").append(of(item));
            }
            return out.append(']').toString();
        }
        if (value instanceof java.util.Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(out.length() > 1 ? ", " : "").append(of(entry.getKey())).append(": ")
                        .append(of(entry.getValue()));
            }
            return out.append('}').toString();
        }
        return String.valueOf(value);
    }

    /**
     * The fewest significant digits that parse back to {@code value}, the nearest such when several do, as Python's
     * {@code repr} chooses (Java 17's Double.toString may give more digits).
     */
    private static BigDecimal shortestDigits(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == value) {
                return nearest.stripTrailingZeros();
            }
            // At a power of two the doubles below are twice as dense as those above, so the nearest candidate may fall
            // outside the round-trip interval while the one on the other side lies inside it.
            BigDecimal other = exact.round(new MathContext(digits,
                    nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR));
            if (other.doubleValue() == value) {
                return other.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
