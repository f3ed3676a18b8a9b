package io.github.keras4j.metrics;

import java.io.Serializable;
import java.util.Map;

/**
 * A metric as {@code model.compile(metrics=[...])} takes it. Keras's metrics are stateful: a {@link MetricState}
 * accumulates batches and reports the value over everything seen since its reset. {@link Metrics#get(String)} gives
 * the metric for a Keras name; the typed classes ({@link BinaryAccuracy}, {@link Precision}, {@link AUC}...) take
 * Keras's arguments. Metrics are immutable and may be shared; each model holds its own states.
 * <p>A training loop does what Keras's compile and fit do:
 * <pre>{@code
 * List<Metric> metrics = Metrics.resolveAll(compiled, outputUnits, labelColumns);  // once, at compile
 * MetricState state = metric.newState();
 * state.reset();                                            // at the start of each epoch
 * state.update(labels, labelColumns, outputs, rows, cols);  // after each batch
 * double value = state.result();                            // logged as metric.kerasName()
 * }</pre>
 */
public interface Metric extends Serializable {

    /**
     * The name Keras logs this metric under, its key in {@code History}: {@code "binary_accuracy"}, or {@code "acc"}
     * when the user wrote {@code "acc"}, or the {@code name} given to a typed metric.
     */
    String kerasName();

    /** A new, empty accumulator, comparing in the precision of {@code Backend.floatx()} as it is now. */
    MetricState newState();

    /**
     * The concrete metric for a model with {@code outputUnits} outputs whose labels have {@code labelColumns}
     * columns. Only {@code "accuracy"} depends on this (binary, categorical or sparse categorical, as Keras decides,
     * keeping the name the user wrote); every other metric returns itself.
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

    /**
     * Keras's class name of this metric object ({@code "BinaryAccuracy"}), as a training config names it.
     *
     * @throws UnsupportedOperationException for a metric Keras has no class for
     */
    default String className() {
        throw new UnsupportedOperationException("metric " + this + " is not a Keras metric class, so it has no Keras "
                + "config");
    }

    /**
     * Keras's {@code get_config()} of this metric object, {@code name} first, without {@code dtype} (the model's
     * float type, which a training config adds).
     *
     * @throws UnsupportedOperationException for a metric Keras has no class for
     */
    default Map<String, Object> config() {
        throw new UnsupportedOperationException("metric " + this + " is not a Keras metric class, so it has no Keras "
                + "config");
    }
}
