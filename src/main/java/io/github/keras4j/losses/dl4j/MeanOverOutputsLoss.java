package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;
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

    /** {@link #elementLosses}'s compiled form: kernels writing the elementwise losses into a new array returned. */
    protected abstract INDArray compiledElementLosses(KernelList kernels, LossSetup setup);

    @Override
    protected void compiledScoreArray(KernelList kernels, LossSetup setup, INDArray scores) {
        kernels.mean(compiledElementLosses(kernels, setup), 1, scores);
    }

    @Override
    protected ScoreKernel compiledScoreSum(LossSetup setup) {
        KernelList kernels = new KernelList(setup.buffers());
        INDArray sum = kernels.scalar(setup.preOutput());
        kernels.sumAll(compiledElementLosses(kernels, setup), sum);
        ScoreKernel total = read(kernels.build(), sum);
        double outputs = setup.outputs();
        return () -> total.run() / outputs;
    }

    @Override
    protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return elementLosses(labels, preOutput, activationFn).mean(true, 1);
    }

    @Override
    protected double scoreSum(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return elementLosses(labels, preOutput, activationFn).sumNumber().doubleValue() / outputs(preOutput);
    }
}
