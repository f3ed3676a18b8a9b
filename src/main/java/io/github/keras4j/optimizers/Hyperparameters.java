package io.github.keras4j.optimizers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Argument checks and the config layout shared by the typed optimizers. */
final class Hyperparameters {

    /** Keras's class name of the learning-rate schedule that computes Keras 2's {@code decay}. */
    static final String INVERSE_TIME_DECAY = "InverseTimeDecay";

    private Hyperparameters() {
    }

    /**
     * A learning rate: any finite number {@code >= 0}. Keras takes any float (0 freezes the weights of an optimizer
     * without momentum); a negative, NaN or infinite rate is refused, the one place keras4j is stricter.
     */
    static double learningRate(double value) {
        return nonNegative("learning_rate", value);
    }

    static double nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a number >= 0, received: " + value);
        }
        return value;
    }

    /** A value in [0, 1]. */
    static double unitInterval(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], received: " + value);
        }
        return value;
    }

    /** A value in [0, 1), as Adam's decay rates must be (beta = 1 divides by zero in the bias correction). */
    static double decayRate(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), received: " + value);
        }
        return value;
    }

    /**
     * The config Keras's {@code get_config()} writes for a tf.keras 2.11+ optimizer: the base optimizer's keys
     * (with the values of the options keras4j does not offer: no weight decay, clipping or EMA; {@code jit_compile}
     * is false as Keras sets it without a GPU) followed by {@code learning_rate} and {@code hyperparameters}.
     * {@code is_legacy_optimizer: false} matters: without it Keras would load the config as a legacy optimizer.
     */
    static Map<String, Object> kerasConfig(String name, Integer emaOverwriteFrequency, Object learningRate,
            Map<String, Object> hyperparameters) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        putOptionsKeras4jLacks(config, emaOverwriteFrequency);
        config.put("jit_compile", false);
        config.put("is_legacy_optimizer", false);
        config.put("learning_rate", learningRate);
        config.putAll(hyperparameters);
        return Collections.unmodifiableMap(config);
    }

    /**
     * The config Keras 3's {@code get_config()} writes: {@code name}, {@code learning_rate}, the base optimizer's
     * keys (keras4j offers none of their options; Keras 3 adds loss scaling and gradient accumulation), then
     * {@code hyperparameters}.
     */
    static Map<String, Object> keras3Config(String name, Object learningRate, Map<String, Object> hyperparameters) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("learning_rate", learningRate);
        putOptionsKeras4jLacks(config, null);
        config.put("loss_scale_factor", null);
        config.put("gradient_accumulation_steps", null);
        config.putAll(hyperparameters);
        return config;
    }

    /** Weight decay, clipping and EMA, which keras4j does not offer: their keys as a Keras optimizer without them. */
    private static void putOptionsKeras4jLacks(Map<String, Object> config, Integer emaOverwriteFrequency) {
        config.put("weight_decay", null);
        config.put("clipnorm", null);
        config.put("global_clipnorm", null);
        config.put("clipvalue", null);
        config.put("use_ema", false);
        config.put("ema_momentum", 0.99);
        config.put("ema_overwrite_frequency", emaOverwriteFrequency);
    }

    /**
     * Keras 3's and tf.keras 2.11+'s config of {@code InverseTimeDecay(learning_rate, decay_steps=1, decay)}, the
     * schedule {@code learning_rate / (1 + decay * step)} that replaced Keras 2's {@code decay}.
     */
    static Map<String, Object> inverseTimeDecay(double learningRate, double decay) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("module", "keras.optimizers.schedules");
        schedule.put("class_name", INVERSE_TIME_DECAY);
        schedule.put("config", ordered("initial_learning_rate", learningRate, "decay_steps", 1, "decay_rate", decay,
                "staircase", false, "name", INVERSE_TIME_DECAY));
        schedule.put("registered_name", null);
        return Collections.unmodifiableMap(schedule);
    }

    /**
     * The config tf.keras 2.0-2.10's optimizers ({@code OptimizerV2}) write: {@code name}, {@code learning_rate},
     * then the optimizer's own keys. Without {@code is_legacy_optimizer}, tf.keras 2.11-2.15 read it as their legacy
     * optimizer too. For the options only those older Keras compute.
     */
    static Map<String, Object> legacyConfig(String name, double learningRate, Map<String, Object> hyperparameters) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("learning_rate", learningRate);
        config.putAll(hyperparameters);
        return Collections.unmodifiableMap(config);
    }

    /** {@code Adam(learning_rate=0.001, beta_1=0.9, ...)}: the class name and the optimizer's own hyperparameters. */
    static String describe(String className, double learningRate, Map<String, Object> hyperparameters) {
        StringBuilder text = new StringBuilder(className).append("(learning_rate=").append(learningRate);
        hyperparameters.forEach((key, value) -> text.append(", ").append(key).append('=').append(value));
        return text.append(')').toString();
    }

    /**
     * The optimizer's own keys after {@code decay} when it is on: the order tf.keras 2.0-2.10 writes them in
     * ({@code name}, {@code learning_rate}, {@code decay}, then the optimizer's own).
     */
    static Map<String, Object> withDecay(double decay, Map<String, Object> hyperparameters) {
        if (decay == 0) {
            return hyperparameters;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("decay", decay);
        map.putAll(hyperparameters);
        return map;
    }

    /** An ordered map of Keras keys to values; {@code keysAndValues} alternates key, value. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
