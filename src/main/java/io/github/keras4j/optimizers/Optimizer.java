package io.github.keras4j.optimizers;

import io.github.keras4j.internal.SnakeCase;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The optimizer's own config keys as Keras 3 and tf.keras 2.11+ name them ({@code beta_1}, {@code momentum}...),
     * without the learning rate and the keys every optimizer has.
     */
    protected abstract Map<String, Object> ownConfig();

    /**
     * What Keras 3 cannot compute about this optimizer as configured (a rule only older Keras had), or null when
     * Keras 3 computes it.
     */
    protected String keras3Obstacle() {
        return null;
    }

    /**
     * Keras 3's {@code get_config()}, as its {@code .keras} files hold it: the name Keras 3 gives an optimizer of
     * this class ({@code adam}, {@code rm_sprop}), the learning rate (with {@link #decay()}, Keras 3's
     * {@code InverseTimeDecay} schedule, which computes it), the options every Keras 3 optimizer has (keras4j has
     * none of weight decay, clipping, EMA, loss scaling or gradient accumulation), then {@link #ownConfig()}.
     *
     * @throws UnsupportedOperationException naming what Keras 3 cannot compute (see {@link #keras3Obstacle()})
     */
    public final Map<String, Object> keras3Config() {
        String obstacle = keras3Obstacle();
        if (obstacle != null) {
            throw new UnsupportedOperationException(this + " cannot be written as a Keras 3 optimizer: " + obstacle);
        }
        return Hyperparameters.keras3Config(keras3Name(), learningRateConfig(), ownConfig());
    }

    /**
     * The config that every Keras from 2.0 to 3 compiles, for the {@code training_config} of an HDF5 model file:
     * tf.keras 2.0-2.10's layout ({@code name}, {@code learning_rate}, then {@link #ownConfig()}), the decay as Keras
     * 3's {@code InverseTimeDecay} schedule. tf.keras 2.11+'s {@link #config()} adds keys Keras 3 refuses
     * ({@code jit_compile}, {@code is_legacy_optimizer}). An optimizer Keras 3 cannot compute keeps {@link #config()},
     * the older Keras's own layout.
     */
    public final Map<String, Object> portableConfig() {
        if (keras3Obstacle() != null) {
            return config();
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", className());
        config.put("learning_rate", learningRateConfig());
        config.putAll(ownConfig());
        return config;
    }

    /** The name Keras 3 gives an optimizer of this class: its class name in snake case. */
    public String keras3Name() {
        return SnakeCase.of(className());
    }

    private Object learningRateConfig() {
        return decay() > 0 ? Hyperparameters.inverseTimeDecay(learningRate(), decay()) : learningRate();
    }

    /**
     * Keras 3's per-variable slots as its {@code build()} creates them, each with the DL4J state slot that holds it:
     * one group per {@code add_optimizer_variables} call, the slots of a group interleaved per model variable
     * ({@code [momentum, velocity]} gives {@code m0, v0, m1, v1...}, then the next group). Empty when the optimizer
     * keeps no state (SGD without momentum).
     */
    public abstract List<List<KerasSlot>> kerasSlots();

    /**
     * Keras 3's variables after the slots (Nadam's product of momentum factors, {@code u_product}) with their values
     * after {@code iterations} updates, by name; empty for most optimizers. keras4j's updaters compute them from the
     * iteration count.
     */
    public Map<String, Double> kerasTrailingVariables(long iterations) {
        return Map.of();
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
