package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.dl4j.KerasAdadelta;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * no learning rate, which is Keras's learning_rate = 1.0).
 * <pre>{@code new Adadelta()            new Adadelta(1.0).rho(0.9)}</pre>
 * In DL4J this is {@link KerasAdadelta}: ND4J's AdaDelta kernel followed by the learning rate.
 */
public final class Adadelta extends Optimizer {

    /** Keras's default {@code learning_rate}: 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default {@code rho}: 0.95. */
    public static final double DEFAULT_RHO = 0.95;
    /** Keras's default {@code epsilon}: 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private final double learningRate;
    private final double rho;
    private final double epsilon;

    /** Adadelta with Keras's defaults. */
    public Adadelta() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adadelta with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Adadelta(double learningRate) {
        this(learningRate, DEFAULT_RHO, DEFAULT_EPSILON, 0.0);
    }

    private Adadelta(double learningRate, double rho, double epsilon, double decay) {
        super(decay);
        this.learningRate = Hyperparameters.learningRate(learningRate);
        this.rho = Hyperparameters.unitInterval("rho", rho);
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
    }

    @Override
    public String className() {
        return "Adadelta";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public Adadelta learningRate(double learningRate) {
        return new Adadelta(learningRate, rho, epsilon, decay());
    }

    /** The decay rate of both running averages, in [0, 1]; default 0.95. */
    public double rho() {
        return rho;
    }

    /** A copy with this {@code rho}, in [0, 1]. */
    public Adadelta rho(double rho) {
        return new Adadelta(learningRate, rho, epsilon, decay());
    }

    /** The fuzz factor added under both square roots, &gt;= 0; default 1e-7. */
    public double epsilon() {
        return epsilon;
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public Adadelta epsilon(double epsilon) {
        return new Adadelta(learningRate, rho, epsilon, decay());
    }

    /**
     * A copy with Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate {@code decay}, &gt;= 0 (0 = off): the
     * update after {@code t} updates uses {@code learning_rate / (1 + decay * t)}, see {@link Optimizer#decay()}.
     * Keras 3 and tf.keras 2.11+ dropped it in favour of schedules. With decay, {@link #config()} is tf.keras
     * 2.0-2.10's, which writes {@code decay}.
     */
    public Adadelta decay(double decay) {
        return new Adadelta(learningRate, rho, epsilon, decay);
    }

    private Map<String, Object> hyperparameters() {
        return Hyperparameters.withDecay(decay(), ownConfig());
    }

    @Override
    protected Map<String, Object> ownConfig() {
        return Hyperparameters.ordered("rho", rho, "epsilon", epsilon);
    }

    /** Keras 3's {@code accumulated_grad} and {@code accumulated_delta_var}, {@link KerasAdadelta}'s two slots. */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        return List.of(List.of(KerasSlot.of("accumulated_grad", 0), KerasSlot.of("accumulated_delta_var", 1)));
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
        return new KerasAdadelta(learningRate, rho, epsilon);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Adadelta that && Double.compare(learningRate, that.learningRate) == 0
                && Double.compare(rho, that.rho) == 0 && Double.compare(epsilon, that.epsilon) == 0
                && Double.compare(decay(), that.decay()) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, rho, epsilon, decay());
    }

    @Override
    public String toString() {
        return Hyperparameters.describe(className(), learningRate, hyperparameters());
    }
}
