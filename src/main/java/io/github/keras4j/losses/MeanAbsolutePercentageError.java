package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasMeanAbsolutePercentageError;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.MeanAbsolutePercentageError}: {@code 100 mean(|y_true - y_pred| / max(|y_true|, 1e-7), axis=-1)}. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "mean_absolute_percentage_error"}).
 * <pre>{@code model.compile("adam", new MeanAbsolutePercentageError())      new MeanAbsolutePercentageError().reduction(Reduction.SUM)}</pre>
 */
public final class MeanAbsolutePercentageError extends LossFunctionWrapper<MeanAbsolutePercentageError> {

    private static final LossArguments ARGUMENTS = LossArguments.of("MeanAbsolutePercentageError", "mean_absolute_percentage_error");

    /** Keras's defaults. */
    public MeanAbsolutePercentageError() {
        super(ARGUMENTS);
    }

    private MeanAbsolutePercentageError(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    MeanAbsolutePercentageError copy(String name, Reduction reduction, Map<String, Object> values) {
        return new MeanAbsolutePercentageError(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasMeanAbsolutePercentageError();
    }
}
