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
            "clipvalue");
    /** Keras 3 keys accepted when null or 1 (no loss scaling, no gradient accumulation). */
    private static final Set<String> OFF_WHEN_NULL_OR_ONE = Set.of("loss_scale_factor", "gradient_accumulation_steps");
    /** Standalone Keras's Nadam momentum schedule: {@code 0.96^(t * schedule_decay)}. */
    private static final String NADAM_SCHEDULE_DECAY = "schedule_decay";
    /** The keys of Nadam's schedule, standalone Keras's and tf.keras 2.0-2.10's, read by {@link #olderKeras}. */
    private static final Set<String> NADAM_SCHEDULE_KEYS = Set.of(NADAM_SCHEDULE_DECAY, "decay");

    private OptimizerConfigs() {
    }

    static Optimizer fromConfig(Optimizers kind, Map<String, ?> config) {
        Optimizer optimizer = kind.create();
        if (config == null) {
            return optimizer;
        }
        optimizer = olderKeras(kind, optimizer, config);
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (INERT_KEYS.contains(key) || optimizer instanceof Nadam && NADAM_SCHEDULE_KEYS.contains(key)) {
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
            if ("decay".equals(key)) {
                optimizer = withDecay(kind, optimizer, number(kind, key, value));
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
                if (value instanceof Map<?, ?> schedule) {
                    optimizer = inverseTimeDecay(kind, optimizer, schedule);
                    continue;
                }
                optimizer = optimizer.learningRate(number(kind, key, value));
                continue;
            }
            optimizer = own(kind, optimizer, key, value);
        }
        return optimizer;
    }

    /**
     * What the configs of older Keras (standalone 1.x and 2.0-2.3; tf.keras 2.0-2.10 and its legacy optimizers to
     * 2.15) mean where tf.keras 2.11+'s optimizers of the same name differ. All of them write {@code decay}, which
     * tf.keras 2.11+ and Keras 3 never write.
     * <ul>
     * <li>Standalone Keras's Adagrad starts its accumulator at 0 and writes no {@code initial_accumulator_value}.
     * <li>Their RMSprop adds epsilon outside the square root, standalone Keras always, tf.keras 2.0-2.10 when its
     *     momentum is 0 (else TF's kernel adds it inside). Keras 1.0-1.1 wrote neither {@code decay} nor
     *     {@code momentum} nor {@code centered}.
     * <li>Their Nadam's momentum schedule is {@code 0.96^(t * schedule_decay)}, 0.004 by default, which standalone
     *     Keras writes as {@code schedule_decay} and tf.keras 2.0-2.10 as {@code decay}.
     * </ul>
     */
    private static Optimizer olderKeras(Optimizers kind, Optimizer optimizer, Map<String, ?> config) {
        // A hand-written config without "decay" means tf.keras's defaults.
        if (optimizer instanceof Adagrad adagrad && !config.containsKey("initial_accumulator_value")
                && config.containsKey("decay")) {
            return adagrad.initialAccumulatorValue(0.0);
        }
        if (optimizer instanceof RMSprop rmsprop && (config.containsKey("decay")
                || !config.containsKey("centered") && !config.containsKey("momentum"))) {
            Object momentum = config.get("momentum");
            return momentum == null || number(kind, "momentum", momentum) == 0
                    ? rmsprop.epsilonOutsideSqrt(true) : rmsprop;
        }
        if (optimizer instanceof Nadam nadam) {
            if (config.containsKey(NADAM_SCHEDULE_DECAY) && config.containsKey("decay")) {
                throw new IllegalArgumentException("Nadam config " + config + " has both " + NADAM_SCHEDULE_DECAY
                        + " (standalone Keras) and decay (tf.keras 2.0-2.10), two names for its momentum schedule");
            }
            String key = config.containsKey(NADAM_SCHEDULE_DECAY) ? NADAM_SCHEDULE_DECAY : "decay";
            if (config.containsKey(key)) {
                return nadam.scheduleDecay(number(kind, key, config.get(key)));
            }
        }
        return optimizer;
    }

    /** Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate decay, which Nadam never had. */
    private static Optimizer withDecay(Optimizers kind, Optimizer optimizer, double decay) {
        if (decay == 0) {
            return optimizer;
        }
        if (optimizer instanceof SGD sgd) {
            return sgd.decay(decay);
        } else if (optimizer instanceof RMSprop rmsprop) {
            return rmsprop.decay(decay);
        } else if (optimizer instanceof Adagrad adagrad) {
            return adagrad.decay(decay);
        } else if (optimizer instanceof Adadelta adadelta) {
            return adadelta.decay(decay);
        } else if (optimizer instanceof Adam adam) {
            return adam.decay(decay);
        } else if (optimizer instanceof Adamax adamax) {
            return adamax.decay(decay);
        }
        throw new UnsupportedOperationException(optimizer.className() + " has no learning-rate decay in any Keras; "
                + "received decay=" + decay);
    }

    /**
     * Keras 3's and tf.keras 2.11+'s {@code InverseTimeDecay} schedule, {@code initial_learning_rate / (1 +
     * decay_rate * step / decay_steps)}, is Keras 2's decay {@code decay_rate / decay_steps}; other schedules are
     * refused.
     */
    private static Optimizer inverseTimeDecay(Optimizers kind, Optimizer optimizer, Map<?, ?> schedule) {
        Object config = schedule.get("config");
        if (!Hyperparameters.INVERSE_TIME_DECAY.equals(schedule.get("class_name"))
                || !(config instanceof Map<?, ?> settings)) {
            throw new UnsupportedOperationException(optimizer.className() + " with a learning-rate schedule "
                    + schedule + " is not supported by keras4j (only " + Hyperparameters.INVERSE_TIME_DECAY
                    + "); use the LearningRateScheduler callback");
        }
        Set<String> known = Set.of("initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name");
        for (Object key : settings.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown " + Hyperparameters.INVERSE_TIME_DECAY + " config key '"
                        + key + "'; valid: " + String.join(", ", known));
            }
        }
        if (Boolean.TRUE.equals(settings.get("staircase"))) {
            throw new UnsupportedOperationException(Hyperparameters.INVERSE_TIME_DECAY + " with staircase=true is "
                    + "not supported by keras4j");
        }
        double steps = number(kind, "decay_steps", settings.get("decay_steps"));
        if (!(steps > 0)) {
            throw new IllegalArgumentException(Hyperparameters.INVERSE_TIME_DECAY + " decay_steps must be > 0, "
                    + "received: " + steps);
        }
        double rate = number(kind, "decay_rate", settings.get("decay_rate"));
        Optimizer atRate = optimizer.learningRate(number(kind, "initial_learning_rate",
                settings.get("initial_learning_rate")));
        return withDecay(kind, atRate, Hyperparameters.nonNegative("decay_rate", rate) / steps);
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
