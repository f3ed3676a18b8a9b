package io.github.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch: features and labels for DL4J, the labels as row-major doubles for the metrics, and the samples'
 * weights (null when unweighted).
 */
record Batch(INDArray features, INDArray labels, double[] labelValues, double[] sampleWeights) {

    int rows() {
        return (int) features.size(0);
    }
}
