package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasHinge;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.Hinge}: {@code mean(max(1 - y_true y_pred, 0), axis=-1)}, 0/1 labels mapped to -1/1. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "hinge"}).
 * <pre>{@code model.compile("adam", new Hinge())      new Hinge().reduction(Reduction.SUM)}</pre>
 */
public final class Hinge extends LossFunctionWrapper<Hinge> {

    private static final LossArguments ARGUMENTS = LossArguments.of("Hinge", "hinge");

    /** Keras's defaults. */
    public Hinge() {
        super(ARGUMENTS);
    }

    private Hinge(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    Hinge copy(String name, Reduction reduction, Map<String, Object> values) {
        return new Hinge(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasHinge();
    }
}
