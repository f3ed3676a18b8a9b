package io.github.keras4j.optimizers.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code SGD(momentum=m, nesterov=False)} as a DL4J updater: classical momentum, which ND4J lacks
 * (its {@code Nesterovs} is Keras's {@code nesterov=True}).
 * <pre>
 * velocity = momentum * velocity - learning_rate * g
 * w = w + velocity
 * </pre>
 * The state is Keras's {@code m} (the velocity), starting at zero.
 */
public final class KerasSgdMomentum extends AbstractKerasUpdater {

    private double momentum;

    public KerasSgdMomentum(double learningRate, double momentum) {
        this(learningRate, null, momentum);
    }

    @JsonCreator
    private KerasSgdMomentum(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("momentum") double momentum) {
        super(learningRate, learningRateSchedule);
        this.momentum = momentum;
    }

    public double getMomentum() {
        return momentum;
    }

    @Override
    protected int slots() {
        return 1;
    }

    @Override
    protected KerasSgdMomentumUpdater createGradientUpdater() {
        return new KerasSgdMomentumUpdater(this);
    }

    @Override
    public KerasSgdMomentum clone() {
        return new KerasSgdMomentum(getLearningRate(), copyOfSchedule(), momentum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasSgdMomentum that && sameLearningRate(that)
                && Double.compare(momentum, that.momentum) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRateHash(), momentum);
    }

    @Override
    public String toString() {
        return "KerasSgdMomentum(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", momentum=" + momentum + ")";
    }
}
