package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.dl4j.KerasRmsProp;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * RMSprop, Keras's {@code keras.optimizers.RMSprop} (tf.keras 2.11+).
 * <pre>
 * velocity = rho * velocity + (1 - rho) * g^2
 * average_gradient = rho * average_gradient + (1 - rho) * g                (centered only)
 * increment = learning_rate * g / sqrt(velocity + epsilon)
 *             or, centered, learning_rate * g / sqrt(velocity - average_gradient^2 + epsilon)
 * momentum &gt; 0: m = momentum * m + increment;  w = w - m
 * momentum = 0: w = w - increment
 * </pre>
 * Defaults as Keras: {@code learning_rate} 0.001, {@code rho} 0.9, {@code momentum} 0, {@code epsilon} 1e-7,
 * {@code centered} false (DL4J's own RmsProp: learning rate 0.1, decay 0.95, epsilon 1e-8 outside the root).
 * <pre>{@code new RMSprop()            new RMSprop(0.01).rho(0.95).momentum(0.9).centered(true)}</pre>
 * Older Keras add epsilon outside the square root, {@code g / (sqrt(velocity) + epsilon)}: standalone Keras (1.x,
 * 2.0-2.3) always, tf.keras 2.0-2.10 (and its legacy optimizers to 2.15) when momentum is 0; see
 * {@link #epsilonOutsideSqrt(boolean)}. In DL4J this is {@link KerasRmsProp}.
 */
public final class RMSprop extends Optimizer {

    /** Keras's default {@code learning_rate}: 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default {@code rho}: 0.9. */
    public static final double DEFAULT_RHO = 0.9;
    /** Keras's default {@code momentum}: 0. */
    public static final double DEFAULT_MOMENTUM = 0.0;
    /** Keras's default {@code epsilon}: 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** Keras's default {@code centered}: false. */
    public static final boolean DEFAULT_CENTERED = false;
    /** tf.keras 2.11+ and Keras 3 add epsilon inside the square root. */
    public static final boolean DEFAULT_EPSILON_OUTSIDE_SQRT = false;
    /** RMSprop is the one tf.keras optimizer whose {@code ema_overwrite_frequency} defaults to 100, not None. */
    private static final int KERAS_EMA_OVERWRITE_FREQUENCY = 100;

    private final double learningRate;
    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;
    private final boolean epsilonOutsideSqrt;

    /** RMSprop with Keras's defaults. */
    public RMSprop() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** RMSprop with this learning rate (&gt;= 0) and Keras's other defaults. */
    public RMSprop(double learningRate) {
        this(learningRate, DEFAULT_RHO, DEFAULT_MOMENTUM, DEFAULT_EPSILON, DEFAULT_CENTERED,
                DEFAULT_EPSILON_OUTSIDE_SQRT, 0.0);
    }

    private RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered,
            boolean epsilonOutsideSqrt, double decay) {
        super(decay);
        this.learningRate = Hyperparameters.learningRate(learningRate);
        this.rho = Hyperparameters.unitInterval("rho", rho);
        this.momentum = Hyperparameters.unitInterval("momentum", momentum);
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
        this.centered = centered;
        if (epsilonOutsideSqrt && momentum > 0) {
            // tf.keras 2.0-2.10 with momentum runs TF's RMSProp kernel, epsilon inside; standalone Keras has none.
            throw new IllegalArgumentException("RMSprop with epsilon outside the square root has no momentum in any "
                    + "Keras (tf.keras 2.0-2.10 adds epsilon inside when momentum > 0), received: momentum="
                    + momentum);
        }
        this.epsilonOutsideSqrt = epsilonOutsideSqrt;
    }

    @Override
    public String className() {
        return "RMSprop";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public RMSprop learningRate(double learningRate) {
        return new RMSprop(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt, decay());
    }

    /** The decay rate of the running averages, in [0, 1]; default 0.9. */
    public double rho() {
        return rho;
    }

    /** A copy with this {@code rho}, in [0, 1]. */
    public RMSprop rho(double rho) {
        return new RMSprop(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt, decay());
    }

    /** The momentum, in [0, 1]; default 0 (none). */
    public double momentum() {
        return momentum;
    }

    /** A copy with this {@code momentum}, in [0, 1]. */
    public RMSprop momentum(double momentum) {
        return new RMSprop(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt, decay());
    }

    /** The fuzz factor added under the square root (see {@link #epsilonOutsideSqrt()}), &gt;= 0; default 1e-7. */
    public double epsilon() {
        return epsilon;
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public RMSprop epsilon(double epsilon) {
        return new RMSprop(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt, decay());
    }

    /** Whether gradients are normalised by their estimated variance rather than their second moment; default false. */
    public boolean centered() {
        return centered;
    }

    /** A copy with the centered variant on or off. */
    public RMSprop centered(boolean centered) {
        return new RMSprop(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt, decay());
    }

    /**
     * Whether epsilon is added outside the square root, {@code g / (sqrt(velocity) + epsilon)} (centered:
     * {@code sqrt(velocity - average_gradient^2)}), as standalone Keras (1.x, 2.0-2.3) and tf.keras 2.0-2.10 without
     * momentum compute; default false, inside as tf.keras 2.11+ and Keras 3 compute.
     */
    public boolean epsilonOutsideSqrt() {
        return epsilonOutsideSqrt;
    }

    /**
     * A copy with epsilon outside the square root (older Keras, see {@link #epsilonOutsideSqrt()}) or inside. Outside
     * needs momentum 0, as in every Keras that computes it. Its {@link #config()} is then tf.keras 2.0-2.10's, with
     * {@code decay}, which tf.keras 2.x reads as that legacy RMSprop (Keras 3 would add epsilon inside).
     */
    public RMSprop epsilonOutsideSqrt(boolean epsilonOutsideSqrt) {
        return new RMSprop(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt, decay());
    }

    /**
     * A copy with Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate {@code decay}, &gt;= 0 (0 = off): the
     * update after {@code t} updates uses {@code learning_rate / (1 + decay * t)}, see {@link Optimizer#decay()}.
     * Keras 3 and tf.keras 2.11+ dropped it in favour of schedules. Older Keras's RMSprop with decay and no momentum
     * adds epsilon outside the square root: {@code new RMSprop(lr).decay(d).epsilonOutsideSqrt(true)} is standalone
     * Keras's {@code RMSprop(lr=lr, decay=d)}.
     */
    public RMSprop decay(double decay) {
        return new RMSprop(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt, decay);
    }

    @Override
    protected Map<String, Object> ownConfig() {
        return Hyperparameters.ordered("rho", rho, "momentum", momentum, "epsilon", epsilon, "centered", centered);
    }

    @Override
    protected String keras3Obstacle() {
        return epsilonOutsideSqrt ? "epsilon outside the square root (older Keras's rule; Keras 3 adds it inside)"
                : null;
    }

    /**
     * Keras 3's {@code velocity}, then {@code momentum} (momentum &gt; 0) and {@code average_gradient} (centered),
     * each its own group, as {@link KerasRmsProp} lays out its slots (its velocity may hold an offset).
     */
    @Override
    public List<List<KerasSlot>> kerasSlots() {
        KerasRmsProp dl4j = (KerasRmsProp) fixedRateUpdater();
        List<List<KerasSlot>> slots = new ArrayList<>();
        slots.add(List.of(new KerasSlot("velocity", 0, dl4j.velocityOffset())));
        if (momentum > 0) {
            slots.add(List.of(KerasSlot.of("momentum", slots.size())));
        }
        if (centered) {
            slots.add(List.of(KerasSlot.of("average_gradient", slots.size())));
        }
        return slots;
    }

    private Map<String, Object> hyperparameters() {
        Map<String, Object> hyperparameters = Hyperparameters.withDecay(decay(), ownConfig());
        if (epsilonOutsideSqrt) {
            hyperparameters.put("epsilon_outside_sqrt", true);
        }
        return hyperparameters;
    }

    /**
     * tf.keras 2.11+'s config; with epsilon outside the square root or with decay, which it has no key for, tf.keras
     * 2.0-2.10's, which every tf.keras 2.x reads as its legacy RMSprop: epsilon outside when momentum is 0, inside
     * (TF's kernel) when it is not. The one combination no older Keras computed, decay with epsilon inside and no
     * momentum, is tf.keras 2.11+'s config with the decay as its {@code InverseTimeDecay} schedule
     * ({@code learning_rate / (1 + decay * step)}), which Keras 3 and tf.keras 2.11+ read.
     */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> own = ownConfig();
        if (epsilonOutsideSqrt || decay() > 0 && momentum > 0) {
            Map<String, Object> legacy = Hyperparameters.ordered("decay", decay());
            legacy.putAll(own);
            return Hyperparameters.legacyConfig(className(), learningRate, legacy);
        }
        if (decay() > 0) {
            return Hyperparameters.kerasConfig(className(), KERAS_EMA_OVERWRITE_FREQUENCY,
                    Hyperparameters.inverseTimeDecay(learningRate, decay()), own);
        }
        return Hyperparameters.kerasConfig(className(), KERAS_EMA_OVERWRITE_FREQUENCY, learningRate, own);
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        return new KerasRmsProp(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RMSprop that && Double.compare(learningRate, that.learningRate) == 0
                && Double.compare(rho, that.rho) == 0 && Double.compare(momentum, that.momentum) == 0
                && Double.compare(epsilon, that.epsilon) == 0 && centered == that.centered
                && epsilonOutsideSqrt == that.epsilonOutsideSqrt && Double.compare(decay(), that.decay()) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, rho, momentum, epsilon, centered, epsilonOutsideSqrt, decay());
    }

    @Override
    public String toString() {
        return Hyperparameters.describe(className(), learningRate, hyperparameters());
    }
}
