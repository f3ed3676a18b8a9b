package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * Reductions as custom kernels: ND4J's legacy reduction objects ({@code Sum}, {@code Norm2}) create arrays each time
 * they run, while the custom operations of the same names run the same native reduction into an array given once.
 */
public final class Reductions {

    private Reductions() {
    }

    /** {@code out = sum(x, dimension)}, into an array with or without the reduced axis ({@code INDArray.sum(out, dimension)}). */
    public static Kernel sum(INDArray x, int dimension, INDArray out) {
        return along("reduce_sum", x, dimension, out);
    }

    /** {@code out = sum(x)} over every element ({@code sumNumber()}), into a scalar. */
    public static Kernel sumAll(INDArray x, INDArray scalar) {
        if (x.isScalar()) {
            // sumNumber() returns a one-element matrix's value as it is.
            return Kernels.copy(x.reshape(scalar.shape()), scalar);
        }
        return all("reduce_sum", x, scalar);
    }

    /** {@code out = mean(x, dimension)}, keeping the reduced axis. */
    public static Kernel mean(INDArray x, int dimension, INDArray out) {
        return along("reduce_mean", x, dimension, out);
    }

    /** {@code max(x, dimension)}, keeping the reduced axis. */
    public static Kernel max(INDArray x, int dimension, INDArray out) {
        return along("reduce_max", x, dimension, out);
    }

    /** The Euclidean norm along an axis, keeping it. */
    public static Kernel norm2(INDArray x, int dimension, INDArray out) {
        return along("reduce_norm2", x, dimension, out);
    }

    /** The Euclidean norm of every element ({@code norm2Number()}), into a scalar. */
    public static Kernel norm2All(INDArray x, INDArray scalar) {
        return all("reduce_norm2", x, scalar);
    }

    /** The sum of absolute values of every element ({@code norm1Number()}), into a scalar. */
    public static Kernel norm1All(INDArray x, INDArray scalar) {
        return all("reduce_norm1", x, scalar);
    }

    /** {@code sum(x * y)} over every element into a scalar, as {@code Nd4j.exec(new Dot(x, y))}. */
    public static Kernel dot(INDArray x, INDArray y, INDArray scalar) {
        return new DotKernel(x, y, scalar);
    }

    private static Kernel along(String op, INDArray x, int dimension, INDArray out) {
        // The reduced axis is kept when the output has the input's rank (a bias gradient [1, units]).
        return CustomKernel.of(DynamicCustomOp.builder(op).addInputs(x).addOutputs(out)
                .addIntegerArguments(dimension).addBooleanArguments(out.rank() == x.rank()).build());
    }

    private static Kernel all(String op, INDArray x, INDArray scalar) {
        return CustomKernel.of(DynamicCustomOp.builder(op).addInputs(x).addOutputs(scalar).build());
    }
}
