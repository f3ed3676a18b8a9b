package io.github.keras4j.metrics;

import io.github.keras4j.Backend;

/** Arithmetic and argument checks shared by the metrics, on plain row-major {@code double[]} batches. */
final class MetricMath {

    private MetricMath() {
    }

    /**
     * Whether metrics created now compare in single precision. Keras's metrics take {@code backend.floatx()} as
     * their dtype and cast labels, predictions and thresholds to it, so a float32 metric sees 0.1 as 0.100000001.
     */
    static boolean float32() {
        return "float32".equals(Backend.floatx());
    }

    /** {@code value} as the metric's dtype holds it. */
    static double inDtype(double value, boolean float32) {
        return float32 ? (double) (float) value : value;
    }

    /** Keras's {@code tf.math.divide_no_nan}: 0 where the denominator is 0. */
    static double divideNoNan(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    /** The index of the largest of {@code length} values from {@code offset}; ties go to the first, as TF's argmax. */
    static int argmax(double[] values, int offset, int length, boolean float32) {
        int best = 0;
        double bestValue = inDtype(values[offset], float32);
        for (int i = 1; i < length; i++) {
            double value = inDtype(values[offset + i], float32);
            if (value > bestValue) {
                best = i;
                bestValue = value;
            }
        }
        return best;
    }

    /** Checks a batch against the {@link MetricState#update} contract and against what {@code metric} can compute. */
    static void checkBatch(Metric metric, double[] yTrue, int labelColumns, double[] yPred, int rows, int cols) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, received: " + rows);
        }
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException("metric '" + metric.kerasName() + "' needs labels and predictions, received: "
                    + (yTrue == null ? "null labels" : "null predictions"));
        }
        metric.checkCompatible(cols, labelColumns);
        if (yPred.length != (long) rows * cols) {
            throw new IllegalArgumentException("metric '" + metric.kerasName() + "': predictions of " + rows + " x " + cols
                    + " need " + (long) rows * cols + " values, received: " + yPred.length);
        }
        if (yTrue.length != (long) rows * labelColumns) {
            throw new IllegalArgumentException("metric '" + metric.kerasName() + "': labels of " + rows + " x "
                    + labelColumns + " need " + (long) rows * labelColumns + " values, received: " + yTrue.length);
        }
    }

    /** Checks that both counts are positive (shapes of a model's output and of its labels). */
    static void checkPositiveShape(String metricName, int outputUnits, int labelColumns) {
        if (outputUnits < 1) {
            throw new IllegalArgumentException(
                    "metric '" + metricName + "': output units must be positive, received: " + outputUnits);
        }
        if (labelColumns < 1) {
            throw new IllegalArgumentException(
                    "metric '" + metricName + "': label columns must be positive, received: " + labelColumns);
        }
    }

    /**
     * Checks that labels and outputs have the same columns, for the metrics that compare them element by element.
     * Keras would broadcast a single label column against several outputs and report a number that means nothing.
     *
     * @param sparseAlternative the metric that takes integer class labels instead, or null if there is none
     */
    static void checkSameColumns(String metricName, String computes, int outputUnits, int labelColumns,
            String sparseAlternative) {
        checkPositiveShape(metricName, outputUnits, labelColumns);
        if (labelColumns != outputUnits) {
            String fits = "give labels with " + columns(outputUnits) + ", one per output unit";
            if (labelColumns == 1 && sparseAlternative != null) {
                fits += ", or use " + sparseAlternative + " for integer class labels";
            }
            throw new IllegalArgumentException("metric '" + metricName + "' (" + computes
                    + ") compares labels and outputs element by element, but the labels have " + columns(labelColumns)
                    + " and the model has " + units(outputUnits) + ": " + fits);
        }
    }

    /** Checks a metric name as Keras's {@code name=} argument takes it. */
    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-blank string, received: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    static String columns(int count) {
        return count + (count == 1 ? " column" : " columns");
    }

    static String units(int count) {
        return count + (count == 1 ? " output unit" : " output units");
    }
}
