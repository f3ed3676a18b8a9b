package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.Hyperparameters.KerasKey;
import io.github.keras4j.optimizers.Hyperparameters.Range;
import io.github.keras4j.optimizers.dl4j.KerasNadam;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Nadam, Adam with Nesterov momentum, Keras's {@code keras.optimizers.Nadam} (tf.keras 2.11+).
 * <pre>
 * u_t = beta_1 * (1 - 0.5 * 0.96^(t * schedule_decay)),   U_t = u_1 * ... * u_t
 * m = beta_1 * m + (1 - beta_1) * g
 * v = beta_2 * v + (1 - beta_2) * g^2
 * m_hat = u_{t+1} * m / (1 - U_{t+1}) + (1 - u_t) * g / (1 - U_t)
 * w = w - learning_rate * m_hat / (sqrt(v / (1 - beta_2^t)) + epsilon)
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.001, {@code beta_1} 0.9, {@code beta_2} 0.999, {@code epsilon} 1e-7
 * (the constants and the options are those Nadam shares with Adam and Adamax, see {@link AdaptiveMomentOptimizer}),
 * {@code schedule_decay} 1: tf.keras 2.11+ and Keras 3 compute {@code 0.96^t}; standalone Keras and tf.keras
 * 2.0-2.10 {@code 0.96^(0.004 t)}, see {@link #scheduleDecay(double)}. No Keras gave Nadam a learning-rate decay:
 * standalone Keras's {@code schedule_decay} (and tf.keras 2.0-2.10's {@code decay}, read as it) is its momentum
 * schedule.
 * <pre>{@code new Nadam()            new Nadam(0.002).beta1(0.95)            new Nadam().scheduleDecay(0.004)}</pre>
 * ND4J's own {@code Nadam} has neither this momentum schedule nor the
 * correction of v, so this is {@link KerasNadam}.
 */
public final class Nadam extends AdaptiveMomentOptimizer<Nadam> {

    /** tf.keras 2.11+'s and Keras 3's momentum schedule, {@code 0.96^t}: schedule_decay 1. */
    public static final double DEFAULT_SCHEDULE_DECAY = 1.0;
    /** The {@code schedule_decay} standalone Keras and tf.keras 2.0-2.10 default to: 0.004. */
    public static final double STANDALONE_SCHEDULE_DECAY = 0.004;
    private static final String SCHEDULE_DECAY = "schedule_decay";

    /**
     * tf.keras 2.11+ and Keras 3 have no key for another schedule: its config is then tf.keras 2.0-2.10's, under the
     * key {@code schedule_decay} (their Nadam writes {@code decay} but, reading it back, replaces it by
     * {@code schedule_decay}'s value, 0.004 when absent), and it is not written as a Keras 3 optimizer.
     */
    static final Hyperparameters<Nadam> HYPERPARAMETERS = adaptiveMoment("Nadam", Nadam::new)
            .number(SCHEDULE_DECAY, DEFAULT_SCHEDULE_DECAY, Range.AT_LEAST_ZERO, KerasKey.OLDER,
                    "Keras 3's Nadam computes its momentum schedule with 0.96^t, schedule_decay "
                            + DEFAULT_SCHEDULE_DECAY)
            .olderKerasReading(Nadam::olderKeras);

    /** Nadam with Keras's defaults. */
    public Nadam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Nadam with this learning rate (&gt;= 0) and Keras's other defaults. */
    public Nadam(double learningRate) {
        super(HYPERPARAMETERS, learningRate);
    }

    private Nadam(Map<String, Object> values) {
        super(HYPERPARAMETERS, values);
    }

    /**
     * How fast the momentum schedule {@code u_t = beta_1 * (1 - 0.5 * 0.96^(t * schedule_decay))} warms up, &gt;= 0;
     * default 1, tf.keras 2.11+'s and Keras 3's {@code 0.96^t}.
     */
    public double scheduleDecay() {
        return number(SCHEDULE_DECAY);
    }

    /**
     * A copy with this {@code schedule_decay}, &gt;= 0: {@link #STANDALONE_SCHEDULE_DECAY} (0.004) is standalone
     * Keras's ({@code schedule_decay}) and tf.keras 2.0-2.10's ({@code decay}) default. Its {@link #config()} is then
     * tf.keras 2.0-2.10's with {@code schedule_decay}, which every tf.keras 2.x reads as this schedule (Keras 3 refuses
     * the key).
     */
    public Nadam scheduleDecay(double scheduleDecay) {
        return with(SCHEDULE_DECAY, scheduleDecay);
    }

    /** Standalone Keras writes the momentum schedule as {@code schedule_decay}, tf.keras 2.0-2.10 as {@code decay}. */
    private static Map<String, Object> olderKeras(Map<String, Object> config) {
        if (config.containsKey(Hyperparameters.DECAY)) {
            if (config.containsKey(SCHEDULE_DECAY)) {
                throw new IllegalArgumentException("Nadam config " + config + " has both " + SCHEDULE_DECAY
                        + " (standalone Keras) and decay (tf.keras 2.0-2.10), two names for its momentum schedule");
            }
            config.put(SCHEDULE_DECAY, config.remove(Hyperparameters.DECAY));
        }
        return config;
    }

    /** Keras 3's {@code momentum} and {@code velocity}, {@link KerasNadam}'s two slots. */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        return List.of(List.of(KerasSlot.of("momentum", 0), KerasSlot.of("velocity", 1)));
    }

    /**
     * Keras 3's {@code u_product} (a variable it names {@code variable}): {@code u_1 * ... * u_t} after t updates,
     * which keras4j's updater computes from the iteration count.
     */
    @Override
    public Map<String, Double> kerasTrailingVariables(long iterations) {
        double product = 1.0;
        for (long t = 1; t <= iterations; t++) {
            product *= beta1() * (1 - 0.5 * Math.pow(0.96, t * scheduleDecay()));
        }
        return Map.of("variable", product);
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        return new KerasNadam(learningRate(), beta1(), beta2(), epsilon(), scheduleDecay());
    }
}
