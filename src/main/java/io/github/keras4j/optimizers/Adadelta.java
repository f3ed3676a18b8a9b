package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.Hyperparameters.Range;
import io.github.keras4j.optimizers.dl4j.KerasAdadelta;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Adadelta, Keras's {@code keras.optimizers.Adadelta} (tf.keras 2.11+): Zeiler's rule scaled by a learning rate.
 * <pre>
 * accumulated_grad = rho * accumulated_grad + (1 - rho) * g^2
 * delta = -sqrt(accumulated_delta_var + epsilon) * g / sqrt(accumulated_grad + epsilon)
 * accumulated_delta_var = rho * accumulated_delta_var + (1 - rho) * delta^2
 * w = w + learning_rate * delta
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.001, {@code rho} 0.95, {@code epsilon} 1e-7 (DL4J's own AdaDelta has
 * no learning rate, which is Keras's learning_rate = 1.0). Keras 1/2's learning-rate {@code decay}: see
 * {@link TimeBasedDecay}.
 * <pre>{@code new Adadelta()            new Adadelta(1.0).rho(0.9)}</pre>
 * In DL4J this is {@link KerasAdadelta}: ND4J's AdaDelta kernel followed by the learning rate.
 */
public final class Adadelta extends FluentOptimizer<Adadelta> implements TimeBasedDecay<Adadelta> {

    /** Keras's default {@code learning_rate}: 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default {@code rho}: 0.95. */
    public static final double DEFAULT_RHO = 0.95;
    /** Keras's default {@code epsilon}: 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;

    static final Hyperparameters<Adadelta> HYPERPARAMETERS = Hyperparameters.of("Adadelta", DEFAULT_LEARNING_RATE,
                    Adadelta::new)
            .timeBasedDecay()
            .number("rho", DEFAULT_RHO, Range.UNIT_INTERVAL)
            .number("epsilon", DEFAULT_EPSILON, Range.AT_LEAST_ZERO);

    /** Adadelta with Keras's defaults. */
    public Adadelta() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adadelta with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Adadelta(double learningRate) {
        super(HYPERPARAMETERS, learningRate);
    }

    private Adadelta(Map<String, Object> values) {
        super(HYPERPARAMETERS, values);
    }

    /** The decay rate of both running averages, in [0, 1]; default 0.95. */
    public double rho() {
        return number("rho");
    }

    /** A copy with this {@code rho}, in [0, 1]. */
    public Adadelta rho(double rho) {
        return with("rho", rho);
    }

    /** The fuzz factor added under both square roots, &gt;= 0; default 1e-7. */
    public double epsilon() {
        return number("epsilon");
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public Adadelta epsilon(double epsilon) {
        return with("epsilon", epsilon);
    }

    /** Keras 3's {@code accumulated_grad} and {@code accumulated_delta_var}, {@link KerasAdadelta}'s two slots. */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        return List.of(List.of(KerasSlot.of("accumulated_grad", 0), KerasSlot.of("accumulated_delta_var", 1)));
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        return new KerasAdadelta(learningRate(), rho(), epsilon());
    }
}
