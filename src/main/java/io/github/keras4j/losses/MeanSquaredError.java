package io.github.keras4j.losses;

import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.MeanSquaredError}: {@code mean((y_pred - y_true)^2, axis=-1)}; DL4J's {@code LossMSE} computes exactly this. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "mean_squared_error"}).
 * <pre>{@code model.compile("adam", new MeanSquaredError())      new MeanSquaredError().reduction(Reduction.SUM)}</pre>
 */
public final class MeanSquaredError extends LossFunctionWrapper<MeanSquaredError> {

    private static final LossArguments ARGUMENTS = LossArguments.of("MeanSquaredError", "mean_squared_error");

    /** Keras's defaults. */
    public MeanSquaredError() {
        super(ARGUMENTS);
    }

    private MeanSquaredError(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    MeanSquaredError copy(String name, Reduction reduction, Map<String, Object> values) {
        return new MeanSquaredError(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new LossMSE();
    }
}
