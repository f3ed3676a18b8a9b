package io.github.keras4j.metrics;

/**
 * The running state of one {@link Metric} (Keras's {@code update_state} / {@code result} / {@code reset_state}).
 * Not thread-safe: one state per model and metric.
 */
public interface MetricState {

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
}
