package io.github.keras4j.metrics;

import java.io.Serializable;

/**
 * The running state of one {@link Metric} (Keras's {@code update_state} / {@code result} / {@code reset_state}).
 * Not thread-safe: one state per model and metric.
 */
public interface MetricState extends Serializable {

    /**
     * Adds a batch. Arrays are row-major, {@code rows x cols} for predictions; labels have {@code labelColumns}
     * columns (1 for sparse class indices, else {@code cols}).
     *
     * @throws IllegalArgumentException if the arrays do not hold {@code rows} rows of those columns, or the metric
     *     cannot work with these shapes
     */
    void update(double[] yTrue, int labelColumns, double[] yPred, int rows, int cols);

    /** The metric over every batch since the last reset; 0 before any (Keras's {@code divide_no_nan}). */
    double result();

    /** Forgets every batch. */
    void reset();

    /**
     * Adds the batches {@code other} has seen, as if they had been given to this state: the partial states of the
     * partitions of a Spark evaluation are merged this way. {@code other} comes from the same metric.
     *
     * @throws UnsupportedOperationException for a state that cannot be merged (the default)
     */
    default void merge(MetricState other) {
        throw new UnsupportedOperationException("the state of metric " + getClass().getName() + " cannot be merged "
                + "across Spark partitions: implement MetricState.merge");
    }
}
