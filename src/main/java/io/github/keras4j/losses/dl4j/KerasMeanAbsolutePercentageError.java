package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

import io.github.keras4j.Backend;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code mean_absolute_percentage_error}:
 * {@code 100 * mean(|(y_true - y_pred) / max(|y_true|, epsilon)|, axis=-1)} with epsilon 1e-7. (DL4J's
 * {@code LossMAPE} divides by {@code y_true} unguarded, so a zero label gives infinity.)
 */
public class KerasMeanAbsolutePercentageError extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray difference = activate(preOutput, activationFn).rsubi(labels).divi(guardedScale(labels));
        return Transforms.abs(difference, false).muli(100.0);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray dLda = Transforms.sign(activate(preOutput, activationFn).subi(labels), false)
                .divi(guardedScale(labels))
                .muli(100.0 / outputs(preOutput));
        return backprop(preOutput, dLda, activationFn);
    }

    /** {@code max(|y_true|, epsilon)}. */
    private static INDArray guardedScale(INDArray labels) {
        return Transforms.max(Transforms.abs(labels, true), Backend.EPSILON, false);
    }

    // Compiled forms, op for op.

    @Override
    protected INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray difference = activated(kernels, setup);
        kernels.rsub(difference, setup.labels(), difference).div(difference, guardedScale(kernels, setup), difference)
                .abs(difference, difference).mul(difference, 100.0, difference);
        return difference;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray dLda = activated(kernels, setup);
        kernels.sub(dLda, setup.labels(), dLda).sign(dLda, dLda).div(dLda, guardedScale(kernels, setup), dLda)
                .mul(dLda, 100.0 / setup.outputs(), dLda);
        backprop(kernels, setup, dLda, gradient);
    }

    private static INDArray guardedScale(KernelList kernels, LossSetup setup) {
        INDArray scale = kernels.like(setup.labels());
        kernels.abs(setup.labels(), scale).max(scale, Backend.EPSILON, scale);
        return scale;
    }
}
