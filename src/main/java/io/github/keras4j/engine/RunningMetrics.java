package io.github.keras4j.engine;

import io.github.keras4j.internal.ArrayInput;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.MetricState;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss and metrics of an epoch (or an evaluation) so far, accumulated as Keras's stateful metrics do:
 * the loss is the mean of the batch losses weighted by batch size; each metric averages over samples.
 */
public final class RunningMetrics implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Metric> metrics;
    private final MetricState[] states;
    private double lossSum;
    private long samples;

    public RunningMetrics(List<Metric> metrics) {
        this.metrics = List.copyOf(metrics);
        this.states = new MetricState[metrics.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = metrics.get(i).newState();
        }
    }

    void reset() {
        lossSum = 0;
        samples = 0;
        for (MetricState state : states) {
            state.reset();
        }
    }

    /** Adds a batch: its mean loss, its labels and the model's outputs for it (row-major). */
    void update(double batchLoss, int rows, double[] labels, int labelColumns, double[] outputs, int outputColumns) {
        update(batchLoss, rows, labels, labelColumns, outputs, outputColumns, null);
    }

    /**
     * Adds a batch of {@code batchSamples} samples: its mean loss, its labels and the model's outputs for it
     * (row-major; a sequence output has one row per timestep). The loss counts per sample, as Keras's; the metrics per
     * row, leaving out the rows whose {@code rowMask} is 0 (padded timesteps), as Keras's masked metrics do.
     *
     * @param rowMask 1 or 0 per row, or null when every row counts
     */
    void update(double batchLoss, int batchSamples, double[] labels, int labelColumns, double[] outputs,
            int outputColumns, double[] rowMask) {
        lossSum += batchLoss * batchSamples;
        samples += batchSamples;
        if (states.length == 0) {
            return;
        }
        int rows = outputs == null ? batchSamples : outputs.length / outputColumns;
        double[] countedLabels = labels;
        double[] countedOutputs = outputs;
        if (rowMask != null) {
            int counted = 0;
            countedLabels = new double[labels.length];
            countedOutputs = new double[outputs.length];
            for (int row = 0; row < rows; row++) {
                if (rowMask[row] != 0) {
                    System.arraycopy(labels, row * labelColumns, countedLabels, counted * labelColumns, labelColumns);
                    System.arraycopy(outputs, row * outputColumns, countedOutputs, counted * outputColumns,
                            outputColumns);
                    counted++;
                }
            }
            countedLabels = java.util.Arrays.copyOf(countedLabels, counted * labelColumns);
            countedOutputs = java.util.Arrays.copyOf(countedOutputs, counted * outputColumns);
            rows = counted;
        }
        if (rows == 0) {
            return;
        }
        for (MetricState state : states) {
            state.update(countedLabels, labelColumns, countedOutputs, rows, outputColumns);
        }
    }

    /**
     * Adds a batch scored as {@code evaluate} scores it: one forward pass of {@code network} at inference, the
     * loss with its regularization penalty and every metric on the outputs.
     */
    public void score(MultiLayerNetwork network, INDArray features, INDArray labels) {
        BatchScore score = BatchScore.of(network, features, labels);
        update(score.loss(), (int) features.size(0), ArrayInput.rowMajor(labels), (int) labels.columns(),
                ArrayInput.rowMajor(score.output()), (int) score.output().columns());
    }

    /** Adds every batch {@code other} has seen (the partial scores of another Spark partition). */
    public RunningMetrics merge(RunningMetrics other) {
        if (other.states.length != states.length) {
            throw new IllegalArgumentException("cannot merge the scores of " + other.states.length + " metrics into "
                    + "scores of " + states.length);
        }
        lossSum += other.lossSum;
        samples += other.samples;
        for (int i = 0; i < states.length; i++) {
            states[i].merge(other.states[i]);
        }
        return this;
    }

    /** Whether any batch was added since the last reset. */
    public boolean hasSamples() {
        return samples > 0;
    }

    /** {@code loss} and every metric, each name prefixed (with {@code "val_"} for validation). */
    public Map<String, Double> logs(String prefix) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put(prefix + "loss", samples == 0 ? Double.NaN : lossSum / samples);
        for (int i = 0; i < states.length; i++) {
            logs.put(prefix + metrics.get(i).kerasName(), states[i].result());
        }
        return logs;
    }
}
