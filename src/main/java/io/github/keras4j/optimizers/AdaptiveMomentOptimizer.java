package io.github.keras4j.optimizers;

import java.util.Map;
import java.util.Objects;

/**
 * What Keras's {@link Adam}, {@link Adamax} and {@link Nadam} share: a learning rate, the decay rates {@code beta_1}
 * and {@code beta_2} of their first- and second-moment estimates, and the fuzz factor {@code epsilon}, with the same
 * defaults (tf.keras 2.11+ declares the same four in each of the three classes) and the same checks. Each subclass
 * brings its update rule and DL4J updater; Adam adds {@code amsgrad}.
 *
 * <p>The fluent setters return the subclass: {@code new Nadam(0.002).beta1(0.95)} is a {@code Nadam}.
 *
 * @param <T> the optimizer itself, the type the fluent setters return
 */
public abstract sealed class AdaptiveMomentOptimizer<T extends AdaptiveMomentOptimizer<T>> extends Optimizer
        permits Adam, Adamax, Nadam {

    /** Keras's default {@code learning_rate}: 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default {@code beta_1}: 0.9. */
    public static final double DEFAULT_BETA_1 = 0.9;
    /** Keras's default {@code beta_2}: 0.999. */
    public static final double DEFAULT_BETA_2 = 0.999;
    /** Keras's default {@code epsilon}: 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    AdaptiveMomentOptimizer(double learningRate, double beta1, double beta2, double epsilon, double decay) {
        super(decay);
        this.learningRate = Hyperparameters.learningRate(learningRate);
        this.beta1 = Hyperparameters.decayRate("beta_1", beta1);
        this.beta2 = Hyperparameters.decayRate("beta_2", beta2);
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
    }

    /** A new optimizer of this kind with these values and this one's other options. */
    abstract T copy(double learningRate, double beta1, double beta2, double epsilon, double decay);

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public T learningRate(double learningRate) {
        return copy(learningRate, beta1, beta2, epsilon, decay());
    }

    /** The decay rate of the first moment, in [0, 1); default 0.9. */
    public double beta1() {
        return beta1;
    }

    /** A copy with this {@code beta_1}, in [0, 1). */
    public T beta1(double beta1) {
        return copy(learningRate, beta1, beta2, epsilon, decay());
    }

    /** The decay rate of the second moment (Adamax: of the infinity norm), in [0, 1); default 0.999. */
    public double beta2() {
        return beta2;
    }

    /** A copy with this {@code beta_2}, in [0, 1). */
    public T beta2(double beta2) {
        return copy(learningRate, beta1, beta2, epsilon, decay());
    }

    /** The fuzz factor added to the step's denominator, &gt;= 0; default 1e-7. */
    public double epsilon() {
        return epsilon;
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public T epsilon(double epsilon) {
        return copy(learningRate, beta1, beta2, epsilon, decay());
    }

    /** The optimizer's own Keras config keys, in Keras's order. */
    Map<String, Object> hyperparameters() {
        return Hyperparameters.withDecay(decay(), ownConfig());
    }

    @Override
    protected Map<String, Object> ownConfig() {
        return Hyperparameters.ordered("beta_1", beta1, "beta_2", beta2, "epsilon", epsilon);
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
    public boolean equals(Object other) {
        // The class decides too: an Adamax is not a Nadam with the same numbers.
        return other instanceof AdaptiveMomentOptimizer<?> that && that.getClass() == getClass()
                && Double.compare(learningRate, that.learningRate) == 0
                && Double.compare(beta1, that.beta1) == 0 && Double.compare(beta2, that.beta2) == 0
                && Double.compare(epsilon, that.epsilon) == 0 && Double.compare(decay(), that.decay()) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, beta1, beta2, epsilon, decay());
    }

    @Override
    public String toString() {
        return Hyperparameters.describe(className(), learningRate, hyperparameters());
    }
}
