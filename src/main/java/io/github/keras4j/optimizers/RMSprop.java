package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.Hyperparameters.KerasKey;
import io.github.keras4j.optimizers.Hyperparameters.Range;
import io.github.keras4j.optimizers.dl4j.KerasRmsProp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * {@link #epsilonOutsideSqrt(boolean)}. Keras 1/2's learning-rate {@code decay} ({@link TimeBasedDecay}): older
 * Keras's RMSprop with decay and no momentum adds epsilon outside the square root, so
 * {@code new RMSprop(lr).decay(d).epsilonOutsideSqrt(true)} is standalone Keras's {@code RMSprop(lr=lr, decay=d)}.
 * In DL4J this is {@link KerasRmsProp}.
 */
public final class RMSprop extends FluentOptimizer<RMSprop> implements TimeBasedDecay<RMSprop> {

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
    private static final String MOMENTUM = "momentum";
    private static final String EPSILON_OUTSIDE_SQRT = "epsilon_outside_sqrt";

    /**
     * With epsilon outside the square root, or with decay and momentum, the config is tf.keras 2.0-2.10's, which
     * every tf.keras 2.x reads as its legacy RMSprop: epsilon outside when momentum is 0, inside (TF's kernel) when it
     * is not. The one combination no older Keras computed, decay with epsilon inside and no momentum, is tf.keras
     * 2.11+'s config with the decay as its {@code InverseTimeDecay} schedule, which Keras 3 and tf.keras 2.11+ read.
     * RMSprop is the one tf.keras optimizer whose {@code ema_overwrite_frequency} defaults to 100, not None.
     */
    static final Hyperparameters<RMSprop> HYPERPARAMETERS = Hyperparameters.of("RMSprop", DEFAULT_LEARNING_RATE,
                    RMSprop::new)
            .timeBasedDecay()
            .number("rho", DEFAULT_RHO, Range.UNIT_INTERVAL)
            .number(MOMENTUM, DEFAULT_MOMENTUM, Range.UNIT_INTERVAL)
            .number("epsilon", DEFAULT_EPSILON, Range.AT_LEAST_ZERO)
            .flag("centered", DEFAULT_CENTERED)
            .flag(EPSILON_OUTSIDE_SQRT, DEFAULT_EPSILON_OUTSIDE_SQRT, KerasKey.NONE,
                    "epsilon outside the square root, older Keras's rule; Keras 3 adds it inside")
            .emaOverwriteFrequency(100)
            .olderKerasConfigWhen(rmsprop -> rmsprop.epsilonOutsideSqrt() || rmsprop.decay() > 0
                    && rmsprop.momentum() > 0)
            .olderKerasReading(RMSprop::olderKeras);

    /** RMSprop with Keras's defaults. */
    public RMSprop() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** RMSprop with this learning rate (&gt;= 0) and Keras's other defaults. */
    public RMSprop(double learningRate) {
        super(HYPERPARAMETERS, learningRate);
    }

    private RMSprop(Map<String, Object> values) {
        super(HYPERPARAMETERS, values);
        if (epsilonOutsideSqrt() && momentum() > 0) {
            // tf.keras 2.0-2.10 with momentum runs TF's RMSProp kernel, epsilon inside; standalone Keras has none.
            throw new IllegalArgumentException("RMSprop with epsilon outside the square root has no momentum in any "
                    + "Keras (tf.keras 2.0-2.10 adds epsilon inside when momentum > 0), received: momentum="
                    + momentum());
        }
    }

    /** The decay rate of the running averages, in [0, 1]; default 0.9. */
    public double rho() {
        return number("rho");
    }

    /** A copy with this {@code rho}, in [0, 1]. */
    public RMSprop rho(double rho) {
        return with("rho", rho);
    }

    /** The momentum, in [0, 1]; default 0 (none). */
    public double momentum() {
        return number(MOMENTUM);
    }

    /** A copy with this {@code momentum}, in [0, 1]. */
    public RMSprop momentum(double momentum) {
        return with(MOMENTUM, momentum);
    }

    /** The fuzz factor added under the square root (see {@link #epsilonOutsideSqrt()}), &gt;= 0; default 1e-7. */
    public double epsilon() {
        return number("epsilon");
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public RMSprop epsilon(double epsilon) {
        return with("epsilon", epsilon);
    }

    /** Whether gradients are normalised by their estimated variance rather than their second moment; default false. */
    public boolean centered() {
        return flag("centered");
    }

    /** A copy with the centered variant on or off. */
    public RMSprop centered(boolean centered) {
        return with("centered", centered);
    }

    /**
     * Whether epsilon is added outside the square root, {@code g / (sqrt(velocity) + epsilon)} (centered:
     * {@code sqrt(velocity - average_gradient^2)}), as standalone Keras (1.x, 2.0-2.3) and tf.keras 2.0-2.10 without
     * momentum compute; default false, inside as tf.keras 2.11+ and Keras 3 compute.
     */
    public boolean epsilonOutsideSqrt() {
        return flag(EPSILON_OUTSIDE_SQRT);
    }

    /**
     * A copy with epsilon outside the square root (older Keras, see {@link #epsilonOutsideSqrt()}) or inside. Outside
     * needs momentum 0, as in every Keras that computes it. Its {@link #config()} is then tf.keras 2.0-2.10's, with
     * {@code decay}, which tf.keras 2.x reads as that legacy RMSprop; Keras 3 would add epsilon inside, so
     * {@link #keras3Config()} (and a {@code .keras} file) refuses it.
     */
    public RMSprop epsilonOutsideSqrt(boolean epsilonOutsideSqrt) {
        return with(EPSILON_OUTSIDE_SQRT, epsilonOutsideSqrt);
    }

    /**
     * Older Keras's RMSprop adds epsilon outside the square root: standalone Keras always, tf.keras 2.0-2.10 when its
     * momentum is 0 (else TF's kernel adds it inside). Both write {@code decay}, which tf.keras 2.11+ and Keras 3 never
     * write; Keras 1.0-1.1 wrote neither {@code decay} nor {@code momentum} nor {@code centered}.
     */
    private static Map<String, Object> olderKeras(Map<String, Object> config) {
        boolean olderKeras = config.containsKey(Hyperparameters.DECAY)
                || !config.containsKey("centered") && !config.containsKey(MOMENTUM);
        Object momentum = config.get(MOMENTUM);
        if (olderKeras && (momentum == null || momentum instanceof Number number && number.doubleValue() == 0)) {
            config.put(EPSILON_OUTSIDE_SQRT, true);
        }
        return config;
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
        if (momentum() > 0) {
            slots.add(List.of(KerasSlot.of(MOMENTUM, slots.size())));
        }
        if (centered()) {
            slots.add(List.of(KerasSlot.of("average_gradient", slots.size())));
        }
        return slots;
    }

    @Override
    protected IUpdater fixedRateUpdater() {
        return new KerasRmsProp(learningRate(), rho(), momentum(), epsilon(), centered(), epsilonOutsideSqrt());
    }
}
