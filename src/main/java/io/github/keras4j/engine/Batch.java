package io.github.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One batch: features and labels for DL4J, and the labels as row-major doubles for the metrics. */
record Batch(INDArray features, INDArray labels, double[] labelValues) {

    int rows() {
        return (int) features.rows();
    }
}
