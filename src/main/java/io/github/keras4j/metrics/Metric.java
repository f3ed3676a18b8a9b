package io.github.keras4j.metrics;

/**
 * A metric as {@code model.compile(metrics=[...])} takes it. Keras's metrics are stateful: a
 * {@link MetricState} accumulates batches and reports the value over everything seen since its reset.
 */
public interface Metric {

    /** The canonical Keras name, for example {@code "binary_accuracy"}. */
    String name();

    /** A new, empty accumulator. */
    MetricState newState();

    /**
     * The concrete metric for a model with {@code outputUnits} outputs whose labels have {@code labelColumns}
     * columns. Only {@code "accuracy"} depends on this (binary, categorical or sparse categorical, as Keras
     * decides); every other metric returns itself.
     */
    default Metric resolve(int outputUnits, int labelColumns) {
        return this;
    }

    /**
     * Checks that this metric can be computed for such a model and labels.
     *
     * @throws IllegalArgumentException naming the metric, the shapes and what would fit
     */
    default void checkCompatible(int outputUnits, int labelColumns) {
    }
}
