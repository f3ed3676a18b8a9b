package io.github.keras4j.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * How often thresholded predictions equal binary labels, Keras's {@code keras.metrics.BinaryAccuracy} and the
 * {@code "binary_accuracy"} metric: per sample {@code mean((y_pred > threshold) == y_true)} over the outputs, then the
 * mean over every sample of the epoch. Labels must be exactly 0 or 1 (Keras compares with {@code ==}). As in Keras,
 * predictions are compared in the precision of {@code Backend.floatx()} and the threshold is rounded to float32.
 * <p>Defaults as Keras: {@code threshold} 0.5, {@code name} {@code "binary_accuracy"}.
 * <pre>{@code new BinaryAccuracy()      new BinaryAccuracy().threshold(0.7).name("acc_at_70")}</pre>
 */
public final class BinaryAccuracy extends MeanMetricWrapper {

    /** Keras's default name: {@code "binary_accuracy"}. */
    public static final String DEFAULT_NAME = "binary_accuracy";
    /** Keras's default {@code threshold}: 0.5. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final double threshold;

    /** Binary accuracy with Keras's defaults. */
    public BinaryAccuracy() {
        this(DEFAULT_NAME, DEFAULT_THRESHOLD);
    }

    private BinaryAccuracy(String name, double threshold) {
        super(name);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number, received: " + threshold);
        }
        this.threshold = threshold;
    }

    /** The threshold above which a prediction counts as 1; default 0.5. */
    public double threshold() {
        return threshold;
    }

    /** A copy with this threshold (any finite number; 0 suits logits). */
    public BinaryAccuracy threshold(double threshold) {
        return new BinaryAccuracy(kerasName(), threshold);
    }

    /** A copy logged under this name. */
    public BinaryAccuracy name(String name) {
        return new BinaryAccuracy(name, threshold);
    }

    @Override
    double sampleValue(double[] yTrue, int trueOffset, int labelColumns, double[] yPred, int predOffset, int cols,
            boolean float32) {
        // Keras's tf.cast(threshold, dtype) makes a float32 tensor of the Python float first, so the threshold is
        // rounded to float32 even when the metric computes in float64.
        double limit = (float) threshold;
        int matches = 0;
        for (int i = 0; i < cols; i++) {
            double predicted = MetricMath.inDtype(yPred[predOffset + i], float32) > limit ? 1 : 0;
            if (predicted == MetricMath.inDtype(yTrue[trueOffset + i], float32)) {
                matches++;
            }
        }
        return (double) matches / cols;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("threshold", threshold);
        return config;
    }

    @Override
    public void checkCompatible(int outputUnits, int labelColumns) {
        MetricMath.checkSameColumns(kerasName(), "binary_accuracy", outputUnits, labelColumns,
                "sparse_categorical_accuracy");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinaryAccuracy that && kerasName().equals(that.kerasName())
                && Double.compare(threshold, that.threshold) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kerasName(), threshold);
    }

    @Override
    public String toString() {
        return "BinaryAccuracy(name=" + kerasName() + ", threshold=" + threshold + ")";
    }
}
