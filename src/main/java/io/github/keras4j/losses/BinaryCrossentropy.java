package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasBinaryCrossentropy;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.BinaryCrossentropy}: the binary crossentropy of each output, averaged over the last
 * axis. Arguments as Keras's, with Keras's defaults: {@code from_logits} false, {@code label_smoothing} 0 (labels
 * become {@code y (1 - label_smoothing) + 0.5 label_smoothing}), {@code axis} -1 (the only axis keras4j computes
 * over), {@code reduction} sum_over_batch_size, {@code name} {@code "binary_crossentropy"}. After a sigmoid the loss
 * is computed from the sigmoid's input, as Keras does whatever {@code from_logits} says; {@code fromLogits(true)}
 * is for outputs without a sigmoid ({@code Dense(1)}), whose values are then taken as logits.
 * <pre>{@code
 * model.compile("adam", new BinaryCrossentropy().labelSmoothing(0.1), "accuracy");
 * model.compile("adam", new BinaryCrossentropy().fromLogits(true));      // a linear last layer
 * }</pre>
 */
public final class BinaryCrossentropy extends SmoothedCrossentropy<BinaryCrossentropy> {

    private static final LossArguments ARGUMENTS = arguments("BinaryCrossentropy", "binary_crossentropy");

    /** Keras's defaults. */
    public BinaryCrossentropy() {
        super(ARGUMENTS);
    }

    private BinaryCrossentropy(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    BinaryCrossentropy copy(String name, Reduction reduction, Map<String, Object> values) {
        return new BinaryCrossentropy(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasBinaryCrossentropy(fromLogits(), labelSmoothing());
    }
}
