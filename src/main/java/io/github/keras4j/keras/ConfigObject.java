package io.github.keras4j.keras;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Keras config object whose every key must be read, so that nothing in a file is silently ignored. Getters with
 * a default take Keras's constructor default when the key is absent or null, as {@code cls(**config)} does.
 * {@link LayerConfigReader} adds what a layer type reads (its methods are public for the layers' interface).
 */
class ConfigObject {
    private final Map<String, ?> values;
    private final String where;
    private final Set<String> read = new TreeSet<>();

    ConfigObject(Map<String, ?> values, String where) {
        this.values = values == null ? Map.of() : values;
        this.where = where;
    }

    public String where() {
        return where;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Object read(String key) {
        read.add(key);
        return values.get(key);
    }

    public Object optional(String key, Object otherwise) {
        read.add(key);
        return values.get(key) != null ? values.get(key) : otherwise;
    }

    public Object required(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(where + ": missing \"" + key + "\"");
        }
        return read(key);
    }

    public String string(String key) {
        if (required(key) instanceof String text) {
            return text;
        }
        throw wrongType(key, "a string");
    }

    public double number(String key) {
        if (required(key) instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(key, "a number");
    }

    public double number(String key, double otherwise) {
        return values.get(key) == null ? mark(key, otherwise) : number(key);
    }

    /** Counts of a layer (units, filters): a config from elsewhere may hold 0, -1 or 2147483647. */
    private static final Set<String> COUNT_KEYS = Set.of("units", "filters");

    public int integer(String key) {
        return COUNT_KEYS.contains(key) ? integer(key, 1, Integer.MAX_VALUE) : integer(key, Integer.MIN_VALUE,
                Integer.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}, checked when the config is read. */
    public int integer(String key, int min, int max) {
        Object value = required(key);
        if (value instanceof Number number && !(number instanceof Double || number instanceof Float)
                && number.longValue() >= min && number.longValue() <= max
                && !(number instanceof java.math.BigInteger big && big.bitLength() > 63)) {
            return number.intValue();
        }
        if (value instanceof Number number && (number instanceof Double || number instanceof Float)
                && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= min && number.doubleValue() <= max) {
            // Keras 1 wrote some counts as floats (10.0).
            return number.intValue();
        }
        throw wrongType(key, min == Integer.MIN_VALUE ? "an integer" : "a whole number from " + min + " to " + max);
    }

    boolean bool(String key) {
        if (required(key) instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(key, "true or false");
    }

    public boolean bool(String key, boolean otherwise) {
        return values.get(key) == null ? mark(key, otherwise) : bool(key);
    }

    List<Object> list(String key) {
        return ModelConfig.asList(required(key), where + " \"" + key + "\"");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        if (required(key) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(key, "an object");
    }

    Map<String, Object> mapOrNull(String key) {
        return read(key) == null ? null : map(key);
    }

    private <T> T mark(String key, T value) {
        read.add(key);
        return value;
    }

    /** Keys whose only supported value is null (or absent): a constraint, a quantizer... */
    public void mustBeNull(String... keys) {
        for (String key : keys) {
            if (read(key) != null) {
                throw new UnsupportedOperationException(where + ": \"" + key + "\" = " + KerasJson.write(values.get(key))
                        + " is not supported by keras4j");
            }
        }
    }

    /** A key whose only supported value is {@code expected} (or absent/null, meaning Keras's default). */
    public void mustBe(String key, Object expected) {
        Object value = read(key);
        if (value != null && !value.equals(expected)
                && !(value instanceof Number n && expected instanceof Number e && n.doubleValue() == e.doubleValue())) {
            throw new UnsupportedOperationException(where + ": \"" + key + "\" = " + KerasJson.write(value)
                    + " is not supported by keras4j; only " + expected);
        }
    }

    /** Keys that do not change what is computed (bookkeeping, compilation, placement): read and accepted. */
    public void accept(String... keys) {
        for (String key : keys) {
            read.add(key);
        }
    }

    void requireAllRead() {
        Set<String> unread = new TreeSet<>(values.keySet());
        unread.removeAll(read);
        if (!unread.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown keys " + unread + "; keras4j would ignore "
                    + "them, so it refuses the config");
        }
    }

    public IllegalArgumentException wrongType(String key, String expected) {
        return new IllegalArgumentException(where + ": \"" + key + "\" must be " + expected + ", found "
                + KerasJson.describe(values.get(key)));
    }
}
