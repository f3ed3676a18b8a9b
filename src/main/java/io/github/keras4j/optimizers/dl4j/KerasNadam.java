package io.github.keras4j.optimizers.dl4j;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Nadam} (tf.keras 2.11+) as a DL4J updater. ND4J's {@code Nadam} has neither Keras's momentum
 * schedule nor its bias correction of {@code v}; this one follows Keras (Dozat 2015):
 * <pre>
 * u_t = beta_1 * (1 - 0.5 * 0.96^t),   U_t = u_1 * u_2 * ... * u_t
 * m = beta_1 * m + (1 - beta_1) * g
 * v = beta_2 * v + (1 - beta_2) * g^2
 * m_hat = u_{t+1} * m / (1 - U_{t+1}) + (1 - u_t) * g / (1 - U_t)
 * v_hat = v / (1 - beta_2^t)
 * w = w - learning_rate * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 * The state is Keras's {@code m} then {@code v}, starting at zero; {@code U_t} follows from the iteration.
 */
public final class KerasNadam extends AbstractAdaptiveMomentUpdater {

    public KerasNadam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, null, beta1, beta2, epsilon);
    }

    @JsonCreator
    private KerasNadam(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("beta1") double beta1,
            @JsonProperty("beta2") double beta2,
            @JsonProperty("epsilon") double epsilon) {
        super(learningRate, learningRateSchedule, beta1, beta2, epsilon);
    }

    @Override
    protected KerasNadamUpdater createGradientUpdater() {
        return new KerasNadamUpdater(this);
    }

    @Override
    public KerasNadam clone() {
        return new KerasNadam(getLearningRate(), copyOfSchedule(), getBeta1(), getBeta2(), getEpsilon());
    }
}
