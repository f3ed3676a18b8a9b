package io.github.keras4j.optimizers.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Helpers shared by our gradient updaters: slicing the state view, checking state maps, scratch buffers. */
final class StateViews {

    private StateViews() {
    }

    /**
     * Splits DL4J's flat state view into {@code parts} equal views shaped like the gradient; no copies, so the
     * updater writes straight into the network's updater state.
     */
    static INDArray[] split(INDArray viewArray, int parts, long[] gradientShape, char gradientOrder) {
        INDArray flat = viewArray.reshape(viewArray.length());
        long partLength = flat.length() / parts;
        if (partLength * parts != flat.length()) {
            throw new IllegalArgumentException("updater state of length " + flat.length()
                    + " cannot hold " + parts + " equal parts");
        }
        INDArray[] views = new INDArray[parts];
        for (int i = 0; i < parts; i++) {
            INDArray part = flat.get(NDArrayIndex.interval(i * partLength, (i + 1) * partLength));
            views[i] = Shape.newShapeNoCopy(part, gradientShape, gradientOrder == 'f');
            if (views[i] == null) {
                throw new IllegalStateException("could not reshape the updater state view to the gradient's shape");
            }
        }
        return views;
    }

    /** Checks that {@code state} holds exactly {@code keys}. */
    static void requireKeys(Map<String, INDArray> state, String... keys) {
        boolean ok = state != null && state.size() == keys.length;
        for (int i = 0; ok && i < keys.length; i++) {
            ok = state.containsKey(keys[i]);
        }
        if (!ok) {
            throw new IllegalStateException("updater state must hold exactly the keys " + String.join(", ", keys)
                    + ", received: " + (state == null ? null : state.keySet()));
        }
    }

    /**
     * A working buffer shaped like {@code gradient}: {@code current} when it fits, else a new one allocated outside
     * any workspace (the updater keeps it across steps, so it must not live in a workspace that DL4J closes).
     */
    static INDArray scratchLike(INDArray current, INDArray gradient) {
        if (current != null && current.dataType() == gradient.dataType()
                && current.ordering() == gradient.ordering() && current.equalShapes(gradient)) {
            return current;
        }
        return Nd4j.createUninitializedDetached(gradient.dataType(), gradient.ordering(), gradient.shape());
    }

    /** {@code value} as ND4J's kernels for {@code array} will see it: rounded to float for FLOAT arrays. */
    static double asKernelSees(INDArray array, double value) {
        switch (array.dataType()) {
            case FLOAT:
                return (float) value;
            case DOUBLE:
                return value;
            default:
                throw new UnsupportedOperationException("Keras updaters support float32 and float64 parameters, received: "
                        + array.dataType());
        }
    }
}
