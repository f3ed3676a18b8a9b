package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.Hyperparameters.Range;
import io.github.keras4j.optimizers.dl4j.KerasAdagrad;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Adagrad, Keras's {@code keras.optimizers.Adagrad} (tf.keras 2.11+).
 * <pre>
 * accumulator = accumulator + g^2                (starting at initial_accumulator_value)
 * w = w - learning_rate * g / sqrt(accumulator + epsilon)
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.001, {@code initial_accumulator_value} 0.1, {@code epsilon} 1e-7
 * (DL4J's own AdaGrad: learning rate 0.1, accumulator starting at epsilon 1e-6, epsilon outside the root). Keras 1/2's
 * learning-rate {@code decay}: see {@link TimeBasedDecay}. Standalone Keras's Adagrad starts its accumulator at 0 and
 * writes no {@code initial_accumulator_value}: a config with {@code decay} (which only older Keras write) and without
 * it is read as {@code initialAccumulatorValue(0.0)}.
 * <pre>{@code new Adagrad()            new Adagrad(0.01).initialAccumulatorValue(0.0)}</pre>
 * In DL4J this is {@link KerasAdagrad}.
 */
public final class Adagrad extends FluentOptimizer<Adagrad> implements TimeBasedDecay<Adagrad> {

    /** Keras's default {@code learning_rate}: 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default {@code initial_accumulator_value}: 0.1. */
    public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0.1;
    /** Keras's default {@code epsilon}: 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;
    private static final String INITIAL_ACCUMULATOR_VALUE = "initial_accumulator_value";

    static final Hyperparameters<Adagrad> HYPERPARAMETERS = Hyperparameters.of("Adagrad", DEFAULT_LEARNING_RATE,
                    Adagrad::new)
            .timeBasedDecay()
            .number(INITIAL_ACCUMULATOR_VALUE, DEFAULT_INITIAL_ACCUMULATOR_VALUE, Range.AT_LEAST_ZERO)
            .number("epsilon", DEFAULT_EPSILON, Range.AT_LEAST_ZERO)
            .olderKerasReading(config -> {
                // A hand-written config without "decay" means tf.keras's defaults.
                if (config.containsKey(Hyperparameters.DECAY) && !config.containsKey(INITIAL_ACCUMULATOR_VALUE)) {
                    config.put(INITIAL_ACCUMULATOR_VALUE, 0.0);
                }
                return config;
            });

    /** Adagrad with Keras's defaults. */
    public Adagrad() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adagrad with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Adagrad(double learningRate) {
        super(HYPERPARAMETERS, learningRate);
    }

    private Adagrad(Map<String, Object> values) {
        super(HYPERPARAMETERS, values);
    }

    /** The accumulators' starting value, &gt;= 0; default 0.1. */
    public double initialAccumulatorValue() {
        return number(INITIAL_ACCUMULATOR_VALUE);
    }

    /** A copy with this {@code initial_accumulator_value}, &gt;= 0. */
    public Adagrad initialAccumulatorValue(double initialAccumulatorValue) {
        return with(INITIAL_ACCUMULATOR_VALUE, initialAccumulatorValue);
    }

    /** The fuzz factor added under the square root, &gt;= 0; default 1e-7. */
    public double epsilon() {
        return number("epsilon");
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public Adagrad epsilon(double epsilon) {
        return with("epsilon", epsilon);
    }

    /** Keras 3's {@code accumulator}, which {@link KerasAdagrad}'s state holds plus an offset. */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        KerasAdagrad dl4j = (KerasAdagrad) fixedRateUpdater();
        return List.of(List.of(new KerasSlot("accumulator", 0, dl4j.accumulatorOffset())));
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        return new KerasAdagrad(learningRate(), initialAccumulatorValue(), epsilon());
    }
}
