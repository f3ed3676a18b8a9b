package io.github.keras4j.metrics;

import io.github.keras4j.Backend;

/**
 * Of the positive labels, how many are predicted positive: Keras's {@code keras.metrics.Recall},
 * {@code TP / (TP + FN)} counted over every element of every batch since the last reset, with {@code divide_no_nan}
 * (0 when nothing counts). A prediction is positive when it is greater than the threshold, a label when it is not 0.
 * <p>Defaults as Keras: {@code thresholds} 0.5 (or -1e10 when only {@code top_k} is set), no {@code top_k}, no
 * {@code class_id}, and a session-unique name drawn at construction, as Keras does for {@code name=None}:
 * {@code "recall"}, then {@code "recall_1"}... until {@link Backend#clearSession()}.
 * <pre>{@code new Recall()      new Recall().thresholds(0.7)      new Recall().classId(2).topK(3)}</pre>
 * Keras also takes a list of thresholds and then reports a list of values; a metric here reports one number, so it
 * takes one threshold.
 */
public final class Recall extends ThresholdMetric<Recall> {

    /** Recall with Keras's defaults, named {@code "recall"} ({@code "recall_1"}... if taken). */
    public Recall() {
        this(Backend.uniqueName("recall"), ThresholdOptions.DEFAULTS);
    }

    private Recall(String name, ThresholdOptions options) {
        super(name, options);
    }

    /** Keras's defaults under this name, drawing no session-unique name. */
    public static Recall named(String name) {
        return new Recall(name, ThresholdOptions.DEFAULTS);
    }

    @Override
    Recall copy(String name, ThresholdOptions options) {
        return new Recall(name, options);
    }

    @Override
    boolean precision() {
        return false;
    }

    @Override
    public String className() {
        return "Recall";
    }
}
