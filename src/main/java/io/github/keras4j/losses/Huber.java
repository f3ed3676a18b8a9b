package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasHuber;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.Huber}: with {@code x = y_pred - y_true}, {@code 0.5 x^2} where {@code |x| <= delta},
 * else {@code delta |x| - 0.5 delta^2}, averaged over the last axis. Takes Keras's {@code delta} (default 1.0, must
 * be positive), {@code reduction} and {@code name} (default {@code "huber_loss"}).
 * <pre>{@code model.compile("sgd", new Huber(2.0))}</pre>
 * Keras 3 (up to 3.15 at least) leaves {@code delta} out of the config it saves, so a Keras 3 file of
 * {@code Huber(delta=2.0)} loads with delta 1.0, in Keras as here; tf.keras saves it.
 */
public final class Huber extends LossFunctionWrapper<Huber> {

    /** Keras's default {@code delta}: 1.0. */
    public static final double DEFAULT_DELTA = KerasHuber.DEFAULT_DELTA;

    private static final LossArguments ARGUMENTS = LossArguments.of("Huber", "huber_loss")
            .number("delta", DEFAULT_DELTA, value -> value > 0 && Double.isFinite(value), "> 0");

    /** Keras's defaults: delta 1.0. */
    public Huber() {
        super(ARGUMENTS);
    }

    /** Huber loss turning from quadratic to linear at {@code delta} (> 0). */
    public Huber(double delta) {
        this(ARGUMENTS.defaultName(), Reduction.SUM_OVER_BATCH_SIZE, Map.of("delta", ARGUMENTS.check("delta", delta)));
    }

    private Huber(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    /** Where the loss turns from quadratic to linear; default 1.0. */
    public double delta() {
        return number("delta");
    }

    /** A copy with this {@code delta} (> 0). */
    public Huber delta(double delta) {
        return with("delta", delta);
    }

    @Override
    Huber copy(String name, Reduction reduction, Map<String, Object> values) {
        return new Huber(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasHuber(delta());
    }
}
