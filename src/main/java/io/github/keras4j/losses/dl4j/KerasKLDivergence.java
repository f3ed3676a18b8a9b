package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

import io.github.keras4j.Backend;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code kl_divergence}: {@code sum(y log(y / p), axis=-1)} with y and p clipped to {@code [eps, 1]}
 * (eps 1e-7); per sample the sum over the last axis, not the mean. No gradient flows where the clip cut p off.
 * DL4J's {@code LossKLD} clips at 1e-5 ({@code Nd4j.EPS_THRESHOLD}) and its gradient ignores the clip.
 */
public class KerasKLDivergence extends KerasLossFunction {

    private static final long serialVersionUID = 1L;

    private static final double EPSILON = Backend.EPSILON;

    @Override
    protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return elementLosses(labels, preOutput, activationFn).sum(true, 1);
    }

    @Override
    protected double scoreSum(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return elementLosses(labels, preOutput, activationFn).sumNumber().doubleValue();
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray activated = activate(preOutput, activationFn);
        INDArray predicted = clipped(activated, EPSILON, 1.0);
        INDArray dLda = passWhereUnclipped(clipped(labels, EPSILON, 1.0).divi(predicted).negi(), activated, predicted);
        return backprop(preOutput, dLda, activationFn);
    }

    private static INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray target = clipped(labels, EPSILON, 1.0);
        INDArray predicted = clipInPlace(activate(preOutput, activationFn), EPSILON, 1.0);
        return Transforms.log(predicted.rdivi(target), false).muli(target);
    }

    // Compiled forms, op for op.

    @Override
    protected void compiledScoreArray(KernelList kernels, LossSetup setup, INDArray scores) {
        kernels.sum(elementLosses(kernels, setup), 1, scores);
    }

    @Override
    protected ScoreKernel compiledScoreSum(LossSetup setup) {
        KernelList kernels = new KernelList(setup.buffers());
        INDArray sum = kernels.scalar(setup.preOutput());
        kernels.sumAll(elementLosses(kernels, setup), sum);
        return read(kernels.build(), sum);
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray activated = activated(kernels, setup);
        INDArray predicted = clipped(kernels, activated, EPSILON, 1.0);
        INDArray dLda = clipped(kernels, setup.labels(), EPSILON, 1.0);
        kernels.div(dLda, predicted, dLda).neg(dLda, dLda);
        passWhereUnclipped(kernels, dLda, activated, predicted);
        backprop(kernels, setup, dLda, gradient);
    }

    private static INDArray elementLosses(KernelList kernels, LossSetup setup) {
        INDArray target = clipped(kernels, setup.labels(), EPSILON, 1.0);
        INDArray predicted = activated(kernels, setup);
        kernels.clip(predicted, EPSILON, 1.0, predicted).rdiv(predicted, target, predicted).log(predicted, predicted)
                .mul(predicted, target, predicted);
        return predicted;
    }
}
