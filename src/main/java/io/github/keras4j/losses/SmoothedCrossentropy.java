package io.github.keras4j.losses;

import java.util.Map;

/**
 * What {@link BinaryCrossentropy} and {@link CategoricalCrossentropy} share, as Keras's two classes do: the arguments
 * {@code from_logits} (default false), {@code label_smoothing} (default 0) and {@code axis} (-1, the only axis keras4j
 * computes over).
 *
 * @param <T> the concrete loss class, which the setters return
 */
public abstract class SmoothedCrossentropy<T extends SmoothedCrossentropy<T>> extends LossFunctionWrapper<T> {

    SmoothedCrossentropy(LossArguments arguments) {
        super(arguments);
    }

    SmoothedCrossentropy(LossArguments arguments, String name, Reduction reduction, Map<String, Object> values) {
        super(arguments, name, reduction, values);
    }

    /** The arguments of a crossentropy class of this kind, in Keras's order. */
    static LossArguments arguments(String className, String defaultName) {
        return LossArguments.of(className, defaultName)
                .flag("from_logits", false)
                .number("label_smoothing", 0.0, value -> value >= 0 && value <= 1, "in [0, 1]")
                .lastAxis();
    }

    /** Whether the model's outputs are logits rather than probabilities; default false. */
    public final boolean fromLogits() {
        return flag("from_logits");
    }

    /** A copy that takes the outputs as logits (true) or probabilities (false, the default). */
    public final T fromLogits(boolean fromLogits) {
        return with("from_logits", fromLogits);
    }

    /** How far labels are pulled towards the uniform label; default 0. */
    public final double labelSmoothing() {
        return number("label_smoothing");
    }

    /** A copy that smooths the labels by {@code labelSmoothing}, in [0, 1]. */
    public final T labelSmoothing(double labelSmoothing) {
        return with("label_smoothing", labelSmoothing);
    }
}
