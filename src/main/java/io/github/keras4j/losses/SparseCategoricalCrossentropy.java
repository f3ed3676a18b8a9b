package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasSparseCategoricalCrossentropy;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.SparseCategoricalCrossentropy}: categorical crossentropy of integer class labels in
 * one column. Arguments as Keras's, with Keras's defaults: {@code from_logits} false, {@code ignore_class} None (the
 * only value keras4j takes), {@code axis} -1, {@code reduction} sum_over_batch_size, {@code name}
 * {@code "sparse_categorical_crossentropy"}. After a softmax the loss is computed from the softmax's input, as Keras
 * does whatever {@code from_logits} says; {@code fromLogits(true)} is for outputs without a softmax.
 * <pre>{@code
 * model.add(new Dense(10));                                            // logits
 * model.compile("adam", new SparseCategoricalCrossentropy().fromLogits(true), "accuracy");
 * }</pre>
 */
public final class SparseCategoricalCrossentropy extends LossFunctionWrapper<SparseCategoricalCrossentropy> {

    private static final LossArguments ARGUMENTS =
            LossArguments.of("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy")
                    .flag("from_logits", false)
                    .onlyNone("ignore_class", "a class whose samples count for nothing needs masked reductions")
                    .lastAxis();

    /** Keras's defaults. */
    public SparseCategoricalCrossentropy() {
        super(ARGUMENTS);
    }

    private SparseCategoricalCrossentropy(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    /** Whether the model's outputs are logits rather than probabilities; default false. */
    public boolean fromLogits() {
        return flag("from_logits");
    }

    /** A copy that takes the outputs as logits (true) or probabilities (false, the default). */
    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) {
        return with("from_logits", fromLogits);
    }

    @Override
    public boolean sparseLabels() {
        return true;
    }

    @Override
    SparseCategoricalCrossentropy copy(String name, Reduction reduction, Map<String, Object> values) {
        return new SparseCategoricalCrossentropy(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasSparseCategoricalCrossentropy(fromLogits());
    }
}
