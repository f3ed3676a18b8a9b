package io.github.keras4j.run;

import io.github.keras4j.internal.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One JSON object of a run config, read with its place in the file: every key must be one of the section's valid
 * keys, and every value of the type asked for, or the error names the file, the path of the value
 * ({@code fit.epochs}) and what was expected. The run package's names for {@link ConfigReader}, which does the
 * reading: a run config's optional values are absent or null alike, so {@link #has} means "holds a value".
 */
final class ConfigSection {

    private final ConfigReader reader;

    /**
     * @param file the config file, for error messages
     * @param path where this object sits in the file ({@code "fit"}, {@code "fit.callbacks[0].config"}), or "" for
     *        the top level
     * @param validKeys the keys the object may hold; any other is an error suggesting the closest valid key
     */
    ConfigSection(String file, String path, Map<String, Object> values, List<String> validKeys) {
        this(new ConfigReader(values, file, path, ConfigReader.Dialect.RUN_CONFIG), validKeys);
    }

    private ConfigSection(ConfigReader reader, List<String> validKeys) {
        this.reader = reader;
        if (validKeys != null) {
            reader.requireKnown(validKeys);
        }
    }

    String file() {
        return reader.where();
    }

    boolean has(String key) {
        return reader.hasValue(key);
    }

    /** The path of {@code key} in the file, as errors print it. */
    String pathOf(String key) {
        return reader.pathOf(key);
    }

    IllegalArgumentException error(String message) {
        return reader.error(message);
    }

    IllegalArgumentException wrongType(String key, String expected) {
        return reader.wrongType(key, expected);
    }

    Object raw(String key) {
        return reader.read(key);
    }

    int integer(String key, int otherwise) {
        return reader.integer(key, otherwise);
    }

    /** A whole number from {@code min} to {@code max}, checked when the config is read. */
    int integer(String key, int otherwise, int min, int max) {
        return reader.integer(key, otherwise, min, max);
    }

    Long longOrNull(String key) {
        return reader.longOrNull(key);
    }

    double number(String key, double otherwise) {
        return reader.number(key, otherwise);
    }

    Double numberOrNull(String key) {
        return reader.numberOrNull(key);
    }

    boolean bool(String key, boolean otherwise) {
        return reader.bool(key, otherwise);
    }

    String string(String key, String otherwise) {
        return reader.string(key, otherwise);
    }

    /** A file path, or null when the key is absent. */
    Path path(String key) {
        return reader.filePath(key);
    }

    /** A required file path. */
    Path requiredPath(String key) {
        requireValue(key);
        return reader.filePath(key);
    }

    String requiredString(String key) {
        requireValue(key);
        return reader.string(key);
    }

    private void requireValue(String key) {
        if (!has(key)) {
            throw error("missing \"" + key + "\"");
        }
    }

    /** A list of strings; a single string is a list of one, as Keras's {@code metrics="acc"} is. */
    List<String> strings(String key) {
        return reader.strings(key);
    }

    Map<String, Object> object(String key) {
        return reader.mapOrNull(key);
    }

    /** The keys the object holds, in its order. */
    java.util.Set<String> keys() {
        return reader.keys();
    }

    ConfigSection section(String key, List<String> validKeys) {
        return new ConfigSection(reader.child(key), validKeys);
    }

    /** The object under {@code key} (empty when absent), whose keys are data rather than settings ({@code class_weight}). */
    ConfigSection entries(String key) {
        return new ConfigSection(reader.child(key), null);
    }

    /** Another object of the file at {@code path} ({@code fit.callbacks[0]}), with its valid keys. */
    ConfigSection at(String path, Map<String, Object> values, List<String> validKeys) {
        return new ConfigSection(reader.at(path, values), validKeys);
    }

    List<Object> list(String key) {
        return reader.listOrEmpty(key);
    }

    static String describe(Object value) {
        return ConfigReader.describe(value);
    }
}
