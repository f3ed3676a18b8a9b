package io.github.keras4j.keras;

import io.github.keras4j.internal.ConfigReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras 1's initializer names and regularizer objects as the Keras 2 configs that compute the same thing. Keras 1
 * wrote {@code "init": "glorot_uniform"} and {@code {"name": "WeightRegularizer", "l1": ..., "l2": ...}}; some of
 * its initializers differ from Keras 2's of the same name (normal, not truncated; orthogonal's gain 1.1).
 */
final class Keras1Objects {

    private Keras1Objects() {
    }

    /** The Keras 2 config of Keras 1.2's initializer {@code name}, or the name itself for one Keras 2 reads alike. */
    static Object initializer(String name, String where) {
        return switch (name) {
            case "glorot_normal" -> entry("VarianceScaling", Map.of("scale", 1.0, "mode", "fan_avg",
                    "distribution", "untruncated_normal"));
            case "he_normal" -> entry("VarianceScaling", Map.of("scale", 2.0, "mode", "fan_in",
                    "distribution", "untruncated_normal"));
            case "lecun_normal" -> entry("VarianceScaling", Map.of("scale", 1.0, "mode", "fan_in",
                    "distribution", "untruncated_normal"));
            case "orthogonal" -> entry("Orthogonal", Map.of("gain", 1.1));
            case "uniform" -> entry("RandomUniform", Map.of("minval", -0.05, "maxval", 0.05));
            case "normal" -> entry("RandomNormal", Map.of("mean", 0.0, "stddev", 0.05));
            // glorot_uniform, he_uniform, lecun_uniform, zero, one, identity: the same formula in Keras 2.
            default -> name;
        };
    }

    /** Keras 1's regularizer object ({@code WeightRegularizer}, {@code L1L2Regularizer}) as Keras 2's L1L2. */
    @SuppressWarnings("unchecked")
    static Object regularizer(Object value, String where) {
        if (!(value instanceof Map<?, ?> map) || map.containsKey("class_name")) {
            return value;
        }
        ConfigReader keras1 = ConfigReader.kerasJson((Map<String, Object>) map, where + ", Keras 1 regularizer");
        String name = keras1.string("name");
        if (!name.equals("WeightRegularizer") && !name.equals("L1L2Regularizer")) {
            throw new UnsupportedOperationException(where + ": Keras 1 regularizer " + name + " is not supported; "
                    + "only WeightRegularizer (l1, l2)");
        }
        double l1 = keras1.number("l1", 0.0);
        double l2 = keras1.number("l2", 0.0);
        keras1.requireAllRead();
        return entry("L1L2", Map.of("l1", l1, "l2", l2));
    }

    private static Map<String, Object> entry(String className, Map<String, Object> config) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", className);
        entry.put("config", new LinkedHashMap<>(config));
        return entry;
    }
}
