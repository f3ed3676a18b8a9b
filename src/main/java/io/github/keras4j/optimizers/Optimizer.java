package io.github.keras4j.optimizers;

import io.github.keras4j.internal.SnakeCase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * An optimizer as {@code model.compile(optimizer=...)} takes it (Keras's {@code keras.optimizers.Optimizer}):
 * {@link SGD}, {@link Adam}, {@link RMSprop}... Immutable: fluent setters return a new instance. Each class's
 * hyperparameters are one description ({@code Hyperparameters}: Keras name, default, check), behind its setters, its
 * Keras configs ({@link #config()}, {@link #keras3Config()}, {@link #portableConfig()}), {@code equals},
 * {@code hashCode} and {@code toString}; the class itself adds its getters and setters, its DL4J updater and where
 * that updater's state holds Keras 3's optimizer variables ({@link #kerasSlots()}).
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

    /**
     * Keras 3's {@code get_config()}, as its {@code .keras} files hold it: the name Keras 3 gives an optimizer of
     * this class ({@code adam}, {@code rm_sprop}), the learning rate (with {@link #decay()}, Keras 3's
     * {@code InverseTimeDecay} schedule, which computes it), the options every Keras 3 optimizer has (keras4j has
     * none of weight decay, clipping, EMA, loss scaling or gradient accumulation), then the class's own keys.
     *
     * @throws UnsupportedOperationException naming what Keras 3 cannot compute (a rule only older Keras had, such as
     *         RMSprop's epsilon outside the square root or Nadam's {@code schedule_decay})
     */
    public final Map<String, Object> keras3Config() {
        return OptimizerConfigs.writeKeras3(this);
    }

    /**
     * The config that every Keras from 2.0 to 3 compiles, for the {@code training_config} of an HDF5 model file:
     * tf.keras 2.0-2.10's layout ({@code name}, {@code learning_rate}, then the class's own keys), the decay as Keras
     * 3's {@code InverseTimeDecay} schedule. tf.keras 2.11+'s {@link #config()} adds keys Keras 3 refuses
     * ({@code jit_compile}, {@code is_legacy_optimizer}). An optimizer Keras 3 cannot compute keeps {@link #config()},
     * the older Keras's own layout.
     */
    public final Map<String, Object> portableConfig() {
        return OptimizerConfigs.writePortable(this);
    }

    /** The name Keras 3 gives an optimizer of this class: its class name in snake case. */
    public final String keras3Name() {
        return SnakeCase.of(className());
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

    /**
     * One hyperparameter by its Keras name (as {@code get_config()} names it: {@code "momentum"}, {@code "nesterov"},
     * {@code "beta_1"}...): a {@code Double} or a {@code Boolean}, or empty when this optimizer's class has none.
     */
    public final Optional<Object> hyperparameter(String kerasName) {
        return Optional.ofNullable(values.get(kerasName));
    }

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
