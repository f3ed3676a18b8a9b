package io.github.keras4j.optimizers;

import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * An optimizer as {@code model.compile(optimizer=...)} takes it (Keras's {@code keras.optimizers.Optimizer}).
 * Subclasses are immutable: fluent setters return a new instance.
 *
 * <p>Every optimizer carries Keras 1/2's time-based learning-rate decay ({@link #decay()}, 0 = off): the rate of the
 * update after {@code t} updates is {@code learning_rate / (1 + decay * t)}. Those optimizers that had it in Keras
 * (all but Nadam) offer a {@code decay(double)} setter.
 */
public abstract class Optimizer {

    private final double decay;

    /** An optimizer without learning-rate decay. */
    protected Optimizer() {
        this(0.0);
    }

    /** An optimizer with this learning-rate decay, &gt;= 0. */
    protected Optimizer(double decay) {
        this.decay = Hyperparameters.nonNegative("decay", decay);
    }

    /** Keras's class name, for example {@code "Adam"}. */
    public abstract String className();

    /**
     * The learning rate, Keras's {@code learning_rate} (with {@link #decay()}, the rate of the first update: Keras 2's
     * {@code model.optimizer.lr}, on top of which the decay applies).
     */
    public abstract double learningRate();

    /** A copy of this optimizer with another learning rate (the decay, if any, still applies on top). */
    public abstract Optimizer learningRate(double learningRate);

    /**
     * Keras 1/2's and tf.keras 2.0-2.10's {@code decay}, &gt;= 0; default 0 (off). The update after {@code t} updates
     * (counted over the whole training, across epochs and fits) uses {@code learning_rate / (1 + decay * t)}. Keras 3
     * and tf.keras 2.11+ dropped it in favour of schedules ({@code InverseTimeDecay(learning_rate, 1, decay)}).
     */
    public double decay() {
        return decay;
    }

    /** The hyperparameters under Keras's config keys ({@code learning_rate}, {@code beta_1}...). */
    public abstract Map<String, Object> config();

    /**
     * The DL4J learning-rate schedule that replaces the fixed learning rate: with {@link #decay()} &gt; 0, DL4J's
     * {@code InverseSchedule(ITERATION, learning_rate, decay, 1)}, {@code learning_rate / (1 + decay * iteration)},
     * DL4J's iteration count being Keras's {@code t}; null without decay.
     */
    public ISchedule dl4jLearningRateSchedule() {
        return decay > 0 ? new InverseSchedule(ScheduleType.ITERATION, learningRate(), decay, 1.0) : null;
    }

    /** A DL4J updater that applies Keras's update rule with these hyperparameters, and the decay if any. */
    public final IUpdater toDl4j() {
        IUpdater updater = fixedRateUpdater();
        ISchedule schedule = dl4jLearningRateSchedule();
        if (schedule != null) {
            updater.setLrAndSchedule(learningRate(), schedule);
        }
        return updater;
    }

    /** The DL4J updater for Keras's update rule at the fixed {@link #learningRate()}. */
    protected abstract IUpdater fixedRateUpdater();

    @Override
    public String toString() {
        return className() + config();
    }
}
