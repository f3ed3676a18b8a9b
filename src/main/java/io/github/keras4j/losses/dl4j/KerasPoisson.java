package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

import io.github.keras4j.Backend;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code poisson}: {@code mean(y_pred - y_true * log(y_pred + eps), axis=-1)} with eps 1e-7. DL4J's
 * {@code LossPoisson} has no epsilon and sums over outputs.
 */
public class KerasPoisson extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray predicted = activate(preOutput, activationFn);
        return predicted.subi(Transforms.log(predicted.add(Backend.EPSILON), false).muli(labels));
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray dLda = activate(preOutput, activationFn).addi(Backend.EPSILON).rdivi(labels).rsubi(1.0)
                .muli(1.0 / outputs(preOutput));
        return backprop(preOutput, dLda, activationFn);
    }

    // Compiled forms, op for op.

    @Override
    protected INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray predicted = activated(kernels, setup);
        INDArray logs = kernels.like(predicted);
        kernels.add(predicted, Backend.EPSILON, logs).log(logs, logs).mul(logs, setup.labels(), logs)
                .sub(predicted, logs, predicted);
        return predicted;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray dLda = activated(kernels, setup);
        kernels.add(dLda, Backend.EPSILON, dLda).rdiv(dLda, setup.labels(), dLda).rsub(dLda, 1.0, dLda)
                .mul(dLda, 1.0 / setup.outputs(), dLda);
        backprop(kernels, setup, dLda, gradient);
    }
}
