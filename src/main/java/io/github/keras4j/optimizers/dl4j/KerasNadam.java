package io.github.keras4j.optimizers.dl4j;

import java.util.Objects;
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
public final class KerasNadam extends AbstractKerasUpdater {

    private double beta1;
    private double beta2;
    private double epsilon;

    public KerasNadam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, null, beta1, beta2, epsilon);
    }

    @JsonCreator
    private KerasNadam(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("beta1") double beta1,
            @JsonProperty("beta2") double beta2,
            @JsonProperty("epsilon") double epsilon) {
        super(learningRate, learningRateSchedule);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public double getBeta1() {
        return beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public double getEpsilon() {
        return epsilon;
    }

    @Override
    protected int slots() {
        return 2;
    }

    @Override
    protected KerasNadamUpdater createGradientUpdater() {
        return new KerasNadamUpdater(this);
    }

    @Override
    public KerasNadam clone() {
        return new KerasNadam(getLearningRate(), copyOfSchedule(), beta1, beta2, epsilon);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasNadam that && sameLearningRate(that)
                && Double.compare(beta1, that.beta1) == 0
                && Double.compare(beta2, that.beta2) == 0
                && Double.compare(epsilon, that.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRateHash(), beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "KerasNadam(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
