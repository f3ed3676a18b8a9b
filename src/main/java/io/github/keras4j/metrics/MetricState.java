package io.github.keras4j.metrics;

/** The running state of one {@link Metric} (Keras's {@code update_state} / {@code result} / {@code reset_state}). */
public interface MetricState {

    /**
     * Adds a batch. Arrays are row-major, {@code rows x cols} for predictions; labels have {@code labelColumns}
     * columns (1 for sparse class indices, else {@code cols}).
     */
    void update(double[] yTrue, int labelColumns, double[] yPred, int rows, int cols);

    /** The metric over every batch since the last reset. */
    double result();

    /** Forgets every batch. */
    void reset();
}
