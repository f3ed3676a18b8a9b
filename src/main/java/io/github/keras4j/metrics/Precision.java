package io.github.keras4j.metrics;

import io.github.keras4j.Backend;

/**
 * Of the predicted positives, how many are positive: Keras's {@code keras.metrics.Precision},
 * {@code TP / (TP + FP)} counted over every element of every batch since the last reset, with {@code divide_no_nan}
 * (0 when nothing counts). A prediction is positive when it is greater than the threshold, a label when it is not 0.
 * <p>Defaults as Keras: {@code thresholds} 0.5 (or -1e10 when only {@code top_k} is set), no {@code top_k}, no
 * {@code class_id}, and a session-unique name drawn at construction, as Keras does for {@code name=None}:
 * {@code "precision"}, then {@code "precision_1"}... until {@link Backend#clearSession()}.
 * <pre>{@code new Precision()      new Precision().thresholds(0.7)      new Precision().classId(2).topK(3)}</pre>
 * Keras also takes a list of thresholds and then reports a list of values; a metric here reports one number, so it
 * takes one threshold.
 */
public final class Precision extends ThresholdMetric<Precision> {

    /** Precision with Keras's defaults, named {@code "precision"} ({@code "precision_1"}... if taken). */
    public Precision() {
        this(Backend.uniqueName("precision"), ThresholdOptions.DEFAULTS);
    }

    private Precision(String name, ThresholdOptions options) {
        super(name, options);
    }

    /** Keras's defaults under this name, drawing no session-unique name. */
    public static Precision named(String name) {
        return new Precision(name, ThresholdOptions.DEFAULTS);
    }

    @Override
    Precision copy(String name, ThresholdOptions options) {
        return new Precision(name, options);
    }

    @Override
    boolean precision() {
        return true;
    }

    @Override
    public String className() {
        return "Precision";
    }
}
