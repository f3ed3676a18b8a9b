package io.github.keras4j.optimizers;

import io.github.keras4j.internal.ConfigReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What one Keras optimizer class takes: each hyperparameter's Keras name, default and check, in the order Keras writes
 * them ({@code learning_rate} first), which Keras has its key, and for a rule Keras 3 lacks what Keras 3 computes
 * instead. The one description behind the class's fluent setters, its Keras configs in and out (tf.keras 2.11+'s,
 * tf.keras 2.0-2.10's, Keras 3's and the portable one, {@link OptimizerConfigs}), its {@code equals},
 * {@code hashCode} and {@code toString}; the class's DL4J updater and its Keras 3 slots read the values through the
 * class's getters. Built once per class, as a constant:
 * <pre>{@code
 * static final Hyperparameters<SGD> HYPERPARAMETERS = Hyperparameters.of("SGD", 0.01, SGD::new)
 *         .timeBasedDecay()
 *         .number("momentum", 0.0, Range.UNIT_INTERVAL)
 *         .flag("nesterov", false);
 * }</pre>
 *
 * @param <T> the optimizer class described
 */
final class Hyperparameters<T extends FluentOptimizer<T>> {

    static final String LEARNING_RATE = "learning_rate";
    static final String DECAY = "decay";

    /** Which Keras configs hold a hyperparameter's key. */
    enum KerasKey {
        /** tf.keras 2.11+'s and Keras 3's key, which older Keras write too. */
        CURRENT,
        /**
         * A key only older Keras (standalone, tf.keras 2.0-2.10) have ({@code decay}, Nadam's {@code schedule_decay}):
         * another value than the default is written in tf.keras 2.0-2.10's config. Keras 3 cannot compute such a value
         * (but the decay, which it computes as its {@code InverseTimeDecay} schedule).
         */
        OLDER,
        /**
         * keras4j's name for a rule that older Keras imply by the config's layout, not by a key (RMSprop's epsilon
         * outside the square root): never written, refused in a config, set by the class's reading of older configs.
         * Keras 3 cannot compute another value than the default.
         */
        NONE
    }

    /** The values a number may take, as the error message names them. */
    record Range(DoublePredicate valid, String requirement) {
        /** Any finite number {@code >= 0}, as learning rates, epsilons and accumulators. */
        static final Range AT_LEAST_ZERO = new Range(value -> value >= 0 && value != Double.POSITIVE_INFINITY,
                "a number >= 0");
        /** Momentum and running-average factors. */
        static final Range UNIT_INTERVAL = new Range(value -> value >= 0 && value <= 1, "in [0, 1]");
        /** Adam's decay rates: beta = 1 divides by zero in the bias correction. */
        static final Range BELOW_ONE = new Range(value -> value >= 0 && value < 1, "in [0, 1)");

        double check(String key, double value) {
            if (!valid.test(value)) {
                throw new IllegalArgumentException(key + " must be " + requirement + ", received: " + value);
            }
            return value;
        }
    }

    /**
     * One hyperparameter; a null range marks a true/false flag. {@code keras3Instead} says what Keras 3 computes instead
     * of another value than the default (null when Keras 3 computes every value).
     */
    private record Hyperparameter(String key, Object defaultValue, Range range, KerasKey kerasKey, String keras3Instead) {

        /** The value as the optimizer keeps it (a double or a boolean), or an error naming key and value. */
        Object check(Object value) {
            if (range == null) {
                return (Boolean) value;
            }
            return range.check(key, (Double) value);
        }

        /** The value under {@code key} of a Keras config: a JSON number or boolean, checked. */
        Object read(ConfigReader config, String key) {
            return check(range == null ? (Object) config.bool(key) : (Object) config.number(key));
        }

        boolean isDefault(Object value) {
            return defaultValue.equals(value);
        }
    }

    private final String className;
    private final Function<Map<String, Object>, T> factory;
    private Map<String, Hyperparameter> hyperparameters = new LinkedHashMap<>();
    private Integer emaOverwriteFrequency;
    private Predicate<T> olderKerasConfig = this::hasOlderKerasValue;
    private UnaryOperator<Map<String, Object>> olderKerasReading = UnaryOperator.identity();

    private Hyperparameters(String className, double defaultLearningRate, Function<Map<String, Object>, T> factory) {
        this.className = className;
        this.factory = factory;
        number(LEARNING_RATE, defaultLearningRate, Range.AT_LEAST_ZERO);
    }

    /**
     * A Keras optimizer class, its default {@code learning_rate} (any finite number {@code >= 0}: Keras takes any
     * float, 0 freezes the weights of an optimizer without momentum; negative, NaN and infinite rates are refused, the
     * one place keras4j is stricter) and the class's constructor from checked values.
     */
    static <T extends FluentOptimizer<T>> Hyperparameters<T> of(String className, double defaultLearningRate,
            Function<Map<String, Object>, T> factory) {
        return new Hyperparameters<>(className, defaultLearningRate, factory);
    }

    /** A number in {@code range}, under a key of every Keras. */
    Hyperparameters<T> number(String key, double defaultValue, Range range) {
        return add(new Hyperparameter(key, defaultValue, range, KerasKey.CURRENT, null));
    }

    /**
     * A number in {@code range} for a rule only older Keras computed ({@code kerasKey} {@link KerasKey#OLDER} or
     * {@link KerasKey#NONE}); {@code keras3Instead} says what Keras 3 computes instead, for the error that refuses to
     * write another value as a Keras 3 optimizer.
     */
    Hyperparameters<T> number(String key, double defaultValue, Range range, KerasKey kerasKey, String keras3Instead) {
        return add(new Hyperparameter(key, defaultValue, range, olderRule(kerasKey), keras3Instead));
    }

    /** A true/false option, under a key of every Keras. */
    Hyperparameters<T> flag(String key, boolean defaultValue) {
        return add(new Hyperparameter(key, defaultValue, null, KerasKey.CURRENT, null));
    }

    /** A true/false option for a rule only older Keras computed, described as such a number is. */
    Hyperparameters<T> flag(String key, boolean defaultValue, KerasKey kerasKey, String keras3Instead) {
        return add(new Hyperparameter(key, defaultValue, null, olderRule(kerasKey), keras3Instead));
    }

    private static KerasKey olderRule(KerasKey kerasKey) {
        if (kerasKey == KerasKey.CURRENT) {
            throw new IllegalArgumentException("a key of every Keras is computed by Keras 3 too");
        }
        return kerasKey;
    }

    /**
     * Keras 1/2's and tf.keras 2.0-2.10's {@code decay}, {@code >= 0}, default 0 (off); older Keras write it right
     * after {@code learning_rate}, and so it is kept there whenever it is declared. The class implements
     * {@link TimeBasedDecay} for its setter.
     */
    Hyperparameters<T> timeBasedDecay() {
        Map<String, Hyperparameter> reordered = new LinkedHashMap<>();
        reordered.put(LEARNING_RATE, hyperparameters.remove(LEARNING_RATE));
        // Keras 3 computes every decay, as its InverseTimeDecay learning-rate schedule.
        reordered.put(DECAY, new Hyperparameter(DECAY, 0.0, Range.AT_LEAST_ZERO, KerasKey.OLDER, null));
        reordered.putAll(hyperparameters);
        hyperparameters = reordered;
        return this;
    }

    /** Keras's default {@code ema_overwrite_frequency} for the class when not None (RMSprop's is 100). */
    Hyperparameters<T> emaOverwriteFrequency(int frequency) {
        emaOverwriteFrequency = frequency;
        return this;
    }

    /**
     * When the config must be tf.keras 2.0-2.10's; by default, when a hyperparameter that only older Keras have
     * ({@link KerasKey#OLDER}, {@link KerasKey#NONE}) is not at its default. Otherwise tf.keras 2.11+'s, which writes a
     * decay as its {@code InverseTimeDecay} learning-rate schedule.
     */
    Hyperparameters<T> olderKerasConfigWhen(Predicate<T> olderKerasConfig) {
        this.olderKerasConfig = olderKerasConfig;
        return this;
    }

    /**
     * How the class reads the configs of older Keras where tf.keras 2.11+'s class of the same name computes something
     * else: the config rewritten in this description's keys (it may set {@link KerasKey#NONE} keys).
     */
    Hyperparameters<T> olderKerasReading(UnaryOperator<Map<String, Object>> olderKerasReading) {
        this.olderKerasReading = olderKerasReading;
        return this;
    }

    private Hyperparameters<T> add(Hyperparameter hyperparameter) {
        hyperparameters.put(hyperparameter.key(), hyperparameter);
        return this;
    }

    String className() {
        return className;
    }

    Integer emaOverwriteFrequency() {
        return emaOverwriteFrequency;
    }

    boolean takes(String key) {
        return hyperparameters.containsKey(key);
    }

    /** The hyperparameters' defaults, with this learning rate. */
    Map<String, Object> defaults(double learningRate) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Hyperparameter hyperparameter : hyperparameters.values()) {
            values.put(hyperparameter.key(), hyperparameter.defaultValue());
        }
        values.put(LEARNING_RATE, check(LEARNING_RATE, learningRate));
        return values;
    }

    /** The value as the optimizer keeps it (doubles, booleans), or an error naming key and value. */
    Object check(String key, Object value) {
        return known(key).check(value);
    }

    /**
     * The value of hyperparameter {@code key} under {@code configKey} of a Keras config ({@code lr} for the
     * learning rate in Keras 1/2): a type error names the class, the key and the value.
     */
    Object read(String key, ConfigReader config, String configKey) {
        return known(key).read(config, configKey);
    }

    private Hyperparameter known(String key) {
        Hyperparameter hyperparameter = hyperparameters.get(key);
        if (hyperparameter == null) {
            throw new IllegalArgumentException(className + " does not take '" + key + "'; valid: "
                    + String.join(", ", hyperparameters.keySet()));
        }
        return hyperparameter;
    }

    /** The keys a Keras config of this class may hold for its hyperparameters, in Keras's order. */
    List<String> kerasKeys() {
        List<String> keys = new ArrayList<>();
        hyperparameters.values().stream().filter(hyperparameter -> hyperparameter.kerasKey() != KerasKey.NONE)
                .forEach(hyperparameter -> keys.add(hyperparameter.key()));
        return keys;
    }

    boolean isKeras4jOnly(String key) {
        Hyperparameter hyperparameter = hyperparameters.get(key);
        return hyperparameter != null && hyperparameter.kerasKey() == KerasKey.NONE;
    }

    /** A new optimizer of the class with these values (the class checks how they combine). */
    T create(Map<String, Object> values) {
        return factory.apply(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    Map<String, Object> readingOlderKeras(Map<String, Object> config) {
        return olderKerasReading.apply(config);
    }

    /** Whether the config of this optimizer, one of the class described, is tf.keras 2.0-2.10's. */
    @SuppressWarnings("unchecked")
    boolean writesOlderKerasConfig(Optimizer optimizer) {
        return olderKerasConfig.test((T) optimizer);
    }

    private boolean hasOlderKerasValue(T optimizer) {
        return hyperparameters.values().stream().anyMatch(hyperparameter -> hyperparameter.kerasKey()
                != KerasKey.CURRENT && !hyperparameter.isDefault(optimizer.values().get(hyperparameter.key())));
    }

    /**
     * What Keras 3 cannot compute about this optimizer, one of the class described: the first hyperparameter of a rule
     * only older Keras had at another value than its default, with what Keras 3 computes instead
     * ({@code schedule_decay 0.004 (Keras 3's Nadam computes ...)}); null when Keras 3 computes it all.
     */
    String keras3Obstacle(Optimizer optimizer) {
        for (Hyperparameter hyperparameter : hyperparameters.values()) {
            Object value = optimizer.values().get(hyperparameter.key());
            if (hyperparameter.keras3Instead() != null && !hyperparameter.isDefault(value)) {
                return hyperparameter.key() + " " + value + " (" + hyperparameter.keras3Instead() + ")";
            }
        }
        return null;
    }

    /**
     * The hyperparameters a config of this kind holds, in Keras's order: tf.keras 2.0-2.10's ({@code olderKeras}) all
     * that have a Keras key, tf.keras 2.11+'s and Keras 3's those of {@link KerasKey#CURRENT}, after refusing to drop a
     * value that only an older config can hold (the decay, which they write as a learning-rate schedule, aside).
     */
    Map<String, Object> kerasValues(Optimizer optimizer, boolean olderKeras) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Hyperparameter hyperparameter : hyperparameters.values()) {
            Object value = optimizer.values().get(hyperparameter.key());
            KerasKey kerasKey = hyperparameter.kerasKey();
            if (kerasKey == KerasKey.CURRENT || olderKeras && kerasKey == KerasKey.OLDER) {
                values.put(hyperparameter.key(), value);
            } else if (!olderKeras && !hyperparameter.isDefault(value) && hyperparameter.keras3Instead() != null) {
                throw new IllegalStateException(className + "'s tf.keras 2.11+ config has no key for "
                        + hyperparameter.key() + "=" + value + "; its olderKerasConfigWhen must say so");
            }
        }
        return values;
    }

    /**
     * {@code Adam(learning_rate=0.001, beta_1=0.9, ...)}: every hyperparameter of every Keras, and those of older Keras
     * and keras4j's own when they are not at their default.
     */
    String describe(Optimizer optimizer) {
        StringBuilder text = new StringBuilder(className).append('(');
        String separator = "";
        for (Hyperparameter hyperparameter : hyperparameters.values()) {
            Object value = optimizer.values().get(hyperparameter.key());
            if (hyperparameter.kerasKey() == KerasKey.CURRENT || !hyperparameter.isDefault(value)) {
                text.append(separator).append(hyperparameter.key()).append('=').append(value);
                separator = ", ";
            }
        }
        return text.append(')').toString();
    }
}
