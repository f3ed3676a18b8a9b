package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a compiled step for one batch size: its forward and backward passes as kernels on arrays it
 * allocated once. The forward pass reads the input the layer was compiled with; the backward pass is compiled after
 * the next layer's (or the loss's), on the array holding dL/d(output) in that layer's layout, and hands its own
 * dL/d(input) on in the layout DL4J's layer gives it (the layout decides the rounding of the matrix products after
 * it).
 */
public interface CompiledLayer {

    /** The array {@link #forward()} writes. */
    INDArray output();

    /** Computes {@link #output()} from the input. */
    void forward();

    /**
     * Compiles the backward pass.
     *
     * @param outputGradient the array holding dL/d(output) when {@link #backward()} runs
     * @param inputGradientNeeded whether anything reads dL/d(input) (not for the network's first layer)
     * @return the array {@link #backward()} writes dL/d(input) into, or null when it is not needed
     */
    INDArray compileBackward(INDArray outputGradient, boolean inputGradientNeeded);

    /** Computes the parameters' gradients into DL4J's gradient views and dL/d(input) when it was asked for. */
    void backward();

    /** How a layer's backward pass is built from the array holding dL/d(output). */
    @FunctionalInterface
    interface Backward {

        /**
         * The kernels of the backward pass, added to {@code kernels}, and the array they write dL/d(input) into (null
         * when {@code inputGradientNeeded} is false).
         */
        INDArray compile(KernelList kernels, INDArray outputGradient, boolean inputGradientNeeded);
    }

    /** A compiled layer of a forward kernel and a backward pass compiled later. */
    static CompiledLayer of(INDArray output, Kernel forward, Buffers buffers, Backward backward) {
        return new CompiledLayer() {
            private Kernel backwardKernel = Kernel.NONE;

            @Override
            public INDArray output() {
                return output;
            }

            @Override
            public void forward() {
                forward.run();
            }

            @Override
            public INDArray compileBackward(INDArray outputGradient, boolean inputGradientNeeded) {
                KernelList kernels = new KernelList(buffers);
                INDArray inputGradient = backward.compile(kernels, outputGradient, inputGradientNeeded);
                backwardKernel = kernels.build();
                return inputGradient;
            }

            @Override
            public void backward() {
                backwardKernel.run();
            }
        };
    }

    /** A compiled layer for inference only. */
    static CompiledLayer inferenceOnly(INDArray output, Kernel forward) {
        return of(output, forward, null, (kernels, outputGradient, needed) -> {
            throw new IllegalStateException("a layer compiled for inference has no backward pass");
        });
    }
}
