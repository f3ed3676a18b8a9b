package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasPoisson;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.Poisson}: {@code mean(y_pred - y_true log(y_pred + 1e-7), axis=-1)}. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "poisson"}).
 * <pre>{@code model.compile("adam", new Poisson())      new Poisson().reduction(Reduction.SUM)}</pre>
 */
public final class Poisson extends LossFunctionWrapper<Poisson> {

    private static final LossArguments ARGUMENTS = LossArguments.of("Poisson", "poisson");

    /** Keras's defaults. */
    public Poisson() {
        super(ARGUMENTS);
    }

    private Poisson(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    Poisson copy(String name, Reduction reduction, Map<String, Object> values) {
        return new Poisson(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasPoisson();
    }
}
