package io.github.keras4j.initializers.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Identity} as a DL4J weight initializer: {@code gain} on the main diagonal, zero elsewhere, for
 * any 2-D shape ({@code tf.eye(rows, cols)}). DL4J's {@code WeightInitIdentity} accepts square matrices only.
 *
 * @param gain the value on the diagonal
 */
public record IdentityWeightInit(@JsonProperty("gain") double gain) implements IWeightInit {

    /** Validates the gain. */
    @JsonCreator
    public IdentityWeightInit {
        if (!Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be a finite number, received: " + gain);
        }
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("Identity matrix initializer can only be used for 2D matrices, received shape "
                    + Arrays.toString(shape));
        }
        INDArray weights = paramView.reshape(order, shape);
        weights.assign(0.0);
        long diagonal = Math.min(shape[0], shape[1]);
        for (long i = 0; i < diagonal; i++) {
            weights.putScalar(i, i, gain);
        }
        return weights;
    }
}
