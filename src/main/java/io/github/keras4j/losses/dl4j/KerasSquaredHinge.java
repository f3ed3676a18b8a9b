package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code squared_hinge}: {@code mean(max(1 - y_true * y_pred, 0)^2, axis=-1)}, with labels that are all
 * 0 or 1 mapped to -1 and 1 first (as {@link KerasHinge}). DL4J's {@code LossSquaredHinge} sums over outputs and
 * uses the labels as given.
 */
public class KerasSquaredHinge extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray hinge = Transforms.relu(KerasHinge.margins(KerasHinge.signedLabels(labels), preOutput, activationFn), false);
        return hinge.muli(hinge);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray signed = KerasHinge.signedLabels(labels);
        INDArray hinge = Transforms.relu(KerasHinge.margins(signed, preOutput, activationFn), false);
        INDArray dLda = hinge.muli(signed).muli(-2.0 / outputs(preOutput));
        return backprop(preOutput, dLda, activationFn);
    }

    // Compiled forms, op for op.

    @Override
    protected INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray hinge = KerasHinge.margins(kernels, setup, KerasHinge.signedLabels(kernels, setup.labels()));
        kernels.relu(hinge, hinge).mul(hinge, hinge, hinge);
        return hinge;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray signed = KerasHinge.signedLabels(kernels, setup.labels());
        INDArray hinge = KerasHinge.margins(kernels, setup, signed);
        kernels.relu(hinge, hinge).mul(hinge, signed, hinge).mul(hinge, -2.0 / setup.outputs(), hinge);
        backprop(kernels, setup, hinge, gradient);
    }
}
