package io.github.keras4j.optimizers;

import java.util.List;
import java.util.Map;
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
 * (DL4J's own default is 1e-8), {@code amsgrad} false. The first four, their constants and options are those Adam
 * shares with Adamax and Nadam, see {@link AdaptiveMomentOptimizer}. Keras 1/2's learning-rate {@code decay}: see
 * {@link TimeBasedDecay}.
 * <pre>{@code new Adam()            new Adam(0.01).beta2(0.99).amsgrad(true)}</pre>
 * In DL4J this is ND4J's {@link org.nd4j.linalg.learning.config.Adam} or {@link AMSGrad}, whose kernels compute
 * Keras's rule.
 */
public final class Adam extends AdaptiveMomentOptimizer<Adam> implements TimeBasedDecay<Adam> {

    /** Keras's default {@code amsgrad}: false. */
    public static final boolean DEFAULT_AMSGRAD = false;

    static final Hyperparameters<Adam> HYPERPARAMETERS = adaptiveMoment("Adam", Adam::new)
            .timeBasedDecay()
            .flag("amsgrad", DEFAULT_AMSGRAD);

    /** Adam with Keras's defaults. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adam with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Adam(double learningRate) {
        super(HYPERPARAMETERS, learningRate);
    }

    private Adam(Map<String, Object> values) {
        super(HYPERPARAMETERS, values);
    }

    /** Whether the AMSGrad variant is used; default false. */
    public boolean amsgrad() {
        return flag("amsgrad");
    }

    /** A copy with the AMSGrad variant on or off. */
    public Adam amsgrad(boolean amsgrad) {
        return with("amsgrad", amsgrad);
    }

    /**
     * {@code momentum} and {@code velocity} (ND4J's {@code M} and {@code V}), then with AMSGrad
     * {@code velocity_hat} ({@code V_HAT}), as Keras 3's {@code build()} creates them.
     */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        List<KerasSlot> moments = List.of(KerasSlot.of("momentum", 0), KerasSlot.of("velocity", 1));
        return amsgrad() ? List.of(moments, List.of(KerasSlot.of("velocity_hat", 2))) : List.of(moments);
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        if (amsgrad()) {
            return new AMSGrad(learningRate(), beta1(), beta2(), epsilon());
        }
        return new org.nd4j.linalg.learning.config.Adam(learningRate(), beta1(), beta2(), epsilon());
    }
}
