package io.github.keras4j.optimizers.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Adagrad} (tf.keras 2.11+) as a DL4J updater. ND4J's {@code AdaGrad} starts its accumulator at
 * epsilon and adds epsilon outside the square root; Keras starts at {@code initial_accumulator_value} and adds
 * it inside:
 * <pre>
 * accumulator = accumulator + g^2                   (accumulator starts at initial_accumulator_value)
 * w = w - learning_rate * g / sqrt(accumulator + epsilon)
 * </pre>
 * The state holds Keras's {@code accumulator} plus epsilon, which lets ND4J's AdaGrad kernel do a whole step in one
 * native op.
 */
public final class KerasAdagrad extends AbstractKerasUpdater {

    private double initialAccumulatorValue;
    private double epsilon;

    public KerasAdagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        this(learningRate, null, initialAccumulatorValue, epsilon);
    }

    @JsonCreator
    private KerasAdagrad(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("initialAccumulatorValue") double initialAccumulatorValue,
            @JsonProperty("epsilon") double epsilon) {
        super(learningRate, learningRateSchedule);
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.epsilon = epsilon;
    }

    public double getInitialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    /** What the state holds beyond Keras's accumulator: epsilon (see {@link KerasAdagradUpdater}). */
    public double accumulatorOffset() {
        return epsilon;
    }

    public double getEpsilon() {
        return epsilon;
    }

    @Override
    protected int slots() {
        return 1;
    }

    @Override
    protected KerasAdagradUpdater createGradientUpdater() {
        return new KerasAdagradUpdater(this);
    }

    @Override
    public KerasAdagrad clone() {
        return new KerasAdagrad(getLearningRate(), copyOfSchedule(), initialAccumulatorValue, epsilon);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasAdagrad that && sameLearningRate(that)
                && Double.compare(initialAccumulatorValue, that.initialAccumulatorValue) == 0
                && Double.compare(epsilon, that.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRateHash(), initialAccumulatorValue, epsilon);
    }

    @Override
    public String toString() {
        return "KerasAdagrad(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", initialAccumulatorValue=" + initialAccumulatorValue + ", epsilon=" + epsilon + ")";
    }
}
