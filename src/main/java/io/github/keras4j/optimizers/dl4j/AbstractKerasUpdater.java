package io.github.keras4j.optimizers.dl4j;

import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * The learning-rate handling shared by our DL4J updater configurations: a fixed rate, or a DL4J {@link ISchedule}
 * that replaces it (as DL4J's own updaters do, so that {@code MultiLayerNetwork.setLearningRate} works).
 *
 * <p>Subclasses are DL4J configuration objects: mutable only through {@link #setLrAndSchedule}, serialised by
 * DL4J's Jackson through their fields, compared by value so that DL4J groups layers with equal configurations into
 * one updater block.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public abstract class AbstractKerasUpdater implements IUpdater {

    private double learningRate;
    private ISchedule learningRateSchedule;

    protected AbstractKerasUpdater(double learningRate, ISchedule learningRateSchedule) {
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
    }

    /** The fixed learning rate (not used while a schedule is set). */
    public double getLearningRate() {
        return learningRate;
    }

    /** The learning-rate schedule, or null for the fixed rate. */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public abstract AbstractKerasUpdater clone();

    /** A copy of the schedule for {@link #clone()}, as schedules may keep state. */
    protected ISchedule copyOfSchedule() {
        return learningRateSchedule == null ? null : learningRateSchedule.clone();
    }

    protected boolean sameLearningRate(AbstractKerasUpdater other) {
        return Double.compare(learningRate, other.learningRate) == 0
                && Objects.equals(learningRateSchedule, other.learningRateSchedule);
    }

    protected int learningRateHash() {
        return Objects.hash(learningRate, learningRateSchedule);
    }
}
