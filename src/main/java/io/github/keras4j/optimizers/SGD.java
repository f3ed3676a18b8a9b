package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.Hyperparameters.Range;
import io.github.keras4j.optimizers.dl4j.KerasSgdMomentum;
import java.util.List;
import java.util.Map;
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
 * Defaults as Keras: {@code learning_rate} 0.01, {@code momentum} 0, {@code nesterov} false. Keras 1/2's
 * learning-rate {@code decay}: see {@link TimeBasedDecay}.
 * <pre>{@code new SGD()            new SGD(0.01).momentum(0.9).nesterov(true)}</pre>
 * In DL4J this is {@link Sgd} (momentum 0), {@link Nesterovs} (nesterov, the same rule as Keras's) or
 * {@link KerasSgdMomentum} (classical momentum, which ND4J lacks).
 */
public final class SGD extends FluentOptimizer<SGD> implements TimeBasedDecay<SGD> {

    /** Keras's default {@code learning_rate}: 0.01. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Keras's default {@code momentum}: 0 (plain gradient descent). */
    public static final double DEFAULT_MOMENTUM = 0.0;
    /** Keras's default {@code nesterov}: false. */
    public static final boolean DEFAULT_NESTEROV = false;

    static final Hyperparameters<SGD> HYPERPARAMETERS = Hyperparameters.of("SGD", DEFAULT_LEARNING_RATE, SGD::new)
            .timeBasedDecay()
            .number("momentum", DEFAULT_MOMENTUM, Range.UNIT_INTERVAL)
            .flag("nesterov", DEFAULT_NESTEROV);

    /** SGD with Keras's defaults. */
    public SGD() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** SGD with this learning rate (&gt;= 0), no momentum. */
    public SGD(double learningRate) {
        super(HYPERPARAMETERS, learningRate);
    }

    private SGD(Map<String, Object> values) {
        super(HYPERPARAMETERS, values);
    }

    /** The momentum, in [0, 1]; default 0. */
    public double momentum() {
        return number("momentum");
    }

    /** A copy with this momentum, in [0, 1]. */
    public SGD momentum(double momentum) {
        return with("momentum", momentum);
    }

    /** Whether Nesterov momentum is used; default false. */
    public boolean nesterov() {
        return flag("nesterov");
    }

    /** A copy with Nesterov momentum on or off. */
    public SGD nesterov(boolean nesterov) {
        return with("nesterov", nesterov);
    }

    /** Keras keeps a {@code momentum} slot only when momentum is not 0 (DL4J's {@code Sgd} has no state then). */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        return momentum() == 0 ? List.of() : List.of(List.of(KerasSlot.of("momentum", 0)));
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        if (momentum() == 0) {
            // Keras's momentum slot stays zero, so both of its momentum rules reduce to w - lr * g.
            return new Sgd(learningRate());
        }
        if (nesterov()) {
            // ND4J: v' = mu * v - lr * g; w -= mu * v - (1 + mu) * v', which is Keras's w + mu * v' - lr * g.
            return new Nesterovs(learningRate(), momentum());
        }
        return new KerasSgdMomentum(learningRate(), momentum());
    }
}
