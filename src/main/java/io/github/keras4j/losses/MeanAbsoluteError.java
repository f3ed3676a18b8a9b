package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasMeanAbsoluteError;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.MeanAbsoluteError}: {@code mean(|y_pred - y_true|, axis=-1)}. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "mean_absolute_error"}).
 * <pre>{@code model.compile("adam", new MeanAbsoluteError())      new MeanAbsoluteError().reduction(Reduction.SUM)}</pre>
 */
public final class MeanAbsoluteError extends LossFunctionWrapper<MeanAbsoluteError> {

    private static final LossArguments ARGUMENTS = LossArguments.of("MeanAbsoluteError", "mean_absolute_error");

    /** Keras's defaults. */
    public MeanAbsoluteError() {
        super(ARGUMENTS);
    }

    private MeanAbsoluteError(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    MeanAbsoluteError copy(String name, Reduction reduction, Map<String, Object> values) {
        return new MeanAbsoluteError(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasMeanAbsoluteError();
    }
}
