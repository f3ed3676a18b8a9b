package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a compiled step for one batch size: its forward and backward passes as kernels on arrays it
 * allocated once. The layer reads its input from the array it was compiled with; its output gradient is written by
 * the next layer (or the loss) before {@link #backward()} runs.
 */
public interface CompiledLayer {

    /** The array {@link #forward()} writes. */
    INDArray output();

    /**
     * The array the next layer, or the loss for the last layer, writes dL/d(output) into; null for a compiled layer
     * that only infers.
     */
    INDArray outputGradient();

    /** Computes {@link #output()} from the input. */
    void forward();

    /**
     * Computes the gradients of the layer's parameters into DL4J's gradient views and, when the layer was given an
     * input gradient array, dL/d(input) into it.
     */
    void backward();
}
