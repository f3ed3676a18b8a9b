package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

import io.github.keras4j.Backend;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code mean_squared_logarithmic_error}:
 * {@code mean((log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1))^2, axis=-1)} with eps 1e-7; no gradient
 * flows where {@code y_pred < eps} (TensorFlow's maximum). (DL4J's {@code LossMSLE} computes
 * {@code log((y_pred + 1) / (y_true + 1))} without the guard: it differs below eps and is NaN at -1.)
 */
public class KerasMeanSquaredLogarithmicError extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray difference = logOnePlusGuarded(activate(preOutput, activationFn)).subi(logOnePlusGuarded(labels.dup()));
        return difference.muli(difference);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray predicted = activate(preOutput, activationFn);
        INDArray guardedPlusOne = Transforms.max(predicted, Backend.EPSILON, true);
        INDArray passes = predicted.eq(guardedPlusOne);
        guardedPlusOne.addi(1.0);
        INDArray dLda = Transforms.log(guardedPlusOne, true)
                .subi(logOnePlusGuarded(labels.dup()))
                .divi(guardedPlusOne)
                .muli(passes)
                .muli(2.0 / outputs(preOutput));
        return backprop(preOutput, dLda, activationFn);
    }

    /** {@code log(max(x, eps) + 1)} in place, in Keras's order of operations. */
    private static INDArray logOnePlusGuarded(INDArray x) {
        return Transforms.log(Transforms.max(x, Backend.EPSILON, false).addi(1.0), false);
    }

    // Compiled forms, op for op.

    @Override
    protected INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray difference = activated(kernels, setup);
        logOnePlusGuarded(kernels, difference);
        INDArray labels = labelsCopy(kernels, setup);
        logOnePlusGuarded(kernels, labels);
        kernels.sub(difference, labels, difference).mul(difference, difference, difference);
        return difference;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray predicted = activated(kernels, setup);
        INDArray guardedPlusOne = kernels.like(predicted);
        INDArray passes = kernels.booleans(predicted);
        kernels.max(predicted, Backend.EPSILON, guardedPlusOne).eq(predicted, guardedPlusOne, passes)
                .add(guardedPlusOne, 1.0, guardedPlusOne);
        INDArray dLda = kernels.like(guardedPlusOne);
        kernels.log(guardedPlusOne, dLda);
        INDArray labels = labelsCopy(kernels, setup);
        logOnePlusGuarded(kernels, labels);
        kernels.sub(dLda, labels, dLda).div(dLda, guardedPlusOne, dLda).mul(dLda, passes, dLda)
                .mul(dLda, 2.0 / setup.outputs(), dLda);
        backprop(kernels, setup, dLda, gradient);
    }

    private static void logOnePlusGuarded(KernelList kernels, INDArray x) {
        kernels.max(x, Backend.EPSILON, x).add(x, 1.0, x).log(x, x);
    }
}
