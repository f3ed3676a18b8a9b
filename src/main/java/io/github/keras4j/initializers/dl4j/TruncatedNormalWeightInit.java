package io.github.keras4j.initializers.dl4j;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code TruncatedNormal} as a DL4J weight initializer: N(mean, stddev^2) with every value more than
 * 2 stddev from the mean drawn again. DL4J's {@code TruncatedNormalDistribution} would be the built-in
 * counterpart, but the ND4J op behind it is faulty in 1.0.0-M2.1 (see {@link RandomFill}).
 *
 * @param mean   the mean
 * @param stddev the standard deviation before truncation, positive
 */
public record TruncatedNormalWeightInit(
        @JsonProperty("mean") double mean,
        @JsonProperty("stddev") double stddev) implements IWeightInit {

    /** Validates the arguments. */
    @JsonCreator
    public TruncatedNormalWeightInit {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be a finite number, received: " + mean);
        }
        if (!(stddev > 0.0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("stddev must be positive, received: " + stddev);
        }
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        RandomFill.truncatedNormal(paramView, mean, stddev);
        return paramView.reshape(order, shape);
    }
}
