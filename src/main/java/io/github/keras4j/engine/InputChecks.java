package io.github.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checks of a model's input and labels that data from elsewhere goes through (a {@link DistributionStrategy}'s
 * batches), with the errors {@code fit} gives for arrays. The {@link Trainer} of the model implements them.
 */
public interface InputChecks {

    /** Checks one batch (the first element of a Spark RDD) against the model's input and output sizes. */
    void checkBatch(String what, INDArray features, INDArray labels);

    /** Checked features, scaled by the model's normalizer when it has one. */
    INDArray features(String what, INDArray x);

    /** The labels for these features, checked against the model's output. */
    INDArray checkedLabels(String what, INDArray y, String featuresName, INDArray features);
}
