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
     * The arguments every variance-scaling initializer (Glorot, He, LeCun, VarianceScaling) takes beside its own:
     * {@code seed}, which has no effect here, and the fan axes newer Keras 3 writes ({@code input_axes},
     * {@code output_axes}), whose only supported value is null: Keras's default fans (the kernel's last axis is the
     * output, the others the input), which keras4j computes.
     */
    ConfigArgs varianceScalingArgs() {
        ignoring("seed");
        for (String key : List.of("input_axes", "output_axes")) {
            known.add(key);
            if (config.get(key) != null) {
                throw new UnsupportedOperationException("initializer " + className + ": " + key + "="
                        + describe(config.get(key)) + " is not supported; only None (Keras's default fans)");
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
