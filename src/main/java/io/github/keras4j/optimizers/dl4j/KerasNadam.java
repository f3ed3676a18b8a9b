package io.github.keras4j.optimizers.dl4j;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Nadam} (tf.keras 2.11+) as a DL4J updater. ND4J's {@code Nadam} has neither Keras's momentum
 * schedule nor its bias correction of {@code v}; this one follows Keras (Dozat 2015):
 * <pre>
 * u_t = beta_1 * (1 - 0.5 * 0.96^(t * scheduleDecay)),   U_t = u_1 * u_2 * ... * u_t
 * m = beta_1 * m + (1 - beta_1) * g
 * v = beta_2 * v + (1 - beta_2) * g^2
 * m_hat = u_{t+1} * m / (1 - U_{t+1}) + (1 - u_t) * g / (1 - U_t)
 * v_hat = v / (1 - beta_2^t)
 * w = w - learning_rate * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 * {@code scheduleDecay} is 1 in tf.keras 2.11+ and Keras 3, 0.004 by default in standalone Keras and tf.keras
 * 2.0-2.10. The state is Keras's {@code m} then {@code v}, starting at zero; {@code U_t} follows from the iteration.
 */
public final class KerasNadam extends AbstractAdaptiveMomentUpdater {

    /** tf.keras 2.11+'s and Keras 3's schedule, {@code 0.96^t}. */
    private static final double KERAS_SCHEDULE_DECAY = 1.0;

    private double scheduleDecay;

    /** Keras's Nadam of tf.keras 2.11+ and Keras 3, schedule {@code 0.96^t}. */
    public KerasNadam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, null, beta1, beta2, epsilon, KERAS_SCHEDULE_DECAY);
    }

    /** With the momentum schedule {@code 0.96^(t * scheduleDecay)}. */
    public KerasNadam(double learningRate, double beta1, double beta2, double epsilon, double scheduleDecay) {
        this(learningRate, null, beta1, beta2, epsilon, scheduleDecay);
    }

    @JsonCreator
    private KerasNadam(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("beta1") double beta1,
            @JsonProperty("beta2") double beta2,
            @JsonProperty("epsilon") double epsilon,
            @JsonProperty("scheduleDecay") Double scheduleDecay) {
        super(learningRate, learningRateSchedule, beta1, beta2, epsilon);
        // DL4J JSON written before the option existed has no scheduleDecay: that updater computed 0.96^t.
        this.scheduleDecay = scheduleDecay == null ? KERAS_SCHEDULE_DECAY : scheduleDecay;
    }

    public double getScheduleDecay() {
        return scheduleDecay;
    }

    @Override
    protected KerasNadamUpdater createGradientUpdater() {
        return new KerasNadamUpdater(this);
    }

    @Override
    public KerasNadam clone() {
        return new KerasNadam(getLearningRate(), copyOfSchedule(), getBeta1(), getBeta2(), getEpsilon(), scheduleDecay);
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && Double.compare(scheduleDecay, ((KerasNadam) other).scheduleDecay) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(scheduleDecay);
    }

    @Override
    public String toString() {
        return "KerasNadam(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", beta1=" + getBeta1() + ", beta2=" + getBeta2() + ", epsilon=" + getEpsilon() + ", scheduleDecay="
                + scheduleDecay + ")";
    }
}
