package io.github.keras4j.engine;

import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.MetricState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss and metrics of an epoch (or an evaluation) so far, accumulated as Keras's stateful metrics do:
 * the loss is the mean of the batch losses weighted by batch size; each metric averages over samples.
 */
final class RunningMetrics {

    private final List<Metric> metrics;
    private final MetricState[] states;
    private double lossSum;
    private long samples;

    RunningMetrics(List<Metric> metrics) {
        this.metrics = metrics;
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
        lossSum += batchLoss * rows;
        samples += rows;
        for (MetricState state : states) {
            state.update(labels, labelColumns, outputs, rows, outputColumns);
        }
    }

    /** Whether any batch was added since the last reset. */
    boolean hasSamples() {
        return samples > 0;
    }

    /** {@code loss} and every metric, each name prefixed (with {@code "val_"} for validation). */
    Map<String, Double> logs(String prefix) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put(prefix + "loss", samples == 0 ? Double.NaN : lossSum / samples);
        for (int i = 0; i < states.length; i++) {
            logs.put(prefix + metrics.get(i).kerasName(), states[i].result());
        }
        return logs;
    }
}
