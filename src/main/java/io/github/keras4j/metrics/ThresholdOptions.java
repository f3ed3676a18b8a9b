package io.github.keras4j.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The options that Keras's {@code Precision} and {@code Recall} share ({@code thresholds}, {@code top_k},
 * {@code class_id}) and the counting they share: which elements of a batch become confusion-matrix entries, and how.
 */
final class ThresholdOptions implements Serializable {

    /** Keras's {@code NEG_INF}, the threshold when only {@code top_k} is set: every kept prediction is positive. */
    static final double NEG_INF = -1e10;
    /** Keras's default threshold when neither {@code thresholds} nor {@code top_k} is set. */
    static final double DEFAULT_THRESHOLD = 0.5;

    static final ThresholdOptions DEFAULTS = new ThresholdOptions(null, 0, -1);

    private final Double threshold;
    private final int topK;
    private final int classId;

    private ThresholdOptions(Double threshold, int topK, int classId) {
        this.threshold = threshold;
        this.topK = topK;
        this.classId = classId;
    }

    ThresholdOptions threshold(double value) {
        // Keras's assert_thresholds_range.
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("Threshold values must be in [0, 1], received: " + value);
        }
        return new ThresholdOptions(value, topK, classId);
    }

    ThresholdOptions topK(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("top_k must be a positive integer, received: " + value);
        }
        return new ThresholdOptions(threshold, value, classId);
    }

    ThresholdOptions classId(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("class_id must be a non-negative integer, received: " + value);
        }
        return new ThresholdOptions(threshold, topK, value);
    }

    /** The threshold in force: the one set, else Keras's default (0.5, or {@link #NEG_INF} when top_k is set). */
    double threshold() {
        if (threshold != null) {
            return threshold;
        }
        return topK > 0 ? NEG_INF : DEFAULT_THRESHOLD;
    }

    /** top_k, or 0 when unset. */
    int topK() {
        return topK;
    }

    /** class_id, or -1 when unset. */
    int classId() {
        return classId;
    }

    void checkCompatible(String metricName, String computes, int outputUnits, int labelColumns) {
        MetricMath.checkSameColumns(metricName, computes, outputUnits, labelColumns, null);
        if (classId >= outputUnits) {
            throw new IllegalArgumentException("metric '" + metricName + "' has class_id=" + classId
                    + ", but the model has " + MetricMath.units(outputUnits) + " (class ids 0 to " + (outputUnits - 1)
                    + ")");
        }
        if (topK > outputUnits) {
            throw new IllegalArgumentException("metric '" + metricName + "' has top_k=" + topK
                    + ", but the model has only " + MetricMath.units(outputUnits) + " to choose from");
        }
    }

    MetricState newState(Metric metric, boolean precision) {
        return new State(metric, this, precision, MetricMath.float32());
    }

    /** Precision {@code TP / (TP + FP)} or recall {@code TP / (TP + FN)} at one threshold, divide_no_nan. */
    private static final class State implements MetricState {
        private final Metric metric;
        private final ThresholdOptions options;
        private final boolean precision;
        private final boolean float32;
        private final ConfusionMatrices counts;
        private double[] rowScratch = new double[0];

        State(Metric metric, ThresholdOptions options, boolean precision, boolean float32) {
            this.metric = metric;
            this.options = options;
            this.precision = precision;
            this.float32 = float32;
            // A single threshold is never "evenly distributed" for Keras (that takes three), so it compares directly.
            this.counts = new ConfusionMatrices(new double[] {options.threshold()}, false, 1, float32);
        }

        @Override
        public void update(double[] yTrue, int labelColumns, double[] yPred, int rows, int cols) {
            MetricMath.checkBatch(metric, yTrue, labelColumns, yPred, rows, cols);
            int firstColumn = options.classId >= 0 ? options.classId : 0;
            int endColumn = options.classId >= 0 ? options.classId + 1 : cols;
            for (int row = 0; row < rows; row++) {
                int offset = row * cols;
                double kthLargest = options.topK > 0 ? kthLargest(yPred, offset, cols) : 0;
                int tiesKept = options.topK > 0 ? tiesToKeep(yPred, offset, cols, kthLargest) : 0;
                // Keras filters top_k over all classes, then slices class_id.
                for (int column = 0; column < endColumn; column++) {
                    double prediction = yPred[offset + column];
                    if (options.topK > 0) {
                        double value = MetricMath.inDtype(prediction, float32);
                        boolean kept = value > kthLargest || (value == kthLargest && tiesKept-- > 0);
                        if (!kept) {
                            prediction = NEG_INF;
                        }
                    }
                    if (column >= firstColumn) {
                        counts.add(yTrue[offset + column], prediction, 1, 0);
                    }
                }
            }
        }

        /** The k-th largest value of the row, in the metric's dtype. */
        private double kthLargest(double[] yPred, int offset, int cols) {
            if (rowScratch.length != cols) {
                rowScratch = new double[cols];
            }
            for (int i = 0; i < cols; i++) {
                rowScratch[i] = MetricMath.inDtype(yPred[offset + i], float32);
            }
            Arrays.sort(rowScratch);
            return rowScratch[cols - options.topK];
        }

        /** How many values equal to the k-th largest make the top k: TF's top_k keeps the lower indices of ties. */
        private int tiesToKeep(double[] yPred, int offset, int cols, double kthLargest) {
            int larger = 0;
            for (int i = 0; i < cols; i++) {
                if (MetricMath.inDtype(yPred[offset + i], float32) > kthLargest) {
                    larger++;
                }
            }
            return options.topK - larger;
        }

        @Override
        public double result() {
            double truePositives = counts.truePositives()[0];
            double other = precision ? counts.falsePositives()[0] : counts.falseNegatives()[0];
            return MetricMath.divideNoNan(truePositives, truePositives + other);
        }

        @Override
        public void reset() {
            counts.reset();
        }

        @Override
        public void merge(MetricState other) {
            counts.add(((State) other).counts);
        }
    }

    /** Keras's config entries: thresholds, top_k, class_id ({@code null} where unset). */
    java.util.Map<String, Object> config() {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("thresholds", threshold);
        config.put("top_k", topK > 0 ? topK : null);
        config.put("class_id", classId >= 0 ? classId : null);
        return config;
    }

    /** Keras's config entries, as {@code get_config} writes them ({@code null} where unset). */
    String describe() {
        return "thresholds=" + threshold + ", top_k=" + (topK > 0 ? topK : null) + ", class_id="
                + (classId >= 0 ? classId : null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ThresholdOptions that && Objects.equals(threshold, that.threshold)
                && topK == that.topK && classId == that.classId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(threshold, topK, classId);
    }
}
