package io.github.keras4j.optimizers;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads an optimizer back from the config Keras writes ({@code {"class_name": "Adam", "config": {...}}}), the
 * inverse of {@link Optimizer#config()}. Keys of options keras4j does not offer are accepted only at their "off"
 * value, so that a config is never half applied.
 */
final class OptimizerConfigs {

    /** Base optimizer keys whose value does not change training (names, compilation, bookkeeping). */
    private static final Set<String> INERT_KEYS = Set.of("name", "ema_momentum", "ema_overwrite_frequency",
            "jit_compile", "is_legacy_optimizer");
    /** Keys of options keras4j does not implement, accepted when they are off. */
    private static final Set<String> OFF_WHEN_NULL_OR_ZERO = Set.of("weight_decay", "clipnorm", "global_clipnorm",
            "clipvalue", "decay");
    /** Keras 3 keys accepted when null or 1 (no loss scaling, no gradient accumulation). */
    private static final Set<String> OFF_WHEN_NULL_OR_ONE = Set.of("loss_scale_factor", "gradient_accumulation_steps");
    /** Standalone Keras's Nadam momentum schedule: {@code 0.96^(t * schedule_decay)}. */
    private static final String NADAM_SCHEDULE_DECAY = "schedule_decay";

    private OptimizerConfigs() {
    }

    static Optimizer fromConfig(Optimizers kind, Map<String, ?> config) {
        Optimizer optimizer = kind.create();
        if (config == null) {
            return optimizer;
        }
        optimizer = standaloneKeras(kind, optimizer, config);
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (INERT_KEYS.contains(key)) {
                continue;
            }
            if (OFF_WHEN_NULL_OR_ONE.contains(key)) {
                if (value != null && number(kind, key, value) != 1) {
                    throw new UnsupportedOperationException(optimizer.className() + " option " + key + "=" + value
                            + " is not supported by keras4j");
                }
                continue;
            }
            if ("epsilon".equals(key) && value == null) {
                // Keras 2.0-2.1 wrote epsilon=None, meaning K.epsilon(), 1e-7.
                optimizer = own(kind, optimizer, key, 1e-7);
                continue;
            }
            if (OFF_WHEN_NULL_OR_ZERO.contains(key)) {
                if (value != null && number(kind, key, value) != 0) {
                    throw new UnsupportedOperationException(optimizer.className() + " option " + key + "=" + value
                            + " is not supported by keras4j");
                }
                continue;
            }
            if ("use_ema".equals(key)) {
                if (Boolean.TRUE.equals(value)) {
                    throw new UnsupportedOperationException(optimizer.className() + " option use_ema=true is not "
                            + "supported by keras4j");
                }
                continue;
            }
            if ("learning_rate".equals(key) || "lr".equals(key)) {
                if (value instanceof Map) {
                    throw new UnsupportedOperationException(optimizer.className() + " with a learning-rate schedule "
                            + value + " is not supported by keras4j; use the LearningRateScheduler callback");
                }
                optimizer = optimizer.learningRate(number(kind, key, value));
                continue;
            }
            optimizer = own(kind, optimizer, key, value);
        }
        return optimizer;
    }

    /**
     * What the configs of standalone Keras (1.x, 2.0-2.3) mean where tf.keras's optimizers of the same name differ.
     * Their Adagrad starts its accumulator at 0 and writes {@code decay} but no {@code initial_accumulator_value};
     * their RMSprop adds
     * epsilon outside the square root (tf.keras and Keras 3 inside) and writes neither {@code momentum} nor
     * {@code centered}; their Nadam's momentum schedule decays as {@code 0.96^(0.004 t)} (tf.keras 2.11+ and
     * Keras 3: {@code 0.96^t}).
     */
    private static Optimizer standaloneKeras(Optimizers kind, Optimizer optimizer, Map<String, ?> config) {
        // Every Keras writes "decay" up to 2.10, and tf.keras and Keras 3 always write the accumulator's start; a
        // hand-written config without either means tf.keras's default.
        if (optimizer instanceof Adagrad adagrad && !config.containsKey("initial_accumulator_value")
                && config.containsKey("decay")) {
            return adagrad.initialAccumulatorValue(0.0);
        }
        if (optimizer instanceof RMSprop && !config.containsKey("centered") && !config.containsKey("momentum")) {
            throw new UnsupportedOperationException("RMSprop config " + config + " is standalone Keras's (no "
                    + "'centered' or 'momentum' key), whose update divides by sqrt(v) + epsilon; keras4j's RMSprop is "
                    + "tf.keras 2.x's and Keras 3's, sqrt(v + epsilon), so it refuses rather than train differently");
        }
        if (config.containsKey(NADAM_SCHEDULE_DECAY)) {
            throw new UnsupportedOperationException(optimizer.className() + " option " + NADAM_SCHEDULE_DECAY + "="
                    + config.get(NADAM_SCHEDULE_DECAY) + " (standalone Keras's momentum schedule 0.96^(t * "
                    + NADAM_SCHEDULE_DECAY + ")) is not supported by keras4j, whose Nadam is tf.keras 2.11+'s and "
                    + "Keras 3's (0.96^t)");
        }
        return optimizer;
    }

    /** Applies a hyperparameter that belongs to this optimizer class. */
    private static Optimizer own(Optimizers kind, Optimizer optimizer, String key, Object value) {
        if (optimizer instanceof SGD sgd) {
            switch (key) {
                case "momentum": return sgd.momentum(number(kind, key, value));
                case "nesterov": return sgd.nesterov(bool(kind, key, value));
                default: break;
            }
        } else if (optimizer instanceof AdaptiveMomentOptimizer<?> adaptive) {
            switch (key) {
                case "beta_1": return adaptive.beta1(number(kind, key, value));
                case "beta_2": return adaptive.beta2(number(kind, key, value));
                case "epsilon": return adaptive.epsilon(number(kind, key, value));
                case "amsgrad":
                    if (adaptive instanceof Adam adam) {
                        return adam.amsgrad(bool(kind, key, value));
                    }
                    break;
                default: break;
            }
        } else if (optimizer instanceof Adagrad adagrad) {
            switch (key) {
                case "initial_accumulator_value": return adagrad.initialAccumulatorValue(number(kind, key, value));
                case "epsilon": return adagrad.epsilon(number(kind, key, value));
                default: break;
            }
        } else if (optimizer instanceof Adadelta adadelta) {
            switch (key) {
                case "rho": return adadelta.rho(number(kind, key, value));
                case "epsilon": return adadelta.epsilon(number(kind, key, value));
                default: break;
            }
        } else if (optimizer instanceof RMSprop rmsprop) {
            switch (key) {
                case "rho": return rmsprop.rho(number(kind, key, value));
                case "momentum": return rmsprop.momentum(number(kind, key, value));
                case "epsilon": return rmsprop.epsilon(number(kind, key, value));
                case "centered": return rmsprop.centered(bool(kind, key, value));
                default: break;
            }
        }
        Set<String> valid = new LinkedHashSet<>(optimizer.config().keySet());
        valid.add("lr");
        throw new IllegalArgumentException("unknown " + optimizer.className() + " config key '" + key + "'; valid: "
                + String.join(", ", valid));
    }

    private static double number(Optimizers kind, String key, Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(kind.kerasName() + " config key " + key + " must be a number, received: "
                + value);
    }

    private static boolean bool(Optimizers kind, String key, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new IllegalArgumentException(kind.kerasName() + " config key " + key + " must be true or false, "
                + "received: " + value);
    }
}
