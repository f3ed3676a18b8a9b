package io.github.keras4j.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SPEC = Pattern.compile(
            "(0)?(\\d+)?(?:\\.(\\d+))?([dfeEgGs%])?");

    /**
     * Python's {@code template.format(**values)} for the placeholders Keras's file names use: {@code {name}} and
     * {@code {name:spec}} with a spec of zero padding, width, precision and a type among d, f, e, g, s and %
     * ({@code "weights.{epoch:02d}-{val_loss:.2f}.hdf5"}); {@code {{} and {@code }}} are literal braces.
     *
     * @throws IllegalArgumentException for a name missing from {@code values} or a spec outside that subset
     */
    public static String format(String template, Map<String, ?> values) {
        return format(template, values, false);
    }

    /**
     * Checks a template's syntax and specs without values (every placeholder formats a sample number), so that a
     * bad template fails when it is given, not at the end of the first epoch.
     *
     * @throws IllegalArgumentException naming the template and the bad placeholder
     */
    public static void check(String template) {
        format(template, Map.of(), true);
    }

    /** The widest field a spec may ask for: no file name is longer, and Python would build the string anyway. */
    public static final int MAX_WIDTH = 255;

    private static String format(String template, Map<String, ?> values, boolean anyName) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && template.startsWith("{{", i) || c == '}' && template.startsWith("}}", i)) {
                out.append(c);
                i += 2;
                continue;
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = template.indexOf('}', i);
            if (end < 0) {
                throw new IllegalArgumentException("unmatched '{' in \"" + template + "\" at " + i);
            }
            String field = template.substring(i + 1, end);
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon);
            String spec = colon < 0 ? "" : field.substring(colon + 1);
            if (!anyName && !values.containsKey(name)) {
                throw new IllegalArgumentException("\"" + template + "\" names {" + name + "}, which is not among "
                        + values.keySet());
            }
            Object value = anyName ? (spec.endsWith("d") ? (Object) 1 : (Object) 0.5) : values.get(name);
            out.append(formatValue(value, spec, template));
            i = end + 1;
        }
        return out.toString();
    }

    private static String formatValue(Object value, String spec, String template) {
        Matcher matcher = SPEC.matcher(spec);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("format spec '" + spec + "' in \"" + template + "\" is not supported; "
                    + "use [0][width][.precision][d|f|e|g|s|%]");
        }
        boolean zeroPad = matcher.group(1) != null;
        for (int group = 2; group <= 3; group++) {
            String digits = matcher.group(group);
            if (digits != null && (digits.length() > 3 || Integer.parseInt(digits) > MAX_WIDTH)) {
                throw new IllegalArgumentException("format spec '" + spec + "' in \"" + template + "\" asks for a "
                        + (group == 2 ? "width" : "precision") + " of " + digits + "; at most " + MAX_WIDTH);
            }
        }
        int width = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        Integer precision = matcher.group(3) == null ? null : Integer.valueOf(matcher.group(3));
        String type = matcher.group(4);
        String text;
        if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            text = type == null || type.equals("d") || type.equals("s") ? Long.toString(number)
                    : formatDouble(number, type, precision);
        } else if (value instanceof Number number) {
            if ("d".equals(type)) {
                throw new IllegalArgumentException("'d' cannot format the float " + PythonRepr.of(number.doubleValue())
                        + " in \"" + template + "\"");
            }
            text = type == null || type.equals("s") ? PythonRepr.of(number.doubleValue())
                    : formatDouble(number.doubleValue(), type, precision);
        } else {
            text = String.valueOf(value);
        }
        if (text.length() >= width) {
            return text;
        }
        boolean numeric = value instanceof Number;
        if (zeroPad && numeric) {
            int signLength = text.startsWith("-") ? 1 : 0;
            return text.substring(0, signLength) + "0".repeat(width - text.length()) + text.substring(signLength);
        }
        // Python right-aligns numbers and left-aligns strings by default.
        return numeric ? " ".repeat(width - text.length()) + text : text + " ".repeat(width - text.length());
    }

    private static String formatDouble(double value, String type, Integer precision) {
        int digits = precision == null ? 6 : precision;
        return switch (type) {
            case "f" -> fixed(value, digits);
            case "e" -> scientific(value, digits);
            case "E" -> scientific(value, digits).toUpperCase(Locale.ROOT);
            case "%" -> fixed(value * 100, digits) + "%";
            case "g", "G" -> general(value, precision == null ? 6 : Math.max(1, precision), type.equals("G"));
            default -> throw new IllegalArgumentException("unsupported format type '" + type + "'");
        };
    }

    /** Python's {@code %g}: scientific when the exponent is below -4 or at least the precision, trailing zeros cut. */
    private static String general(double value, int precision, boolean upper) {
        if (!Double.isFinite(value) || value == 0) {
            return Double.isFinite(value) ? (1 / value < 0 ? "-0" : "0") : nonFinite(value);
        }
        String sci = scientific(value, precision - 1);
        int exponent = Integer.parseInt(sci.substring(sci.indexOf('e') + 1));
        String text;
        if (exponent < -4 || exponent >= precision) {
            String mantissa = stripZeros(sci.substring(0, sci.indexOf('e')));
            text = mantissa + sci.substring(sci.indexOf('e'));
        } else {
            text = stripZeros(fixed(value, precision - 1 - exponent));
        }
        return upper ? text.toUpperCase(Locale.ROOT) : text;
    }

    private static String stripZeros(String number) {
        if (!number.contains(".")) {
            return number;
        }
        String stripped = number.replaceAll("0+$", "");
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
