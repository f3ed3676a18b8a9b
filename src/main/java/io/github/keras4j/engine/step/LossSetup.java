package io.github.keras4j.engine.step;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a loss needs to compile its part of a step.
 *
 * @param preOutput the output layer's pre-activation z, [rows, outputs]; kernels read it and never write it
 * @param labels the batch's labels in the step's type ([rows, outputs], or [rows, 1] class indices)
 * @param activation the output layer's activation, which the loss applies itself as DL4J's losses do
 * @param gradient where the gradient kernel writes dL/dz, [rows, outputs]
 */
public record LossSetup(INDArray preOutput, INDArray labels, IActivation activation, INDArray gradient,
        Buffers buffers) {

    /** This setup with other labels (a loss's smoothed labels). */
    public LossSetup withLabels(INDArray otherLabels) {
        return new LossSetup(preOutput, otherLabels, activation, gradient, buffers);
    }

    public long rows() {
        return preOutput.size(0);
    }

    public long outputs() {
        return preOutput.size(1);
    }

    /** A new c-order array shaped like the pre-activation, for a kernel's intermediate values. */
    public INDArray likePreOutput() {
        return buffers.array('c', preOutput.shape());
    }

    /** The compiled form of the output activation. */
    public ActivationKernels.ActivationKernel activationKernel() {
        return ActivationKernels.of(activation);
    }
}
