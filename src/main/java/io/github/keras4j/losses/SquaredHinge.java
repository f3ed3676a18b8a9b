package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasSquaredHinge;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.SquaredHinge}: {@code mean(max(1 - y_true y_pred, 0)^2, axis=-1)}, 0/1 labels mapped to -1/1. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "squared_hinge"}).
 * <pre>{@code model.compile("adam", new SquaredHinge())      new SquaredHinge().reduction(Reduction.SUM)}</pre>
 */
public final class SquaredHinge extends LossFunctionWrapper<SquaredHinge> {

    private static final LossArguments ARGUMENTS = LossArguments.of("SquaredHinge", "squared_hinge");

    /** Keras's defaults. */
    public SquaredHinge() {
        super(ARGUMENTS);
    }

    private SquaredHinge(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    SquaredHinge copy(String name, Reduction reduction, Map<String, Object> values) {
        return new SquaredHinge(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasSquaredHinge();
    }
}
