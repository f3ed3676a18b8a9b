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

    /** {@code x.max(dimensions)} (or with the axes kept when {@code out} has x's rank). */
    public static Kernel max(INDArray x, int[] dimensions, INDArray out) {
        return along("reduce_max", x, dimensions, out);
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

    /** {@code x.sum(dimensions)} (or with the axes kept when {@code out} has x's rank). */
    public static Kernel sum(INDArray x, int[] dimensions, INDArray out) {
        return along("reduce_sum", x, dimensions, out);
    }

    /** {@code x.mean(dimensions)}. */
    public static Kernel mean(INDArray x, int[] dimensions, INDArray out) {
        return along("reduce_mean", x, dimensions, out);
    }

    /** {@code x.var(false, dimensions)}: the population variance. */
    public static Kernel variance(INDArray x, int[] dimensions, INDArray out) {
        INDArray target = reducedView(x, dimensions, out);
        return CustomKernel.of(DynamicCustomOp.builder("reduce_variance").addInputs(x).addOutputs(target)
                .addIntegerArguments(dimensions).addBooleanArguments(target.rank() == x.rank(), false).build());
    }

    /** {@code sum(x * y)} over every element into a scalar, as {@code Nd4j.exec(new Dot(x, y))}. */
    public static Kernel dot(INDArray x, INDArray y, INDArray scalar) {
        return new DotKernel(x, y, scalar);
    }

    private static Kernel along(String op, INDArray x, int dimension, INDArray out) {
        return along(op, x, new int[] {dimension}, out);
    }

    private static Kernel along(String op, INDArray x, int[] dimension, INDArray out) {
        INDArray target = reducedView(x, dimension, out);
        return CustomKernel.of(DynamicCustomOp.builder(op).addInputs(x).addOutputs(target)
                .addIntegerArguments(dimension).addBooleanArguments(target.rank() == x.rank()).build());
    }

    /**
     * {@code out} as the reduction's output: as it is when it has the reduced shape with or without the reduced axes,
     * else a view of it in the shape without them (a bias gradient [1, n] receiving a sum of shape [n], which ND4J's
     * legacy reductions accept).
     */
    private static INDArray reducedView(INDArray x, int[] dimension, INDArray out) {
        java.util.List<Long> kept = new java.util.ArrayList<>();
        java.util.List<Long> dropped = new java.util.ArrayList<>();
        for (int axis = 0; axis < x.rank(); axis++) {
            boolean reduced = false;
            for (int d : dimension) {
                reduced |= d == axis;
            }
            kept.add(reduced ? 1L : x.size(axis));
            if (!reduced) {
                dropped.add(x.size(axis));
            }
        }
        long[] keptShape = kept.stream().mapToLong(Long::longValue).toArray();
        long[] droppedShape = dropped.stream().mapToLong(Long::longValue).toArray();
        if (java.util.Arrays.equals(out.shape(), keptShape) || java.util.Arrays.equals(out.shape(), droppedShape)) {
            return out;
        }
        INDArray view = org.nd4j.linalg.api.shape.Shape.newShapeNoCopy(out, droppedShape, out.ordering() == 'f');
        if (view == null) {
            throw new IllegalArgumentException("a reduction of " + java.util.Arrays.toString(x.shape()) + " cannot "
                    + "write into an array of shape " + java.util.Arrays.toString(out.shape()));
        }
        return view;
    }

    private static Kernel all(String op, INDArray x, INDArray scalar) {
        return CustomKernel.of(DynamicCustomOp.builder(op).addInputs(x).addOutputs(scalar).build());
    }
}
