package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.dl4j.KerasNadam;
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
 * Defaults as Keras: {@code learning_rate} 0.001, {@code beta_1} 0.9, {@code beta_2} 0.999, {@code epsilon} 1e-7
 * (the constants and the options are those Nadam shares with Adam and Adamax, see {@link AdaptiveMomentOptimizer}).
 * <pre>{@code new Nadam()            new Nadam(0.002).beta1(0.95)}</pre>
 * ND4J's own {@code Nadam} has neither this momentum schedule nor the
 * correction of v, so this is {@link KerasNadam}.
 */
public final class Nadam extends AdaptiveMomentOptimizer<Nadam> {

    /** Nadam with Keras's defaults. */
    public Nadam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Nadam with this learning rate (&gt; 0) and Keras's other defaults. */
    public Nadam(double learningRate) {
        this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON);
    }

    private Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    Nadam copy(double learningRate, double beta1, double beta2, double epsilon) {
        return new Nadam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public String className() {
        return "Nadam";
    }

    @Override
    public IUpdater toDl4j() {
        return new KerasNadam(learningRate(), beta1(), beta2(), epsilon());
    }
}
