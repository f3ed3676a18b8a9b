package io.github.keras4j.optimizers.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Adadelta} (tf.keras 2.11+) as a DL4J updater. ND4J's {@code AdaDelta} is Zeiler's rule without a
 * learning rate; Keras scales the step by one:
 * <pre>
 * accumulated_grad = rho * accumulated_grad + (1 - rho) * g^2
 * delta = -sqrt(accumulated_delta_var + epsilon) * g / sqrt(accumulated_grad + epsilon)
 * accumulated_delta_var = rho * accumulated_delta_var + (1 - rho) * delta^2
 * w = w + learning_rate * delta
 * </pre>
 * The state is Keras's {@code accumulated_grad} then {@code accumulated_delta_var}, starting at zero.
 */
public final class KerasAdadelta extends AbstractKerasUpdater {

    private double rho;
    private double epsilon;

    public KerasAdadelta(double learningRate, double rho, double epsilon) {
        this(learningRate, null, rho, epsilon);
    }

    @JsonCreator
    private KerasAdadelta(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("rho") double rho,
            @JsonProperty("epsilon") double epsilon) {
        super(learningRate, learningRateSchedule);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    public double getRho() {
        return rho;
    }

    public double getEpsilon() {
        return epsilon;
    }

    @Override
    protected int slots() {
        return 2;
    }

    @Override
    protected KerasAdadeltaUpdater createGradientUpdater() {
        return new KerasAdadeltaUpdater(this);
    }

    @Override
    public KerasAdadelta clone() {
        return new KerasAdadelta(getLearningRate(), copyOfSchedule(), rho, epsilon);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasAdadelta that && sameLearningRate(that)
                && Double.compare(rho, that.rho) == 0
                && Double.compare(epsilon, that.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRateHash(), rho, epsilon);
    }

    @Override
    public String toString() {
        return "KerasAdadelta(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", rho=" + rho + ", epsilon=" + epsilon + ")";
    }
}
