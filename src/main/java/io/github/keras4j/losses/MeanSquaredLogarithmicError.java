package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasMeanSquaredLogarithmicError;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.MeanSquaredLogarithmicError}: {@code mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))^2, axis=-1)}. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "mean_squared_logarithmic_error"}).
 * <pre>{@code model.compile("adam", new MeanSquaredLogarithmicError())      new MeanSquaredLogarithmicError().reduction(Reduction.SUM)}</pre>
 */
public final class MeanSquaredLogarithmicError extends LossFunctionWrapper<MeanSquaredLogarithmicError> {

    private static final LossArguments ARGUMENTS = LossArguments.of("MeanSquaredLogarithmicError", "mean_squared_logarithmic_error");

    /** Keras's defaults. */
    public MeanSquaredLogarithmicError() {
        super(ARGUMENTS);
    }

    private MeanSquaredLogarithmicError(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    MeanSquaredLogarithmicError copy(String name, Reduction reduction, Map<String, Object> values) {
        return new MeanSquaredLogarithmicError(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasMeanSquaredLogarithmicError();
    }
}
