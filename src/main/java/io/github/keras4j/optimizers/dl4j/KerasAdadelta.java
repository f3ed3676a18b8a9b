package io.github.keras4j.optimizers.dl4j;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
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
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        KerasAdadeltaUpdater updater = new KerasAdadeltaUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, new long[] {flat.length() / 2}, flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        KerasAdadeltaUpdater updater = new KerasAdadeltaUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
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
