package io.github.keras4j.engine.step;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The compiled forms of DL4J's parameterless {@code ActivationLayer} (Keras's Activation, the advanced activations,
 * Flatten) that layer types share.
 */
public final class ElementwiseLayers {

    private ElementwiseLayers() {
    }

    /**
     * DL4J's {@code ActivationLayer}: the activation of a copy of the input (DL4J copies it since activations work in
     * place; the kernel writes elsewhere), and backward the activation's backprop on another copy, whose result is the
     * input gradient in DL4J's layout: the copy itself, a new array like it, or a copy of the incoming gradient for
     * the identity.
     */
    public static CompiledLayer activation(LayerSetup setup, IActivation activation) {
        if (setup.preProcessor() != null) {
            throw new UnsupportedOperationException("a preprocessor before an activation layer has no compiled form");
        }
        ActivationKernels.ActivationKernel kernel = ActivationKernels.of(activation);
        INDArray input = setup.input();
        Buffers buffers = setup.buffers();
        INDArray output = buffers.array(input.ordering(), input.shape());
        Kernel forward = kernel.forward(input, output, buffers);
        return CompiledLayer.of(output, forward, buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            INDArray inputGradient = switch (kernel.gradientPlace()) {
                case PRE_ACTIVATION, NEW_ARRAY -> buffers.array(input.ordering(), input.shape());
                case INCOMING -> buffers.array(outputGradient.ordering(), outputGradient.shape());
            };
            kernels.backprop(activation, input, outputGradient, inputGradient);
            return inputGradient;
        });
    }

    /**
     * Keras's Flatten: on features DL4J's identity layer; on images DL4J's {@code CnnToFeedForwardPreProcessor} (a
     * C-order reshape of the NHWC images, Keras's (height, width, channels) order) and its identity layer's copy,
     * forward; backward the copy and the reshape back.
     */
    public static CompiledLayer flatten(LayerSetup setup) {
        if (setup.preProcessor() == null) {
            return activation(setup, new ActivationIdentity());
        }
        INDArray input = setup.input();
        long rows = setup.rows();
        Buffers buffers = setup.buffers();
        INDArray output = buffers.array('c', rows, input.length() / rows);
        Kernel forward = Kernels.copy(input, output.reshape('c', input.shape()));
        return CompiledLayer.of(output, forward, buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            // The identity layer copies the gradient in its order; the preprocessor reshapes it, copied to c order
            // first if it is not.
            INDArray copied = buffers.array(outputGradient.ordering(), outputGradient.shape());
            kernels.copy(outputGradient, copied);
            if (copied.ordering() != 'c') {
                INDArray cOrder = buffers.array('c', copied.shape());
                kernels.copy(copied, cOrder);
                copied = cOrder;
            }
            return Reshapes.reshape(kernels, buffers, copied, 'c', input.shape());
        });
    }
}
