package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss function's part of a compiled step: the three computations of DL4J's {@code ILossFunction} that training
 * uses, as kernels computing the same numbers. The step divides by the batch size and weighs samples itself, as
 * DL4J's output layer and keras4j's sample-weighted loss do.
 */
public interface LossStep {

    /** {@code computeGradient(labels, z, activation, null)} into {@code setup.gradient()}. */
    Kernel gradient(LossSetup setup);

    /** {@code computeScore(labels, z, activation, null, false)}: the sum of the per-sample losses. */
    ScoreKernel score(LossSetup setup);

    /** {@code computeScoreArray(labels, z, activation, null)} into {@code scores}, [rows, 1]. */
    Kernel scoreArray(LossSetup setup, INDArray scores);
}
