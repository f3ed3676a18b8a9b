package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * {@code INDArray.reshape(order, shape)} in a compiled step: a view when ND4J's reshape is one, else a buffer
 * allocated once and a kernel copying into it in that order, as ND4J's reshape copies. The layout of what a layer
 * hands on decides the rounding of the matrix products after it, so compiled layers reshape exactly as DL4J's do.
 */
public final class Reshapes {

    private Reshapes() {
    }

    public static INDArray reshape(KernelList kernels, Buffers buffers, INDArray array, char order, long... shape) {
        INDArray view = Shape.newShapeNoCopy(array, shape, order == 'f');
        if (view != null) {
            return view;
        }
        INDArray copy = buffers.array(array.dataType(), order, shape);
        kernels.copy(array, copy.reshape(order, array.shape()));
        return copy;
    }
}
