package io.github.keras4j.run;

import io.github.keras4j.internal.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object of a run config, read with its place in the file: every key must be one of the section's valid
 * keys, and every value of the type asked for, or the error names the file, the path of the value
 * ({@code fit.epochs}) and what was expected.
 */
final class ConfigSection {

    private final String file;
    private final String path;
    private final Map<String, Object> values;

    /**
     * @param file the config file, for error messages
     * @param path where this object sits in the file ({@code "fit"}, {@code "fit.callbacks[0].config"}), or "" for
     *        the top level
     * @param validKeys the keys the object may hold; any other is an error suggesting the closest valid key
     */
    ConfigSection(String file, String path, Map<String, Object> values, List<String> validKeys) {
        this.file = file;
        this.path = path;
        this.values = values;
        for (String key : values.keySet()) {
            if (!validKeys.contains(key)) {
                throw error(Registry.unknown("key", key, validKeys).getMessage()
                        .replaceFirst("valid: ", "valid keys: "));
            }
        }
    }

    String file() {
        return file;
    }

    boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    /** The path of {@code key} in the file, as errors print it. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    IllegalArgumentException wrongType(String key, String expected) {
        return new IllegalArgumentException(file + ": " + pathOf(key) + " must be " + expected + ", found "
                + describe(values.get(key)));
    }

    Object raw(String key) {
        return values.get(key);
    }

    int integer(String key, int otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        if (values.get(key) instanceof Number number && !(number instanceof Double || number instanceof Float)
                && number.longValue() == number.intValue()) {
            return number.intValue();
        }
        throw wrongType(key, "a whole number");
    }

    /** A whole number from {@code min} to {@code max}, checked when the config is read. */
    int integer(String key, int otherwise, int min, int max) {
        if (!has(key)) {
            return otherwise;
        }
        Object value = values.get(key);
        if (value instanceof Number number && !(number instanceof Double || number instanceof Float)
                && !(number instanceof java.math.BigInteger big && big.bitLength() > 63)
                && number.longValue() >= min && number.longValue() <= max) {
            return number.intValue();
        }
        boolean whole = value instanceof Number number && !(number instanceof Double || number instanceof Float);
        throw wrongType(key, whole ? "a whole number from " + min + " to " + max : "a whole number");
    }

    Long longOrNull(String key) {
        if (!has(key)) {
            return null;
        }
        Object value = values.get(key);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw wrongType(key, "a whole number");
    }

    double number(String key, double otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        if (values.get(key) instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(key, "a number");
    }

    Double numberOrNull(String key) {
        return has(key) ? number(key, 0) : null;
    }

    boolean bool(String key, boolean otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        if (values.get(key) instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(key, "true or false");
    }

    String string(String key, String otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        if (values.get(key) instanceof String text) {
            return text;
        }
        throw wrongType(key, "a string");
    }

    /** A file path, or null when the key is absent. */
    java.nio.file.Path path(String key) {
        String text = string(key, null);
        if (text == null) {
            return null;
        }
        try {
            return java.nio.file.Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw wrongType(key, "a file path (" + e.getReason() + ")");
        }
    }

    String requiredString(String key) {
        if (!has(key)) {
            throw error("missing \"" + key + "\"");
        }
        return string(key, null);
    }

    /** A list of strings; a single string is a list of one, as Keras's {@code metrics="acc"} is. */
    List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        Object value = values.get(key);
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

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
        if (!has(key)) {
            return null;
        }
        if (values.get(key) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(key, "an object");
    }

    ConfigSection section(String key, List<String> validKeys) {
        Map<String, Object> object = object(key);
        return new ConfigSection(file, pathOf(key), object == null ? new LinkedHashMap<>() : object, validKeys);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        if (values.get(key) instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw wrongType(key, "a list");
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "the string \"" + text + "\"";
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
