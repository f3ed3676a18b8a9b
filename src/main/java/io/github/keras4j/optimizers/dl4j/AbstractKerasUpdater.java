package io.github.keras4j.optimizers.dl4j;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * What our DL4J updater configurations share: the learning rate, fixed or a DL4J {@link ISchedule} that replaces it
 * (as DL4J's own updaters do, so that {@code MultiLayerNetwork.setLearningRate} works), and the state's layout, a
 * fixed number of parameter-sized slots handed to a new gradient updater.
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

    /** How many parameter-sized arrays (Keras's slots) the state holds. */
    protected abstract int slots();

    /** A gradient updater for this configuration, its state not set yet. */
    protected abstract GradientUpdater<?> createGradientUpdater();

    @Override
    public long stateSize(long numParams) {
        return slots() * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        GradientUpdater<?> updater = createGradientUpdater();
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, new long[] {flat.length() / slots()}, flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        GradientUpdater<?> updater = createGradientUpdater();
        updater.setState(updaterState, initializeStateArrays);
        return updater;
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
