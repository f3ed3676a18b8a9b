package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.dl4j.KerasAdamax;
import java.util.List;
import java.util.Map;
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
 * Keras 1/2's learning-rate {@code decay}: see {@link TimeBasedDecay}.
 * <pre>{@code new Adamax()            new Adamax(0.002).beta1(0.95)}</pre>
 * ND4J's own {@code AdaMax} leaves out epsilon, so this is {@link KerasAdamax}.
 */
public final class Adamax extends AdaptiveMomentOptimizer<Adamax> implements TimeBasedDecay<Adamax> {

    static final Hyperparameters<Adamax> HYPERPARAMETERS = adaptiveMoment("Adamax", Adamax::new).timeBasedDecay();

    /** Adamax with Keras's defaults. */
    public Adamax() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adamax with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Adamax(double learningRate) {
        super(HYPERPARAMETERS, learningRate);
    }

    private Adamax(Map<String, Object> values) {
        super(HYPERPARAMETERS, values);
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
