package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code log_cosh}: {@code mean(log(cosh(x)), axis=-1)} with {@code x = y_pred - y_true}, which Keras
 * computes as {@code x + softplus(-2x) - log(2)}; here as the equal {@code |x| + log1p(exp(-2|x|)) - log(2)},
 * which cannot overflow. The gradient is {@code tanh(x)}. DL4J has no such loss.
 */
public class KerasLogCosh extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    private static final double LOG_2 = Math.log(2.0);

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray magnitude = Transforms.abs(activate(preOutput, activationFn).subi(labels), false);
        // ND4J's log1p is log(1 + u): what it loses of a tiny u is far below the rounding of |x| it is added to.
        INDArray tail = Transforms.log1p(Transforms.exp(magnitude.mul(-2.0), false), false);
        return magnitude.addi(tail).subi(LOG_2);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray dLda = Transforms.tanh(activate(preOutput, activationFn).subi(labels), false)
                .muli(1.0 / outputs(preOutput));
        return backprop(preOutput, dLda, activationFn);
    }

    // Compiled forms, op for op.

    @Override
    protected INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray magnitude = activated(kernels, setup);
        kernels.sub(magnitude, setup.labels(), magnitude).abs(magnitude, magnitude);
        INDArray tail = kernels.like(magnitude);
        kernels.mul(magnitude, -2.0, tail).exp(tail, tail).log1p(tail, tail)
                .add(magnitude, tail, magnitude).sub(magnitude, LOG_2, magnitude);
        return magnitude;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray dLda = activated(kernels, setup);
        kernels.sub(dLda, setup.labels(), dLda).tanh(dLda, dLda).mul(dLda, 1.0 / setup.outputs(), dLda);
        backprop(kernels, setup, dLda, gradient);
    }
}
