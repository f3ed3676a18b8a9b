package io.github.keras4j.optimizers;

import io.github.keras4j.internal.ConfigReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's Keras configs, written ({@link Optimizer#config()}, {@link Optimizer#keras3Config()},
 * {@link Optimizer#portableConfig()}) and read back ({@code {"class_name": "Adam",
 * "config": {...}}}, {@link Optimizers#fromConfig}), for every optimizer class through its description
 * ({@link Hyperparameters}). Keys of options keras4j does not offer are accepted only at their "off" value, so that a
 * config is never half applied.
 */
final class OptimizerConfigs {

    /** Keras's class name of the learning-rate schedule that computes Keras 2's {@code decay}. */
    static final String INVERSE_TIME_DECAY = "InverseTimeDecay";
    /** Keras 1/2's name of {@code learning_rate}. */
    private static final String LR = "lr";
    /** The base optimizer's keys in every tf.keras 2.11+ config, in Keras's order. */
    private static final List<String> BASE_KEYS = List.of("name", "weight_decay", "clipnorm", "global_clipnorm",
            "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency", "jit_compile", "is_legacy_optimizer");
    /** Base optimizer keys whose value does not change training (names, compilation, bookkeeping). */
    private static final List<String> INERT_KEYS = List.of("name", "ema_momentum", "ema_overwrite_frequency",
            "jit_compile", "is_legacy_optimizer");
    /** Keys of options keras4j does not implement, accepted when they are off. */
    private static final List<String> OFF_WHEN_NULL_OR_ZERO = List.of("weight_decay", "clipnorm", "global_clipnorm",
            "clipvalue");
    /** Keras 3 keys accepted when null or 1 (no loss scaling, no gradient accumulation). */
    private static final List<String> OFF_WHEN_NULL_OR_ONE = List.of("loss_scale_factor",
            "gradient_accumulation_steps");
    private static final String USE_EMA = "use_ema";
    private static final List<String> INVERSE_TIME_DECAY_KEYS = List.of("initial_learning_rate", "decay_steps",
            "decay_rate", "staircase", "name");

    private OptimizerConfigs() {
    }

    /**
     * The config Keras's {@code get_config()} writes. tf.keras 2.11+'s: the base optimizer's keys (with the values of
     * the options keras4j does not offer: no weight decay, clipping or EMA; {@code jit_compile} is false as Keras sets
     * it without a GPU; {@code is_legacy_optimizer: false}, without which Keras would load it as a legacy optimizer),
     * {@code learning_rate} (with a decay, its {@code InverseTimeDecay} schedule) and the class's keys. For the options
     * only older Keras compute, tf.keras 2.0-2.10's ({@code OptimizerV2}): {@code name}, {@code learning_rate},
     * {@code decay}, then the class's keys; without {@code is_legacy_optimizer}, tf.keras 2.11-2.15 read it as their
     * legacy optimizer too.
     */
    static Map<String, Object> write(Optimizer optimizer) {
        Hyperparameters<?> hyperparameters = optimizer.hyperparameters();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", optimizer.className());
        if (hyperparameters.writesOlderKerasConfig(optimizer)) {
            config.putAll(hyperparameters.kerasValues(optimizer, true));
            return Collections.unmodifiableMap(config);
        }
        putOptionsKeras4jLacks(config, hyperparameters.emaOverwriteFrequency());
        config.put("jit_compile", false);
        config.put("is_legacy_optimizer", false);
        config.putAll(hyperparameters.kerasValues(optimizer, false));
        config.put(Hyperparameters.LEARNING_RATE, learningRate(optimizer));
        return Collections.unmodifiableMap(config);
    }

    /**
     * The config Keras 3's {@code get_config()} writes: the name Keras 3 gives an optimizer of the class
     * ({@code adam}, {@code rm_sprop}), {@code learning_rate} (with a decay, its {@code InverseTimeDecay} schedule),
     * the base optimizer's keys ({@code ema_overwrite_frequency} None for every class in Keras 3; loss scaling and
     * gradient accumulation off), then the class's keys; refused, naming it, for what Keras 3 cannot compute.
     */
    static Map<String, Object> writeKeras3(Optimizer optimizer) {
        String obstacle = optimizer.hyperparameters().keras3Obstacle(optimizer);
        if (obstacle != null) {
            throw new UnsupportedOperationException(optimizer + " cannot be written as a Keras 3 optimizer: "
                    + obstacle);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", optimizer.keras3Name());
        config.put(Hyperparameters.LEARNING_RATE, learningRate(optimizer));
        putOptionsKeras4jLacks(config, null);
        config.put("loss_scale_factor", null);
        config.put("gradient_accumulation_steps", null);
        config.putAll(ownValues(optimizer));
        return Collections.unmodifiableMap(config);
    }

    /**
     * The config every Keras from 2.0 to 3 compiles: tf.keras 2.0-2.10's layout ({@code name}, {@code learning_rate},
     * then the class's keys) with a decay as Keras 3's {@code InverseTimeDecay} schedule; for what Keras 3 cannot
     * compute, {@link #write}'s config, which the older Keras that computed it read.
     */
    static Map<String, Object> writePortable(Optimizer optimizer) {
        if (optimizer.hyperparameters().keras3Obstacle(optimizer) != null) {
            return write(optimizer);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", optimizer.className());
        config.put(Hyperparameters.LEARNING_RATE, learningRate(optimizer));
        config.putAll(ownValues(optimizer));
        return Collections.unmodifiableMap(config);
    }

    /** The class's keys of tf.keras 2.11+ and Keras 3 but the learning rate, in Keras's order. */
    private static Map<String, Object> ownValues(Optimizer optimizer) {
        Map<String, Object> values = optimizer.hyperparameters().kerasValues(optimizer, false);
        values.remove(Hyperparameters.LEARNING_RATE);
        return values;
    }

    /** The learning rate, or with a decay, the {@code InverseTimeDecay} schedule that computes it. */
    private static Object learningRate(Optimizer optimizer) {
        return optimizer.decay() > 0 ? inverseTimeDecay(optimizer.learningRate(), optimizer.decay())
                : optimizer.learningRate();
    }

    /** Weight decay, clipping and EMA, which keras4j does not offer: their keys as a Keras optimizer without them. */
    private static void putOptionsKeras4jLacks(Map<String, Object> config, Integer emaOverwriteFrequency) {
        config.put("weight_decay", null);
        config.put("clipnorm", null);
        config.put("global_clipnorm", null);
        config.put("clipvalue", null);
        config.put(USE_EMA, false);
        config.put("ema_momentum", 0.99);
        config.put("ema_overwrite_frequency", emaOverwriteFrequency);
    }

    /**
     * Keras 3's and tf.keras 2.11+'s config of {@code InverseTimeDecay(learning_rate, decay_steps=1, decay)}, the
     * schedule {@code learning_rate / (1 + decay * step)} that replaced Keras 2's {@code decay}.
     */
    private static Map<String, Object> inverseTimeDecay(double learningRate, double decay) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("initial_learning_rate", learningRate);
        settings.put("decay_steps", 1);
        settings.put("decay_rate", decay);
        settings.put("staircase", false);
        settings.put("name", INVERSE_TIME_DECAY);
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("module", "keras.optimizers.schedules");
        schedule.put("class_name", INVERSE_TIME_DECAY);
        schedule.put("config", settings);
        schedule.put("registered_name", null);
        return Collections.unmodifiableMap(schedule);
    }

    /**
     * The optimizer of this kind that a Keras config describes: Keras 1/2's {@code lr}, Keras 2.0-2.1's
     * {@code epsilon: None} (Keras's {@code epsilon()}, 1e-7), Keras 1/2's {@code decay}, Keras 3's and tf.keras
     * 2.11+'s {@code InverseTimeDecay} learning rate (read as the decay {@code decay_rate / decay_steps}; other
     * schedules are refused), and what older Keras's configs of the class mean (the class's description says).
     */
    static Optimizer read(Optimizers kind, Map<String, ?> config) {
        return read(kind.create(), config);
    }

    /** The optimizer of the class of {@code defaults} that a config describes, keys absent keeping their default. */
    static Optimizer read(Optimizer defaults, Map<String, ?> config) {
        if (config == null) {
            return defaults;
        }
        Hyperparameters<?> hyperparameters = defaults.hyperparameters();
        String className = defaults.className();
        for (String key : config.keySet()) {
            if (hyperparameters.isKeras4jOnly(key)) {
                throw unknownKey(hyperparameters, key);
            }
        }
        if (config.containsKey(LR) && config.containsKey(Hyperparameters.LEARNING_RATE)) {
            throw new IllegalArgumentException(className + " config has both lr (Keras 1/2) and learning_rate, two "
                    + "names for one learning rate: lr=" + config.get(LR) + ", learning_rate="
                    + config.get(Hyperparameters.LEARNING_RATE));
        }
        Map<String, Object> values = new LinkedHashMap<>(defaults.values());
        ConfigReader args = new ConfigReader(hyperparameters.readingOlderKeras(new LinkedHashMap<>(config)),
                className, "", ConfigReader.Dialect.OPTIMIZER);
        for (String key : args.keys()) {
            Object value = args.read(key);
            if (INERT_KEYS.contains(key)) {
                continue;
            }
            if (OFF_WHEN_NULL_OR_ZERO.contains(key) || OFF_WHEN_NULL_OR_ONE.contains(key) || USE_EMA.equals(key)) {
                requireOff(args, key);
            } else if (Hyperparameters.LEARNING_RATE.equals(key) || LR.equals(key)) {
                if (value instanceof Map<?, ?>) {
                    readInverseTimeDecay(hyperparameters, args.child(key), config, values);
                } else {
                    values.put(Hyperparameters.LEARNING_RATE, hyperparameters.read(Hyperparameters.LEARNING_RATE,
                            args, key));
                }
            } else if ("epsilon".equals(key) && value == null && hyperparameters.takes(key)) {
                // Keras 2.0-2.1 wrote epsilon=None, meaning K.epsilon(), 1e-7.
                values.put(key, 1e-7);
            } else if (Hyperparameters.DECAY.equals(key) && !hyperparameters.takes(key)) {
                decayOfAClassWithout(className, args.number(key));
            } else if (hyperparameters.takes(key)) {
                values.put(key, hyperparameters.read(key, args, key));
            } else {
                throw unknownKey(hyperparameters, key);
            }
        }
        return hyperparameters.create(values);
    }

    /** An option keras4j does not implement, at its "off" value or refused. */
    private static void requireOff(ConfigReader args, String key) {
        boolean off = USE_EMA.equals(key) ? !args.bool(key, false)
                : !args.hasValue(key) || args.number(key) == (OFF_WHEN_NULL_OR_ONE.contains(key) ? 1 : 0);
        if (!off) {
            throw new UnsupportedOperationException(args.where() + " option " + key + "=" + args.read(key)
                    + " is not supported by keras4j");
        }
    }

    /**
     * Keras 3's and tf.keras 2.11+'s {@code InverseTimeDecay} schedule, {@code initial_learning_rate / (1 +
     * decay_rate * step / decay_steps)}, is Keras 2's decay {@code decay_rate / decay_steps}; other schedules are
     * refused.
     */
    private static void readInverseTimeDecay(Hyperparameters<?> hyperparameters, ConfigReader schedule,
            Map<String, ?> config, Map<String, Object> values) {
        String className = hyperparameters.className();
        if (!INVERSE_TIME_DECAY.equals(schedule.read("class_name")) || schedule.mapOrNull("config") == null) {
            throw new UnsupportedOperationException(className + " with a learning-rate schedule " + schedule.copy()
                    + " is not supported by keras4j (only " + INVERSE_TIME_DECAY + "); use the LearningRateScheduler "
                    + "callback");
        }
        ConfigReader settings = schedule.child("config");
        for (String key : settings.keys()) {
            if (!INVERSE_TIME_DECAY_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown " + INVERSE_TIME_DECAY + " config key '" + key
                        + "'; valid: " + String.join(", ", INVERSE_TIME_DECAY_KEYS));
            }
        }
        if (settings.bool("staircase", false)) {
            throw new UnsupportedOperationException(INVERSE_TIME_DECAY + " with staircase=true is not supported by "
                    + "keras4j");
        }
        double steps = settings.number("decay_steps");
        if (!(steps > 0)) {
            throw new IllegalArgumentException(INVERSE_TIME_DECAY + " decay_steps must be > 0, received: " + steps);
        }
        double rate = Hyperparameters.Range.AT_LEAST_ZERO.check("decay_rate", settings.number("decay_rate"));
        values.put(Hyperparameters.LEARNING_RATE, hyperparameters.read(Hyperparameters.LEARNING_RATE, settings,
                "initial_learning_rate"));
        if (!hyperparameters.takes(Hyperparameters.DECAY)) {
            decayOfAClassWithout(className, rate / steps);
            return;
        }
        if (config.containsKey(Hyperparameters.DECAY)) {
            throw new IllegalArgumentException(className + " config has both decay=" + config.get(Hyperparameters.DECAY)
                    + " and an " + INVERSE_TIME_DECAY + " learning rate, two learning-rate decays");
        }
        values.put(Hyperparameters.DECAY, hyperparameters.check(Hyperparameters.DECAY, rate / steps));
    }

    /** A learning-rate decay for a class that never had one (Nadam): 0 is no decay, anything else is refused. */
    private static void decayOfAClassWithout(String className, double decay) {
        if (decay != 0) {
            throw new UnsupportedOperationException(className + " has no learning-rate decay in any Keras; received "
                    + "decay=" + decay);
        }
    }

    private static IllegalArgumentException unknownKey(Hyperparameters<?> hyperparameters, String key) {
        List<String> valid = new ArrayList<>(BASE_KEYS);
        valid.addAll(OFF_WHEN_NULL_OR_ONE);
        valid.addAll(hyperparameters.kerasKeys());
        valid.add(LR);
        return new IllegalArgumentException("unknown " + hyperparameters.className() + " config key '" + key
                + "'; valid: " + String.join(", ", valid));
    }
}
