package io.github.keras4j.optimizers;

import java.util.List;
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
 * (DL4J's own default is 1e-8), {@code amsgrad} false. The first four, their constants and options are those Adam
 * shares with Adamax and Nadam, see {@link AdaptiveMomentOptimizer}.
 * <pre>{@code new Adam()            new Adam(0.01).beta2(0.99).amsgrad(true)}</pre>
 * In DL4J this is ND4J's {@link org.nd4j.linalg.learning.config.Adam} or {@link AMSGrad}, whose kernels compute
 * Keras's rule.
 */
public final class Adam extends AdaptiveMomentOptimizer<Adam> {

    /** Keras's default {@code amsgrad}: false. */
    public static final boolean DEFAULT_AMSGRAD = false;

    private final boolean amsgrad;

    /** Adam with Keras's defaults. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Adam with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON, DEFAULT_AMSGRAD, 0.0);
    }

    private Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad, double decay) {
        super(learningRate, beta1, beta2, epsilon, decay);
        this.amsgrad = amsgrad;
    }

    @Override
    Adam copy(double learningRate, double beta1, double beta2, double epsilon, double decay) {
        return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, decay);
    }

    @Override
    public String className() {
        return "Adam";
    }

    /** Whether the AMSGrad variant is used; default false. */
    public boolean amsgrad() {
        return amsgrad;
    }

    /** A copy with the AMSGrad variant on or off. */
    public Adam amsgrad(boolean amsgrad) {
        return new Adam(learningRate(), beta1(), beta2(), epsilon(), amsgrad, decay());
    }

    /**
     * A copy with Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate {@code decay}, &gt;= 0 (0 = off): the
     * update after {@code t} updates uses {@code learning_rate / (1 + decay * t)}, see {@link Optimizer#decay()}.
     * Keras 3 and tf.keras 2.11+ dropped it in favour of schedules. With decay, {@link #config()} is tf.keras
     * 2.0-2.10's, which writes {@code decay}.
     */
    public Adam decay(double decay) {
        return copy(learningRate(), beta1(), beta2(), epsilon(), decay);
    }

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> config = super.ownConfig();
        config.put("amsgrad", amsgrad);
        return config;
    }

    /**
     * {@code momentum} and {@code velocity} (ND4J's {@code M} and {@code V}), then with AMSGrad
     * {@code velocity_hat} ({@code V_HAT}), as Keras 3's {@code build()} creates them.
     */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        List<KerasSlot> moments = List.of(KerasSlot.of("momentum", 0), KerasSlot.of("velocity", 1));
        return amsgrad ? List.of(moments, List.of(KerasSlot.of("velocity_hat", 2))) : List.of(moments);
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        if (amsgrad) {
            return new AMSGrad(learningRate(), beta1(), beta2(), epsilon());
        }
        return new org.nd4j.linalg.learning.config.Adam(learningRate(), beta1(), beta2(), epsilon());
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && amsgrad == ((Adam) other).amsgrad;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate(), beta1(), beta2(), epsilon(), amsgrad, decay());
    }
}
