package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.dl4j.KerasSgdMomentum;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Gradient descent with optional momentum, Keras's {@code keras.optimizers.SGD} (tf.keras 2.11+).
 * <pre>
 * momentum = 0:      w = w - learning_rate * g
 * momentum &gt; 0:      velocity = momentum * velocity - learning_rate * g;  w = w + velocity
 * nesterov = true:   velocity = momentum * velocity - learning_rate * g;  w = w + momentum * velocity - learning_rate * g
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.01, {@code momentum} 0, {@code nesterov} false.
 * <pre>{@code new SGD()            new SGD(0.01).momentum(0.9).nesterov(true)}</pre>
 * In DL4J this is {@link Sgd} (momentum 0), {@link Nesterovs} (nesterov, the same rule as Keras's) or
 * {@link KerasSgdMomentum} (classical momentum, which ND4J lacks).
 */
public final class SGD extends Optimizer {

    /** Keras's default {@code learning_rate}: 0.01. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Keras's default {@code momentum}: 0 (plain gradient descent). */
    public static final double DEFAULT_MOMENTUM = 0.0;
    /** Keras's default {@code nesterov}: false. */
    public static final boolean DEFAULT_NESTEROV = false;

    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;

    /** SGD with Keras's defaults. */
    public SGD() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** SGD with this learning rate (&gt;= 0), no momentum. */
    public SGD(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM, DEFAULT_NESTEROV, 0.0);
    }

    private SGD(double learningRate, double momentum, boolean nesterov, double decay) {
        super(decay);
        this.learningRate = Hyperparameters.learningRate(learningRate);
        this.momentum = Hyperparameters.unitInterval("momentum", momentum);
        this.nesterov = nesterov;
    }

    @Override
    public String className() {
        return "SGD";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public SGD learningRate(double learningRate) {
        return new SGD(learningRate, momentum, nesterov, decay());
    }

    /** The momentum, in [0, 1]; default 0. */
    public double momentum() {
        return momentum;
    }

    /** A copy with this momentum, in [0, 1]. */
    public SGD momentum(double momentum) {
        return new SGD(learningRate, momentum, nesterov, decay());
    }

    /** Whether Nesterov momentum is used; default false. */
    public boolean nesterov() {
        return nesterov;
    }

    /** A copy with Nesterov momentum on or off. */
    public SGD nesterov(boolean nesterov) {
        return new SGD(learningRate, momentum, nesterov, decay());
    }

    /**
     * A copy with Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate {@code decay}, &gt;= 0 (0 = off): the
     * update after {@code t} updates uses {@code learning_rate / (1 + decay * t)}, see {@link Optimizer#decay()}.
     * Keras 3 and tf.keras 2.11+ dropped it in favour of schedules. With decay, {@link #config()} is tf.keras
     * 2.0-2.10's, which writes {@code decay}.
     */
    public SGD decay(double decay) {
        return new SGD(learningRate, momentum, nesterov, decay);
    }

    private Map<String, Object> hyperparameters() {
        return Hyperparameters.withDecay(decay(), ownConfig());
    }

    @Override
    protected Map<String, Object> ownConfig() {
        return Hyperparameters.ordered("momentum", momentum, "nesterov", nesterov);
    }

    /** Keras keeps a {@code momentum} slot only when momentum is not 0 (DL4J's {@code Sgd} has no state then). */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        return momentum == 0 ? List.of() : List.of(List.of(KerasSlot.of("momentum", 0)));
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
        if (momentum == 0) {
            // Keras's momentum slot stays zero, so both of its momentum rules reduce to w - lr * g.
            return new Sgd(learningRate);
        }
        if (nesterov) {
            // ND4J: v' = mu * v - lr * g; w -= mu * v - (1 + mu) * v', which is Keras's w + mu * v' - lr * g.
            return new Nesterovs(learningRate, momentum);
        }
        return new KerasSgdMomentum(learningRate, momentum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SGD that && Double.compare(learningRate, that.learningRate) == 0
                && Double.compare(momentum, that.momentum) == 0 && nesterov == that.nesterov
                && Double.compare(decay(), that.decay()) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum, nesterov, decay());
    }

    @Override
    public String toString() {
        return Hyperparameters.describe(className(), learningRate, hyperparameters());
    }
}
