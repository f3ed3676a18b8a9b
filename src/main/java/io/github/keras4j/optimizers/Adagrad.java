package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.dl4j.KerasAdagrad;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Adagrad, Keras's {@code keras.optimizers.Adagrad} (tf.keras 2.11+).
 * <pre>
 * accumulator = accumulator + g^2                (starting at initial_accumulator_value)
 * w = w - learning_rate * g / sqrt(accumulator + epsilon)
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.001, {@code initial_accumulator_value} 0.1, {@code epsilon} 1e-7
 * (DL4J's own AdaGrad: learning rate 0.1, accumulator starting at epsilon 1e-6, epsilon outside the root).
 * <pre>{@code new Adagrad()            new Adagrad(0.01).initialAccumulatorValue(0.0)}</pre>
 * In DL4J this is {@link KerasAdagrad}.
 */
public final class Adagrad extends Optimizer {

    /** Keras's default {@code learning_rate}: 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default {@code initial_accumulator_value}: 0.1. */
    public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0.1;
    /** Keras's default {@code epsilon}: 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double learningRate;
    private final double initialAccumulatorValue;
    private final double epsilon;

    /** Adagrad with Keras's defaults. */
    public Adagrad() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adagrad with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Adagrad(double learningRate) {
        this(learningRate, DEFAULT_INITIAL_ACCUMULATOR_VALUE, DEFAULT_EPSILON, 0.0);
    }

    private Adagrad(double learningRate, double initialAccumulatorValue, double epsilon, double decay) {
        super(decay);
        this.learningRate = Hyperparameters.learningRate(learningRate);
        this.initialAccumulatorValue = Hyperparameters.nonNegative("initial_accumulator_value",
                initialAccumulatorValue);
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
    }

    @Override
    public String className() {
        return "Adagrad";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public Adagrad learningRate(double learningRate) {
        return new Adagrad(learningRate, initialAccumulatorValue, epsilon, decay());
    }

    /** The accumulators' starting value, &gt;= 0; default 0.1. */
    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    /** A copy with this {@code initial_accumulator_value}, &gt;= 0. */
    public Adagrad initialAccumulatorValue(double initialAccumulatorValue) {
        return new Adagrad(learningRate, initialAccumulatorValue, epsilon, decay());
    }

    /** The fuzz factor added under the square root, &gt;= 0; default 1e-7. */
    public double epsilon() {
        return epsilon;
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public Adagrad epsilon(double epsilon) {
        return new Adagrad(learningRate, initialAccumulatorValue, epsilon, decay());
    }

    /**
     * A copy with Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate {@code decay}, &gt;= 0 (0 = off): the
     * update after {@code t} updates uses {@code learning_rate / (1 + decay * t)}, see {@link Optimizer#decay()}.
     * Keras 3 and tf.keras 2.11+ dropped it in favour of schedules. With decay, {@link #config()} is tf.keras
     * 2.0-2.10's, which writes {@code decay}.
     */
    public Adagrad decay(double decay) {
        return new Adagrad(learningRate, initialAccumulatorValue, epsilon, decay);
    }

    private Map<String, Object> hyperparameters() {
        return Hyperparameters.withDecay(decay(), ownConfig());
    }

    @Override
    protected Map<String, Object> ownConfig() {
        return Hyperparameters.ordered("initial_accumulator_value", initialAccumulatorValue, "epsilon", epsilon);
    }

    /** Keras 3's {@code accumulator}, which {@link KerasAdagrad}'s state holds plus an offset. */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        KerasAdagrad dl4j = (KerasAdagrad) fixedRateUpdater();
        return List.of(List.of(new KerasSlot("accumulator", 0, dl4j.accumulatorOffset())));
    }

    /** tf.keras 2.11+'s config; with decay, which it has no key for, tf.keras 2.0-2.10's. */
    @Override
    public Map<String, Object> config() {
        if (decay() > 0) {
            return Hyperparameters.legacyConfig(className(), learningRate, hyperparameters());
        }
        return Hyperparameters.kerasConfig(className(), null, learningRate, hyperparameters());
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        return new KerasAdagrad(learningRate, initialAccumulatorValue, epsilon);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Adagrad that && Double.compare(learningRate, that.learningRate) == 0
                && Double.compare(initialAccumulatorValue, that.initialAccumulatorValue) == 0
                && Double.compare(epsilon, that.epsilon) == 0 && Double.compare(decay(), that.decay()) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, initialAccumulatorValue, epsilon, decay());
    }

    @Override
    public String toString() {
        return Hyperparameters.describe(className(), learningRate, hyperparameters());
    }
}
