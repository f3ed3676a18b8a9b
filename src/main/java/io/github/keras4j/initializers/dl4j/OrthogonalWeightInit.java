package io.github.keras4j.initializers.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Orthogonal} as a DL4J weight initializer, by Keras's algorithm: a standard normal matrix of shape
 * (max(rows, cols), min(rows, cols)), its reduced QR decomposition (LAPACK's geqrf and orgqr through ND4J), Q's
 * columns multiplied by the signs of R's diagonal (which makes the result Haar-distributed), transposed when
 * rows &lt; cols, times {@code gain}. The result has orthonormal columns (rows when the matrix is wide), scaled.
 * <p>
 * Only 2-D weights (a Dense kernel, shape [inputs, units]) are supported: DL4J lays out higher-rank kernels in
 * another order than Keras, so Keras's flattening would not apply to them.
 *
 * @param gain the factor the orthogonal matrix is multiplied by
 */
public record OrthogonalWeightInit(@JsonProperty("gain") double gain) implements IWeightInit {

    /** Validates the gain. */
    @JsonCreator
    public OrthogonalWeightInit {
        if (!Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be a finite number, received: " + gain);
        }
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("The tensor to initialize must be at least two-dimensional, received shape "
                    + Arrays.toString(shape));
        }
        if (shape.length > 2) {
            throw new UnsupportedOperationException("orthogonal initialization is supported for 2-D weights only,"
                    + " received shape " + Arrays.toString(shape));
        }
        long rows = shape[0];
        long cols = shape[1];
        long tall = Math.max(rows, cols);
        long narrow = Math.min(rows, cols);
        // LAPACK wants column-major input; double precision keeps Q orthogonal to ~1e-15 before the cast to float.
        INDArray q = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {tall, narrow}, 'f');
        RandomFill.normal(q, 0.0, 1.0);
        INDArray r = Nd4j.create(DataType.DOUBLE, new long[] {narrow, narrow}, 'f');
        Nd4j.getBlasWrapper().lapack().geqrf(q, r);
        double[] scaledSigns = new double[(int) narrow];
        for (int i = 0; i < narrow; i++) {
            scaledSigns[i] = gain * Math.signum(r.getDouble(i, i));
        }
        q.muliRowVector(Nd4j.createFromArray(scaledSigns));
        INDArray weights = paramView.reshape(order, shape);
        weights.assign(rows < cols ? q.transpose() : q);
        return weights;
    }
}
