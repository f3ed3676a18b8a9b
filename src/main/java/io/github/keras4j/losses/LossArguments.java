package io.github.keras4j.losses;

import io.github.keras4j.internal.PythonRepr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.UnaryOperator;

/**
 * What one Keras loss class takes besides {@code name} and {@code reduction}: each argument's Keras name, default
 * and check, in Keras's order. The one description behind the class's setters, its Keras config in and out, its
 * {@code equals} and its {@code toString}.
 */
final class LossArguments {

    private final String className;
    private final String defaultName;
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final Map<String, UnaryOperator<Object>> checks = new LinkedHashMap<>();

    private LossArguments(String className, String defaultName) {
        this.className = className;
        this.defaultName = defaultName;
    }

    /** A Keras loss class and the name its instances get by default ({@code Huber}: {@code "huber_loss"}). */
    static LossArguments of(String className, String defaultName) {
        return new LossArguments(className, defaultName);
    }

    /** A true/false argument, such as {@code from_logits}. */
    LossArguments flag(String key, boolean defaultValue) {
        return add(key, defaultValue, value -> {
            if (value instanceof Boolean) {
                return value;
            }
            throw wrong(key, value, "true or false");
        });
    }

    /** A number that must satisfy {@code valid}, described by {@code requirement} ("in [0, 1]"). */
    LossArguments number(String key, double defaultValue, DoublePredicate valid, String requirement) {
        return add(key, defaultValue, value -> {
            if (value instanceof Number number && valid.test(number.doubleValue())) {
                return number.doubleValue();
            }
            throw wrong(key, value, "a number " + requirement);
        });
    }

    /**
     * Keras's {@code axis}: keras4j's outputs are {@code [samples, outputs]} and it computes over the last axis only,
     * {@code -1} (Keras's default); {@code 1} names the same axis.
     */
    LossArguments lastAxis() {
        return add("axis", -1, value -> {
            if (value instanceof Number number && (number.doubleValue() == -1 || number.doubleValue() == 1)) {
                return -1;
            }
            if (value instanceof Number) {
                throw new UnsupportedOperationException(className + ": axis=" + PythonRepr.of(value)
                        + " is not supported by keras4j, which computes over the last axis of [samples, outputs] "
                        + "(axis=-1)");
            }
            throw wrong("axis", value, "an integer (-1)");
        });
    }

    /** An argument keras4j has no computation for: only its default, None, is accepted. */
    LossArguments onlyNone(String key, String why) {
        return add(key, null, value -> {
            if (value == null) {
                return null;
            }
            throw new UnsupportedOperationException(className + ": " + key + "=" + PythonRepr.of(value)
                    + " is not supported by keras4j (" + why + "); only None");
        });
    }

    private LossArguments add(String key, Object defaultValue, UnaryOperator<Object> check) {
        defaults.put(key, defaultValue);
        checks.put(key, check);
        return this;
    }

    String className() {
        return className;
    }

    String defaultName() {
        return defaultName;
    }

    Map<String, Object> defaults() {
        return Collections.unmodifiableMap(defaults);
    }

    boolean takes(String key) {
        return checks.containsKey(key);
    }

    /** The value as the loss keeps it (numbers as doubles, axis as -1), or an error naming class, key and value. */
    Object check(String key, Object value) {
        UnaryOperator<Object> check = checks.get(key);
        if (check == null) {
            throw new IllegalArgumentException(className + " does not take '" + key + "'; valid arguments: "
                    + String.join(", ", validKeys()));
        }
        return check.apply(value);
    }

    /** Every key a config of this class may hold, in Keras's order. */
    Iterable<String> validKeys() {
        java.util.List<String> keys = new java.util.ArrayList<>(java.util.List.of("name", "reduction"));
        keys.addAll(checks.keySet());
        return keys;
    }

    private IllegalArgumentException wrong(String key, Object value, String expected) {
        return new IllegalArgumentException(className + ": " + key + " must be " + expected + ", received: "
                + PythonRepr.of(value));
    }
}
