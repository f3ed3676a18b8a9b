package io.github.keras4j.optimizers.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The hyperparameters of our DL4J updaters for Keras's {@link KerasAdamax Adamax} and {@link KerasNadam Nadam}:
 * {@code beta_1}, {@code beta_2} and {@code epsilon}, and a state of two slots, Keras's {@code m} and then the second
 * moment. Each subclass keeps its own {@code @JsonCreator}, so DL4J's JSON names the subclass and these fields.
 */
public abstract sealed class AbstractAdaptiveMomentUpdater extends AbstractKerasUpdater permits KerasAdamax, KerasNadam {

    private double beta1;
    private double beta2;
    private double epsilon;

    AbstractAdaptiveMomentUpdater(double learningRate, ISchedule learningRateSchedule, double beta1, double beta2,
            double epsilon) {
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
    public boolean equals(Object other) {
        // The class decides too: DL4J must not merge a Nadam layer's updater block with an Adamax one's.
        return other instanceof AbstractAdaptiveMomentUpdater that && that.getClass() == getClass()
                && sameLearningRate(that)
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
        return getClass().getSimpleName() + "(learningRate=" + getLearningRate() + ", learningRateSchedule="
                + getLearningRateSchedule() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
