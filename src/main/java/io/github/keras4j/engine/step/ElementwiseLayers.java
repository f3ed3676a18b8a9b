package io.github.keras4j.engine.step;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The compiled form of DL4J's {@code ActivationLayer} (Keras's Activation, the advanced activations, Flatten on
 * features): the activation of a copy of the input, and DL4J's backprop of the activation on another copy (DL4J
 * copies the input in both passes because activations work in place; the kernels here read it and write elsewhere).
 */
public final class ElementwiseLayers {

    private ElementwiseLayers() {
    }

    /** A compiled layer applying {@code activation} to each value of its input. */
    public static CompiledLayer activation(LayerSetup setup, IActivation activation) {
        if (setup.preProcessor() != null) {
            throw new UnsupportedOperationException("a preprocessor before an activation layer has no compiled form");
        }
        ActivationKernels.ActivationKernel kernel = ActivationKernels.of(activation);
        INDArray input = setup.input();
        Buffers buffers = setup.buffers();
        INDArray output = buffers.array(input.ordering(), input.shape());
        Kernel forward = kernel.forward(input, output, buffers);
        INDArray outputGradient = setup.training() ? buffers.array('c', input.shape()) : null;
        Kernel backward = setup.inputGradient() == null ? Kernel.NONE
                : kernel.backward(input, outputGradient, setup.inputGradient(), buffers);
        return compiled(output, outputGradient, forward, backward);
    }

    /**
     * Keras's Flatten on images: DL4J's {@code CnnToFeedForwardPreProcessor} (a C-order reshape of the NHWC images,
     * Keras's (height, width, channels) order) and its identity layer's copy, forward; the copy and the reshape back,
     * backward.
     */
    public static CompiledLayer flatten(LayerSetup setup) {
        if (setup.preProcessor() == null) {
            return activation(setup, new org.nd4j.linalg.activations.impl.ActivationIdentity());
        }
        INDArray input = setup.input();
        long rows = setup.rows();
        Buffers buffers = setup.buffers();
        INDArray output = buffers.array('c', rows, input.length() / rows);
        Kernel forward = Kernels.copy(input, output.reshape('c', input.shape()));
        INDArray outputGradient = setup.training() ? buffers.array('c', output.shape()) : null;
        Kernel backward = setup.inputGradient() == null ? Kernel.NONE
                : Kernels.copy(outputGradient.reshape('c', input.shape()), setup.inputGradient());
        return compiled(output, outputGradient, forward, backward);
    }

    /** A compiled layer of these arrays and kernels. */
    public static CompiledLayer compiled(INDArray output, INDArray outputGradient, Kernel forward, Kernel backward) {
        return new CompiledLayer() {
            @Override
            public INDArray output() {
                return output;
            }

            @Override
            public INDArray outputGradient() {
                return outputGradient;
            }

            @Override
            public void forward() {
                forward.run();
            }

            @Override
            public void backward() {
                backward.run();
            }
        };
    }
}
