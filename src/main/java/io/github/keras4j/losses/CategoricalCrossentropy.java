package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasCategoricalCrossentropy;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.CategoricalCrossentropy}: {@code -sum(y log p)} over the classes of one-hot (or soft)
 * labels. Arguments as Keras's, with Keras's defaults: {@code from_logits} false, {@code label_smoothing} 0 (labels
 * become {@code y (1 - label_smoothing) + label_smoothing / classes}), {@code axis} -1 (the only axis keras4j
 * computes over), {@code reduction} sum_over_batch_size, {@code name} {@code "categorical_crossentropy"}. After a
 * softmax the loss is computed from the softmax's input, as Keras does whatever {@code from_logits} says;
 * {@code fromLogits(true)} is for outputs without a softmax, whose values are then taken as logits.
 * <pre>{@code
 * model.compile("adam", new CategoricalCrossentropy().labelSmoothing(0.1), "accuracy");
 * }</pre>
 */
public final class CategoricalCrossentropy extends SmoothedCrossentropy<CategoricalCrossentropy> {

    private static final LossArguments ARGUMENTS = arguments("CategoricalCrossentropy", "categorical_crossentropy");

    /** Keras's defaults. */
    public CategoricalCrossentropy() {
        super(ARGUMENTS);
    }

    private CategoricalCrossentropy(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    CategoricalCrossentropy copy(String name, Reduction reduction, Map<String, Object> values) {
        return new CategoricalCrossentropy(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasCategoricalCrossentropy(fromLogits(), labelSmoothing());
    }
}
