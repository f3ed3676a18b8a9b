package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasCosineSimilarity;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.CosineSimilarity}: {@code -sum(l2_normalize(y_true) l2_normalize(y_pred), axis=-1)}.
 * Takes Keras's {@code axis} (-1, the only axis keras4j computes over), {@code reduction} and {@code name} (default
 * {@code "cosine_similarity"}).
 */
public final class CosineSimilarity extends LossFunctionWrapper<CosineSimilarity> {

    private static final LossArguments ARGUMENTS = LossArguments.of("CosineSimilarity", "cosine_similarity")
            .lastAxis();

    /** Keras's defaults. */
    public CosineSimilarity() {
        super(ARGUMENTS);
    }

    private CosineSimilarity(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    CosineSimilarity copy(String name, Reduction reduction, Map<String, Object> values) {
        return new CosineSimilarity(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasCosineSimilarity();
    }
}
