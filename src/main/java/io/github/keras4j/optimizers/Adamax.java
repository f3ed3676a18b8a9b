package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.dl4j.KerasAdamax;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Adamax, a variant of Adam based on the infinity norm, Keras's {@code keras.optimizers.Adamax} (tf.keras 2.11+).
 * <pre>
 * m = beta_1 * m + (1 - beta_1) * g
 * u = max(beta_2 * u, |g|)
 * w = w - learning_rate * m / ((1 - beta_1^t) * (u + epsilon))
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.001, {@code beta_1} 0.9, {@code beta_2} 0.999, {@code epsilon} 1e-7
 * (the constants and the options are those Adamax shares with Adam and Nadam, see {@link AdaptiveMomentOptimizer}).
 * <pre>{@code new Adamax()            new Adamax(0.002).beta1(0.95)}</pre>
 * ND4J's own {@code AdaMax} leaves out epsilon, so this is {@link KerasAdamax}.
 */
public final class Adamax extends AdaptiveMomentOptimizer<Adamax> {

    /** Adamax with Keras's defaults. */
    public Adamax() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adamax with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Adamax(double learningRate) {
        this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON, 0.0);
    }

    private Adamax(double learningRate, double beta1, double beta2, double epsilon, double decay) {
        super(learningRate, beta1, beta2, epsilon, decay);
    }

    @Override
    Adamax copy(double learningRate, double beta1, double beta2, double epsilon, double decay) {
        return new Adamax(learningRate, beta1, beta2, epsilon, decay);
    }

    /**
     * A copy with Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate {@code decay}, &gt;= 0 (0 = off): the
     * update after {@code t} updates uses {@code learning_rate / (1 + decay * t)}, see {@link Optimizer#decay()}.
     * Keras 3 and tf.keras 2.11+ dropped it in favour of schedules. With decay, {@link #config()} is tf.keras
     * 2.0-2.10's, which writes {@code decay}.
     */
    public Adamax decay(double decay) {
        return copy(learningRate(), beta1(), beta2(), epsilon(), decay);
    }

    @Override
    public String className() {
        return "Adamax";
    }

    /** Keras 3's {@code momentum} and {@code norm} (the infinity norm u), {@link KerasAdamax}'s two slots. */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        return List.of(List.of(KerasSlot.of("momentum", 0), KerasSlot.of("norm", 1)));
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        return new KerasAdamax(learningRate(), beta1(), beta2(), epsilon());
    }
}
