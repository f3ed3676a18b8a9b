package io.github.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Precision} and {@link Recall} share: their name, Keras's options {@code thresholds}, {@code top_k} and
 * {@code class_id} as immutable fluent setters, and the counting ({@link ThresholdOptions}).
 *
 * @param <T> the concrete metric, which the fluent setters return
 */
abstract class ThresholdMetric<T extends ThresholdMetric<T>> implements Metric {

    private final String name;
    private final ThresholdOptions options;

    ThresholdMetric(String name, ThresholdOptions options) {
        this.name = MetricMath.checkName(name);
        this.options = options;
    }

    /** A metric of the same class with these settings. */
    abstract T copy(String name, ThresholdOptions options);

    /** True for precision ({@code TP / (TP + FP)}), false for recall ({@code TP / (TP + FN)}). */
    abstract boolean precision();

    /** Keras's class name. */
    @Override
    public abstract String className();

    @Override
    public final String kerasName() {
        return name;
    }

    /** A copy logged under this name. */
    public final T name(String name) {
        return copy(name, options);
    }

    /** The threshold in force: default 0.5, or -1e10 (Keras's {@code NEG_INF}) when only top_k is set. */
    public final double thresholds() {
        return options.threshold();
    }

    /** A copy that compares predictions with this threshold, in [0, 1] (0 suits logits). */
    public final T thresholds(double threshold) {
        return copy(name, options.threshold(threshold));
    }

    /** top_k, or 0 when unset (the default). */
    public final int topK() {
        return options.topK();
    }

    /** A copy that counts only the {@code topK} largest predictions of each sample (lower index first among ties). */
    public final T topK(int topK) {
        return copy(name, options.topK(topK));
    }

    /** class_id, or -1 when unset (the default: every output counts). */
    public final int classId() {
        return options.classId();
    }

    /** A copy that counts only output column {@code classId}. */
    public final T classId(int classId) {
        return copy(name, options.classId(classId));
    }

    /** Keras's {@code get_config()}: name, thresholds, top_k, class_id (None where unset). */
    @Override
    public final Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.putAll(options.config());
        return config;
    }

    @Override
    public final MetricState newState() {
        return options.newState(this, precision());
    }

    @Override
    public final void checkCompatible(int outputUnits, int labelColumns) {
        options.checkCompatible(name, precision() ? "precision" : "recall", outputUnits, labelColumns);
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && name.equals(((ThresholdMetric<?>) other).name)
                && options.equals(((ThresholdMetric<?>) other).options);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), name, options);
    }

    @Override
    public final String toString() {
        return className() + "(name=" + name + ", " + options.describe() + ")";
    }
}
