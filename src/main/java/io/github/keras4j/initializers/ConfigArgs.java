package io.github.keras4j.initializers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Keras initializer config ({@code get_config()}'s dict) the way {@code cls(**config)} does: absent keys
 * take the default, unknown keys are an error. {@code dtype} is dropped as Keras's {@code from_config} does.
 */
final class ConfigArgs {

    private final String className;
    private final Map<String, ?> config;
    private final Set<String> known = new LinkedHashSet<>();

    ConfigArgs(String className, Map<String, ?> config) {
        this.className = className;
        this.config = config == null ? Map.of() : config;
        known.add("dtype");
    }

    double number(String key, double defaultValue) {
        known.add(key);
        if (!config.containsKey(key)) {
            return defaultValue;
        }
        Object value = config.get(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("initializer " + className + ": " + key + " must be a number, received: "
                + describe(value));
    }

    String string(String key, String defaultValue) {
        known.add(key);
        if (!config.containsKey(key)) {
            return defaultValue;
        }
        Object value = config.get(key);
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("initializer " + className + ": " + key + " must be a string, received: "
                + describe(value));
    }

    /** Accepts a key whose value has no effect here (the per-initializer {@code seed}: the model's seed applies). */
    ConfigArgs ignoring(String key) {
        known.add(key);
        return this;
    }

    /**
     * Keras 3's {@code input_axes} and {@code output_axes} of the variance-scaling initializers, which choose the axes
     * the fans are computed over: only their default, None (the kernel's own fans), is accepted.
     */
    ConfigArgs defaultFanAxes() {
        for (String key : new String[] {"input_axes", "output_axes"}) {
            known.add(key);
            Object value = config.get(key);
            if (value != null) {
                throw new UnsupportedOperationException("initializer " + className + ": " + key + "="
                        + describe(value) + " is not supported by keras4j, which computes the fans from the kernel's "
                        + "shape; only None");
            }
        }
        return this;
    }

    /** Fails on keys that the initializer does not take, as Keras's constructor call would. */
    <T> T done(T initializer) {
        List<String> unknown = new ArrayList<>();
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> valid = new ArrayList<>(known);
            valid.remove("dtype");
            throw new IllegalArgumentException("initializer " + className + " does not take " + unknown
                    + "; valid arguments: " + (valid.isEmpty() ? "none" : String.join(", ", valid)));
        }
        return initializer;
    }

    private static String describe(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
