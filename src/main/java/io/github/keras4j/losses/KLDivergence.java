package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasKLDivergence;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.KLDivergence}: {@code sum(y log(y / p), axis=-1)} with y and p clipped to {@code [1e-7, 1]}. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "kl_divergence"}).
 * <pre>{@code model.compile("adam", new KLDivergence())      new KLDivergence().reduction(Reduction.SUM)}</pre>
 */
public final class KLDivergence extends LossFunctionWrapper<KLDivergence> {

    private static final LossArguments ARGUMENTS = LossArguments.of("KLDivergence", "kl_divergence");

    /** Keras's defaults. */
    public KLDivergence() {
        super(ARGUMENTS);
    }

    private KLDivergence(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    KLDivergence copy(String name, Reduction reduction, Map<String, Object> values) {
        return new KLDivergence(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasKLDivergence();
    }
}
