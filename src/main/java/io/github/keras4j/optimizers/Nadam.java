package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.dl4j.KerasNadam;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Nadam, Adam with Nesterov momentum, Keras's {@code keras.optimizers.Nadam} (tf.keras 2.11+).
 * <pre>
 * u_t = beta_1 * (1 - 0.5 * 0.96^t),   U_t = u_1 * ... * u_t
 * m = beta_1 * m + (1 - beta_1) * g
 * v = beta_2 * v + (1 - beta_2) * g^2
 * m_hat = u_{t+1} * m / (1 - U_{t+1}) + (1 - u_t) * g / (1 - U_t)
 * w = w - learning_rate * m_hat / (sqrt(v / (1 - beta_2^t)) + epsilon)
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.001, {@code beta_1} 0.9, {@code beta_2} 0.999, {@code epsilon} 1e-7.
 * <pre>{@code new Nadam()            new Nadam(0.002).beta1(0.95)}</pre>
 * ND4J's own {@code Nadam} has neither this momentum schedule nor the
 * correction of v, so this is {@link KerasNadam}.
 */
public final class Nadam extends Optimizer {

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

    /** Nadam with Keras's defaults. */
    public Nadam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Nadam with this learning rate (&gt; 0) and Keras's other defaults. */
    public Nadam(double learningRate) {
        this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON);
    }

    private Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = Hyperparameters.positive("learning_rate", learningRate);
        this.beta1 = Hyperparameters.decayRate("beta_1", beta1);
        this.beta2 = Hyperparameters.decayRate("beta_2", beta2);
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
    }

    @Override
    public String className() {
        return "Nadam";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public Nadam learningRate(double learningRate) {
        return new Nadam(learningRate, beta1, beta2, epsilon);
    }

    /** The decay rate of the first moment, in [0, 1); default 0.9. */
    public double beta1() {
        return beta1;
    }

    /** A copy with this {@code beta_1}, in [0, 1). */
    public Nadam beta1(double beta1) {
        return new Nadam(learningRate, beta1, beta2, epsilon);
    }

    /** The decay rate of the second moment, in [0, 1); default 0.999. */
    public double beta2() {
        return beta2;
    }

    /** A copy with this {@code beta_2}, in [0, 1). */
    public Nadam beta2(double beta2) {
        return new Nadam(learningRate, beta1, beta2, epsilon);
    }

    /** The fuzz factor, &gt;= 0; default 1e-7. */
    public double epsilon() {
        return epsilon;
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public Nadam epsilon(double epsilon) {
        return new Nadam(learningRate, beta1, beta2, epsilon);
    }

    private Map<String, Object> hyperparameters() {
        return Hyperparameters.ordered("beta_1", beta1, "beta_2", beta2, "epsilon", epsilon);
    }

    @Override
    public Map<String, Object> config() {
        return Hyperparameters.kerasConfig(className(), null, learningRate, hyperparameters());
    }

    @Override
    public IUpdater toDl4j() {
        return new KerasNadam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Nadam that && Double.compare(learningRate, that.learningRate) == 0
                && Double.compare(beta1, that.beta1) == 0 && Double.compare(beta2, that.beta2) == 0
                && Double.compare(epsilon, that.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return Hyperparameters.describe(className(), learningRate, hyperparameters());
    }
}
