package io.github.keras4j.losses.dl4j;

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
}
