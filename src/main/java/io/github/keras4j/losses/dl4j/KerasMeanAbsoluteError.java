package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code mean_absolute_error}: {@code mean(|y_pred - y_true|, axis=-1)}; the gradient of {@code |x|} is
 * {@code sign(x)}, 0 at 0, as in TensorFlow. (DL4J's {@code LossMAE} computes the same score and gradient, but
 * its {@code computeScoreArray} returns the sum over outputs, not the mean.)
 */
public class KerasMeanAbsoluteError extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return Transforms.abs(activate(preOutput, activationFn).subi(labels), false);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray dLda = Transforms.sign(activate(preOutput, activationFn).subi(labels), false)
                .muli(1.0 / outputs(preOutput));
        return backprop(preOutput, dLda, activationFn);
    }

    // Compiled forms, op for op.

    @Override
    protected INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray losses = activated(kernels, setup);
        kernels.sub(losses, setup.labels(), losses).abs(losses, losses);
        return losses;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray dLda = activated(kernels, setup);
        kernels.sub(dLda, setup.labels(), dLda).sign(dLda, dLda).mul(dLda, 1.0 / setup.outputs(), dLda);
        backprop(kernels, setup, dLda, gradient);
    }
}
