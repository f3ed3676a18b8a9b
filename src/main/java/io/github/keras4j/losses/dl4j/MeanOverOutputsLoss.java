package io.github.keras4j.losses.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss whose per-sample value is the mean over the last axis of an elementwise loss, as most of Keras's
 * losses are ({@code backend.mean(..., axis=-1)}). The batch total needs no per-sample column: it is the sum of
 * all elements divided by the number of outputs.
 */
public abstract class MeanOverOutputsLoss extends KerasLossFunction {

    private static final long serialVersionUID = 1L;

    /** The elementwise losses as a fresh {@code [minibatch, outputs]} array; must not modify its arguments. */
    protected abstract INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn);

    @Override
    protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return elementLosses(labels, preOutput, activationFn).mean(true, 1);
    }

    @Override
    protected double scoreSum(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return elementLosses(labels, preOutput, activationFn).sumNumber().doubleValue() / outputs(preOutput);
    }
}
