package io.github.keras4j.optimizers;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Adam, Keras's {@code keras.optimizers.Adam} (tf.keras 2.11+).
 * <pre>
 * m = beta_1 * m + (1 - beta_1) * g
 * v = beta_2 * v + (1 - beta_2) * g^2
 * v_hat = max(v_hat, v)                        (amsgrad only; then v_hat replaces v below)
 * w = w - learning_rate * sqrt(1 - beta_2^t) / (1 - beta_1^t) * m / (sqrt(v) + epsilon)
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.001, {@code beta_1} 0.9, {@code beta_2} 0.999, {@code epsilon} 1e-7
 * (DL4J's own default is 1e-8), {@code amsgrad} false.
 * <pre>{@code new Adam()            new Adam(0.01).beta2(0.99).amsgrad(true)}</pre>
 * In DL4J this is ND4J's {@link org.nd4j.linalg.learning.config.Adam} or {@link AMSGrad}, whose kernels compute
 * Keras's rule.
 */
public final class Adam extends Optimizer {

    /** Keras's default {@code learning_rate}: 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default {@code beta_1}: 0.9. */
    public static final double DEFAULT_BETA_1 = 0.9;
    /** Keras's default {@code beta_2}: 0.999. */
    public static final double DEFAULT_BETA_2 = 0.999;
    /** Keras's default {@code epsilon}: 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** Keras's default {@code amsgrad}: false. */
    public static final boolean DEFAULT_AMSGRAD = false;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;

    /** Adam with Keras's defaults. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adam with this learning rate (&gt; 0) and Keras's other defaults. */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON, DEFAULT_AMSGRAD);
    }

    private Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        this.learningRate = Hyperparameters.positive("learning_rate", learningRate);
        this.beta1 = Hyperparameters.decayRate("beta_1", beta1);
        this.beta2 = Hyperparameters.decayRate("beta_2", beta2);
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
        this.amsgrad = amsgrad;
    }

    @Override
    public String className() {
        return "Adam";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public Adam learningRate(double learningRate) {
        return new Adam(learningRate, beta1, beta2, epsilon, amsgrad);
    }

    /** The decay rate of the first moment, in [0, 1); default 0.9. */
    public double beta1() {
        return beta1;
    }

    /** A copy with this {@code beta_1}, in [0, 1). */
    public Adam beta1(double beta1) {
        return new Adam(learningRate, beta1, beta2, epsilon, amsgrad);
    }

    /** The decay rate of the second moment, in [0, 1); default 0.999. */
    public double beta2() {
        return beta2;
    }

    /** A copy with this {@code beta_2}, in [0, 1). */
    public Adam beta2(double beta2) {
        return new Adam(learningRate, beta1, beta2, epsilon, amsgrad);
    }

    /** The fuzz factor added to sqrt(v), &gt;= 0; default 1e-7. */
    public double epsilon() {
        return epsilon;
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public Adam epsilon(double epsilon) {
        return new Adam(learningRate, beta1, beta2, epsilon, amsgrad);
    }

    /** Whether the AMSGrad variant is used; default false. */
    public boolean amsgrad() {
        return amsgrad;
    }

    /** A copy with the AMSGrad variant on or off. */
    public Adam amsgrad(boolean amsgrad) {
        return new Adam(learningRate, beta1, beta2, epsilon, amsgrad);
    }

    private Map<String, Object> hyperparameters() {
        return Hyperparameters.ordered("beta_1", beta1, "beta_2", beta2, "epsilon", epsilon, "amsgrad", amsgrad);
    }

    @Override
    public Map<String, Object> config() {
        return Hyperparameters.kerasConfig(className(), null, learningRate, hyperparameters());
    }

    @Override
    public IUpdater toDl4j() {
        if (amsgrad) {
            return new AMSGrad(learningRate, beta1, beta2, epsilon);
        }
        return new org.nd4j.linalg.learning.config.Adam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Adam that && Double.compare(learningRate, that.learningRate) == 0
                && Double.compare(beta1, that.beta1) == 0 && Double.compare(beta2, that.beta2) == 0
                && Double.compare(epsilon, that.epsilon) == 0 && amsgrad == that.amsgrad;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, beta1, beta2, epsilon, amsgrad);
    }

    @Override
    public String toString() {
        return Hyperparameters.describe(className(), learningRate, hyperparameters());
    }
}
