package io.github.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch: features and labels, the labels as row-major doubles for the metrics, the samples' weights (null when
 * unweighted) and the timestep mask of sequences ({@code [samples, timesteps]}, null when nothing is masked). The
 * labels of a sequence output are {@code [samples, timesteps, units]}: each timestep is one label row, as the loss and
 * the metrics see them.
 */
record Batch(INDArray features, INDArray labels, double[] labelValues, double[] sampleWeights, INDArray mask) {

    Batch(INDArray features, INDArray labels, double[] labelValues, double[] sampleWeights) {
        this(features, labels, labelValues, sampleWeights, null);
    }

    int rows() {
        return (int) features.size(0);
    }

    /** Label rows per sample: the timesteps of a sequence output, else 1. */
    int rowsPerSample() {
        return labels.rank() == 3 ? (int) labels.size(1) : 1;
    }

    /** The labels as DL4J's output layer takes them: one row per sample, or per timestep of a sequence output. */
    INDArray labelRows() {
        return labels.rank() == 3 ? labels.reshape('c', labels.size(0) * labels.size(1), labels.size(2)) : labels;
    }

    /**
     * For a sequence output with a timestep mask, 1 or 0 per label row (whether the timestep counts); null when every
     * row counts.
     */
    double[] labelRowMask() {
        return mask == null || labels.rank() != 3 ? null : mask.dup('c').data().asDouble();
    }
}
