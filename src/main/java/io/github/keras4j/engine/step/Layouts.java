package io.github.keras4j.engine.step;

import java.util.Arrays;
import java.util.Comparator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** How arrays lie in memory, for kernels that may run on any layout of their arrays. */
final class Layouts {

    private Layouts() {
    }

    /**
     * Rank-1 views of {@code arrays}' memory, element {@code i} of each view the same element of each array, where the
     * arrays share one shape and one set of strides, lie contiguously in memory, and are not already contiguous in
     * their own order (so that a kernel on them would take libnd4j's per-element offset loops); else null.
     */
    static INDArray[] flatViews(INDArray... arrays) {
        INDArray first = arrays[0];
        for (INDArray array : arrays) {
            if (!Arrays.equals(array.shape(), first.shape()) || !Arrays.equals(array.stride(), first.stride())) {
                return null;
            }
        }
        if (first.elementWiseStride() == 1 || first.rank() < 2) {
            return null;
        }
        int[] order = memoryOrder(first.shape(), first.stride());
        INDArray[] views = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            views[i] = Shape.newShapeNoCopy(arrays[i].permute(order), new long[] {arrays[i].length()}, false);
            if (views[i] == null || views[i].elementWiseStride() != 1) {
                return null;
            }
        }
        return views;
    }

    /** The dimensions from the largest stride to the smallest (those of size 1 first: their strides do not matter). */
    private static int[] memoryOrder(long[] shape, long[] stride) {
        Integer[] dimensions = new Integer[shape.length];
        for (int i = 0; i < dimensions.length; i++) {
            dimensions[i] = i;
        }
        Arrays.sort(dimensions, Comparator.<Integer>comparingLong(d -> shape[d] == 1 ? 0 : 1)
                .thenComparing(Comparator.<Integer>comparingLong(d -> stride[d]).reversed()));
        return Arrays.stream(dimensions).mapToInt(Integer::intValue).toArray();
    }
}
