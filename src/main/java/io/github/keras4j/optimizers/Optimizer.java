package io.github.keras4j.optimizers;

import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * An optimizer as {@code model.compile(optimizer=...)} takes it (Keras's {@code keras.optimizers.Optimizer}):
 * {@link SGD}, {@link Adam}, {@link RMSprop}... Immutable: fluent setters return a new instance. Each class's
 * hyperparameters are one description ({@code Hyperparameters}: Keras name, default, check), behind its setters, its
 * Keras {@link #config()}, {@code equals}, {@code hashCode} and {@code toString}; the class itself adds its getters
 * and setters and its DL4J updater.
 *
 * <p>Every optimizer carries Keras 1/2's time-based learning-rate decay ({@link #decay()}, 0 = off): the rate of the
 * update after {@code t} updates is {@code learning_rate / (1 + decay * t)}. Those optimizers that had it in Keras
 * (all but Nadam) offer a {@code decay(double)} setter ({@link TimeBasedDecay}).
 */
public abstract class Optimizer {

    private final Hyperparameters<?> hyperparameters;
    private final Map<String, Object> values;

    Optimizer(Hyperparameters<?> hyperparameters, Map<String, Object> values) {
        this.hyperparameters = hyperparameters;
        this.values = values;
    }

    /** Keras's class name, for example {@code "Adam"}. */
    public final String className() {
        return hyperparameters.className();
    }

    /**
     * The learning rate, Keras's {@code learning_rate} (with {@link #decay()}, the rate of the first update: Keras 2's
     * {@code model.optimizer.lr}, on top of which the decay applies).
     */
    public final double learningRate() {
        return number(Hyperparameters.LEARNING_RATE);
    }

    /** A copy of this optimizer with another learning rate (the decay, if any, still applies on top). */
    public abstract Optimizer learningRate(double learningRate);

    /**
     * Keras 1/2's and tf.keras 2.0-2.10's {@code decay}, &gt;= 0; default 0 (off). The update after {@code t} updates
     * (counted over the whole training, across epochs and fits) uses {@code learning_rate / (1 + decay * t)}. Keras 3
     * and tf.keras 2.11+ dropped it in favour of schedules ({@code InverseTimeDecay(learning_rate, 1, decay)}).
     */
    public final double decay() {
        return hyperparameters.takes(Hyperparameters.DECAY) ? number(Hyperparameters.DECAY) : 0.0;
    }

    /**
     * Keras's {@code get_config()}: tf.keras 2.11+'s config, or, for the options only older Keras compute (the decay,
     * older Keras's variants), tf.keras 2.0-2.10's, which those Keras read as these rules.
     */
    public final Map<String, Object> config() {
        return OptimizerConfigs.write(this);
    }

    /**
     * The DL4J learning-rate schedule that replaces the fixed learning rate: with {@link #decay()} &gt; 0, DL4J's
     * {@code InverseSchedule(ITERATION, learning_rate, decay, 1)}, {@code learning_rate / (1 + decay * iteration)},
     * DL4J's iteration count being Keras's {@code t}; null without decay.
     */
    public ISchedule dl4jLearningRateSchedule() {
        return decay() > 0 ? new InverseSchedule(ScheduleType.ITERATION, learningRate(), decay(), 1.0) : null;
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

    final Hyperparameters<?> hyperparameters() {
        return hyperparameters;
    }

    /** The hyperparameters by Keras name: doubles and booleans, as checked. */
    final Map<String, Object> values() {
        return values;
    }

    final double number(String key) {
        return (Double) values.get(key);
    }

    final boolean flag(String key) {
        return (Boolean) values.get(key);
    }

    /** Equal when of the same class with the same hyperparameters: an Adamax is not a Nadam with the same numbers. */
    @Override
    public final boolean equals(Object other) {
        return other instanceof Optimizer that && that.getClass() == getClass() && values.equals(that.values);
    }

    @Override
    public final int hashCode() {
        return 31 * className().hashCode() + values.hashCode();
    }

    /** {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1.0E-7, amsgrad=false)}. */
    @Override
    public final String toString() {
        return hyperparameters.describe(this);
    }
}
