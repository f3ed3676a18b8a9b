package io.github.keras4j.internal;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The one reader of configuration: a JSON object (a Keras config, a run config, a Keras constructor's arguments) with
 * its place, read through typed getters. It knows where it is: the file or object it belongs to ({@link #where()}:
 * {@code "t.json"}, {@code "model.h5, layer 2 (Dense)"}) and its path inside ({@link #path()}:
 * {@code "fit.callbacks[0].config"}, {@code "kernel_initializer.config"}), so every error names the value's path. It
 * remembers the keys it was asked for, so that keys nobody read are an error naming the valid ones
 * ({@link #requireAllRead()}); Keras's {@code cls(**config)} fails on an unknown argument, and keras4j must not
 * ignore a setting silently. Getters with a default take it when the key is absent or null.
 *
 * <p>Each kind of configuration keeps the wording its messages have always had ({@link Dialect}); a nested object is
 * read in its parent's dialect, with the parent's path before its own.
 */
public class ConfigReader {

    /** How messages name a key and describe a value, per kind of configuration. */
    public enum Dialect {
        /** Keras's JSON: {@code model.h5, layer 2 (Dense): "units" must be a whole number, found the string "4"}. */
        KERAS_JSON(": ", true, ", found ", ConfigReader::describe),
        /** keras4j's run configs: {@code t.json: fit.epochs must be a whole number, found the number 2.5}. */
        RUN_CONFIG(": ", false, ", found ", ConfigReader::describe),
        /** A Keras class's arguments on their own: {@code initializer Orthogonal: gain must be a number, received: 'big'}. */
        ARGUMENTS(": ", false, ", received: ", PythonRepr::of),
        /** An optimizer's config: {@code RMSprop config key momentum must be a number, received: 'a'}. */
        OPTIMIZER(" config key ", false, ", received: ", PythonRepr::of);

        private final String beforeKey;
        private final boolean quoted;
        private final String beforeValue;
        private final Function<Object, String> describer;

        Dialect(String beforeKey, boolean quoted, String beforeValue, Function<Object, String> describer) {
            this.beforeKey = beforeKey;
            this.quoted = quoted;
            this.beforeValue = beforeValue;
            this.describer = describer;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A_STRING = "a string";
    private static final String A_NUMBER = "a number";
    private static final String TRUE_OR_FALSE = "true or false";
    private static final String AN_OBJECT = "an object";

    private final Map<String, ?> values;
    private final String where;
    private final String path;
    private final Dialect dialect;
    private final Set<String> read = new LinkedHashSet<>();
    private final Set<String> unlisted = new LinkedHashSet<>();

    /**
     * @param values the object (null reads as an empty one)
     * @param where the file or object it belongs to, for messages
     * @param path its path inside {@code where} ("" at the top)
     */
    public ConfigReader(Map<String, ?> values, String where, String path, Dialect dialect) {
        this.values = values == null ? Map.of() : values;
        this.where = where;
        this.path = path;
        this.dialect = dialect;
    }

    /** A Keras JSON object at the top of {@code where}. */
    public static ConfigReader kerasJson(Map<String, ?> values, String where) {
        return new ConfigReader(values, where, "", Dialect.KERAS_JSON);
    }

    /** A Keras class's arguments read on their own: {@code owner} names the class ({@code "initializer Zeros"}). */
    public static ConfigReader arguments(Map<String, ?> values, String owner) {
        return new ConfigReader(values, owner, "", Dialect.ARGUMENTS);
    }

    public String where() {
        return where;
    }

    public String path() {
        return path;
    }

    /** The path of {@code key} in the file, as errors print it ({@code fit.epochs}). */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The object under {@code key} as a reader, at its path ({@code fit.callbacks}); an empty one when absent or null. */
    public ConfigReader child(String key) {
        return at(pathOf(key), mapOrNull(key));
    }

    /** Another object in this one's file and dialect, at {@code childPath} ({@code fit.callbacks[0].config}). */
    public ConfigReader at(String childPath, Map<String, ?> object) {
        return new ConfigReader(object, where, childPath, dialect);
    }

    /** The keys the object holds, in its order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** Whether the object holds {@code key}, even as null. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Whether the object holds a value other than null under {@code key}. */
    public boolean hasValue(String key) {
        return values.get(key) != null;
    }

    /** The raw value (null when absent), marked as read. */
    public Object read(String key) {
        read.add(key);
        return values.get(key);
    }

    /** The raw value, or {@code otherwise} when absent or null. */
    public Object optional(String key, Object otherwise) {
        Object value = read(key);
        return value != null ? value : otherwise;
    }

    /** The raw value; a missing key is an error. */
    public Object required(String key) {
        if (!values.containsKey(key)) {
            throw error("missing \"" + key + "\"");
        }
        return read(key);
    }

    public String string(String key) {
        return present(key, String.class, A_STRING);
    }

    public String string(String key, String otherwise) {
        String value = typed(key, read(key), String.class, A_STRING);
        return value == null ? otherwise : value;
    }

    /** A string that must be one of {@code choices}; the error lists them. */
    public String choice(String key, String otherwise, Collection<String> choices) {
        String value = string(key, otherwise);
        if (value != null && !choices.contains(value)) {
            throw wrongType(key, "one of " + String.join(", ", choices));
        }
        return value;
    }

    public double number(String key) {
        return present(key, Number.class, A_NUMBER).doubleValue();
    }

    public double number(String key, double otherwise) {
        Double value = numberOrNull(key);
        return value == null ? otherwise : value;
    }

    /** A number, or null when absent or null. */
    public Double numberOrNull(String key) {
        Number value = typed(key, read(key), Number.class, A_NUMBER);
        return value == null ? null : value.doubleValue();
    }

    public int integer(String key) {
        return integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}, checked when the config is read. */
    public int integer(String key, int min, int max) {
        return (int) whole(key, required(key), min, max);
    }

    /** {@link #integer(String, int, int)}, or {@code otherwise} when absent or null. */
    public int integer(String key, int otherwise, int min, int max) {
        Object value = read(key);
        return value == null ? otherwise : (int) whole(key, value, min, max);
    }

    /** Any whole number, or {@code otherwise} when absent or null. */
    public int integer(String key, int otherwise) {
        return integer(key, otherwise, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number of 64 bits, or null when absent or null. */
    public Long longOrNull(String key) {
        Object value = read(key);
        return value == null ? null : whole(key, value, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * A JSON integer in {@code [min, max]}; a float with no fraction counts too (Keras 1 wrote some counts as
     * {@code 10.0}), and a number beyond 64 bits is out of range.
     */
    private long whole(String key, Object value, long min, long max) {
        if (value instanceof Number number) {
            boolean floating = number instanceof Double || number instanceof Float;
            boolean isWhole = floating ? number.doubleValue() == Math.rint(number.doubleValue())
                    && !Double.isInfinite(number.doubleValue()) : true;
            boolean inRange = floating ? number.doubleValue() >= min && number.doubleValue() <= max
                    : !(number instanceof BigInteger big && big.bitLength() > 63)
                            && number.longValue() >= min && number.longValue() <= max;
            if (isWhole && inRange) {
                return number.longValue();
            }
            if (isWhole && (min != Long.MIN_VALUE && min != Integer.MIN_VALUE || max != Long.MAX_VALUE
                    && max != Integer.MAX_VALUE)) {
                throw wrongType(key, "a whole number from " + min + " to " + max);
            }
        }
        throw wrongType(key, "a whole number");
    }

    public boolean bool(String key) {
        return present(key, Boolean.class, TRUE_OR_FALSE);
    }

    public boolean bool(String key, boolean otherwise) {
        Boolean value = typed(key, read(key), Boolean.class, TRUE_OR_FALSE);
        return value == null ? otherwise : value;
    }

    /** A required list. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        return present(key, List.class, "a list");
    }

    /** A list, or an empty one when absent or null. */
    @SuppressWarnings("unchecked")
    public List<Object> listOrEmpty(String key) {
        List<Object> value = typed(key, read(key), List.class, "a list");
        return value == null ? List.of() : value;
    }

    /** A list of strings (empty when absent or null); a single string is a list of one, as Keras's {@code metrics="acc"}. */
    public List<String> strings(String key) {
        Object value = read(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance)) {
            List<String> strings = new ArrayList<>();
            list.forEach(item -> strings.add((String) item));
            return List.copyOf(strings);
        }
        throw wrongType(key, "a string or a non-empty list of strings");
    }

    /** Keras's {@code kernel_size}, {@code strides}, {@code pool_size}...: one integer or a tuple, as given. */
    public int[] integers(String key) {
        return integers(key, required(key));
    }

    /** {@link #integers(String)}, or {@code otherwise} when absent or null. */
    public int[] integers(String key, int[] otherwise) {
        Object value = read(key);
        return value == null ? otherwise.clone() : integers(key, value);
    }

    private int[] integers(String key, Object value) {
        List<?> list = value instanceof List<?> items ? items : List.of(value);
        int[] result = new int[list.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(list.get(i) instanceof Integer size)) {
                throw wrongType(key, "an integer or a tuple of integers");
            }
            result[i] = size;
        }
        return result;
    }

    /** A required object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        return present(key, Map.class, AN_OBJECT);
    }

    /** An object, or null when absent or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> mapOrNull(String key) {
        return typed(key, read(key), Map.class, AN_OBJECT);
    }

    /** The required value under {@code key} as a {@code type}: absent, null or another type is an error. */
    private <T> T present(String key, Class<T> type, String expected) {
        T value = typed(key, required(key), type, expected);
        if (value == null) {
            throw wrongType(key, expected);
        }
        return value;
    }

    /** {@code value} as a {@code type}; null stays null, another type is an error expecting {@code expected}. */
    private <T> T typed(String key, Object value, Class<T> type, String expected) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw wrongType(key, expected);
    }

    /** A file path, or null when absent or null. */
    public Path filePath(String key) {
        String text = string(key, null);
        if (text == null) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw wrongType(key, "a file path (" + e.getReason() + ")");
        }
    }

    /** Keys that do not change what is computed (bookkeeping, compilation, placement): read and accepted. */
    public void accept(String... keys) {
        read.addAll(List.of(keys));
    }

    /** Keys accepted without being named among the valid ones ({@code dtype}, which Keras's initializers drop). */
    public ConfigReader acceptUnlisted(String... keys) {
        unlisted.addAll(List.of(keys));
        return this;
    }

    /** Keys whose only supported value is null (or absent): a constraint, a quantizer... */
    public void mustBeNull(String... keys) {
        for (String key : keys) {
            Object value = read(key);
            if (value != null) {
                throw unsupported(key, value, "");
            }
        }
    }

    /** A key whose only supported value is {@code expected} (or absent/null, meaning Keras's default). */
    public void mustBe(String key, Object expected) {
        Object value = read(key);
        if (value != null && !value.equals(expected)
                && !(value instanceof Number n && expected instanceof Number e && n.doubleValue() == e.doubleValue())) {
            throw unsupported(key, value, "; only " + expected);
        }
    }

    private UnsupportedOperationException unsupported(String key, Object value, String only) {
        return new UnsupportedOperationException(where + dialect.beforeKey + keyName(key) + " = " + toJson(value)
                + " is not supported by keras4j" + only);
    }

    /** Fails unless every key the object holds was read or accepted, naming the others and the valid keys. */
    public void requireAllRead() {
        List<String> valid = new ArrayList<>(read);
        valid.removeAll(unlisted);
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!read.contains(key) && !unlisted.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw unknownKeys(unknown, valid);
        }
    }

    /** Fails unless every key is one of {@code validKeys}, naming the others (a run config: the closest valid one). */
    public void requireKnown(List<String> validKeys) {
        List<String> unknown = new ArrayList<>(values.keySet());
        unknown.removeAll(validKeys);
        if (!unknown.isEmpty()) {
            throw unknownKeys(unknown, validKeys);
        }
        read.addAll(validKeys);
    }

    private IllegalArgumentException unknownKeys(List<String> unknown, List<String> valid) {
        return switch (dialect) {
            case KERAS_JSON -> error("unknown keys " + new TreeSet<>(unknown) + "; keras4j would ignore them, so it "
                    + "refuses the config; valid keys: " + String.join(", ", valid));
            case RUN_CONFIG -> error(Registry.unknown("key", unknown.get(0), valid).getMessage()
                    .replaceFirst("valid: ", "valid keys: "));
            case ARGUMENTS, OPTIMIZER -> new IllegalArgumentException(place() + " does not take " + unknown + "; valid arguments: "
                    + (valid.isEmpty() ? "none" : String.join(", ", valid)));
        };
    }

    /** The object's place for messages: {@code t.json: fit}, or just {@code where} at the top. */
    public String place() {
        return path.isEmpty() ? where : where + ": " + path;
    }

    /** An error about this object: {@code t.json: fit: message}. */
    public IllegalArgumentException error(String message) {
        return new IllegalArgumentException(place() + ": " + message);
    }

    /** The error for a key holding a value of the wrong type: {@code fit.epochs must be a whole number, found ...}. */
    public IllegalArgumentException wrongType(String key, String expected) {
        return new IllegalArgumentException(where + dialect.beforeKey + keyName(key) + " must be " + expected
                + dialect.beforeValue + dialect.describer.apply(values.get(key)));
    }

    private String keyName(String key) {
        return dialect.quoted ? "\"" + pathOf(key) + "\"" : pathOf(key);
    }

    /** A copy of the object, for a reader that hands it on. */
    public Map<String, Object> copy() {
        return new LinkedHashMap<>(values);
    }

    /** A value as JSON text, for messages. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** A JSON value in words, for messages: {@code the string "500"}, {@code the number 2.5}, {@code a list}. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "the string \"" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        return "the number " + value;
    }
}
