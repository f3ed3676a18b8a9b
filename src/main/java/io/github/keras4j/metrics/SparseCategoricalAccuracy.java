package io.github.keras4j.metrics;

/**
 * How often the predicted class equals an integer class label, Keras's
 * {@code keras.metrics.SparseCategoricalAccuracy} and the {@code "sparse_categorical_accuracy"} metric: per sample
 * {@code y_true == argmax(y_pred)} (ties go to the first maximum, as TensorFlow's argmax on the CPU), then the mean
 * over every sample of the epoch. Labels are one column of class indices 0, 1, 2...; a label that is no class index
 * (2.5, -1, or one past the last unit) never matches, as in Keras.
 * <p>Default name as Keras: {@code "sparse_categorical_accuracy"}.
 */
public final class SparseCategoricalAccuracy extends MeanMetricWrapper {

    /** Keras's default name: {@code "sparse_categorical_accuracy"}. */
    public static final String DEFAULT_NAME = "sparse_categorical_accuracy";

    /** Sparse categorical accuracy with Keras's default name. */
    public SparseCategoricalAccuracy() {
        this(DEFAULT_NAME);
    }

    private SparseCategoricalAccuracy(String name) {
        super(name);
    }

    /** A copy logged under this name. */
    public SparseCategoricalAccuracy name(String name) {
        return new SparseCategoricalAccuracy(name);
    }

    @Override
    double sampleValue(double[] yTrue, int trueOffset, int labelColumns, double[] yPred, int predOffset, int cols,
            boolean float32) {
        // Keras casts the argmax to the labels' float type and compares with ==.
        double trueClass = MetricMath.inDtype(yTrue[trueOffset], float32);
        return trueClass == MetricMath.argmax(yPred, predOffset, cols, float32) ? 1 : 0;
    }

    @Override
    public void checkCompatible(int outputUnits, int labelColumns) {
        MetricMath.checkPositiveShape(kerasName(), outputUnits, labelColumns);
        String metric = "metric '" + kerasName() + "' (sparse_categorical_accuracy)";
        if (labelColumns != 1) {
            throw new IllegalArgumentException(metric + " needs labels of one column holding class indices, but the"
                    + " labels have " + MetricMath.columns(labelColumns) + ": for one-hot labels use"
                    + " categorical_accuracy");
        }
        if (outputUnits < 2) {
            throw new IllegalArgumentException(metric + " needs one output unit per class, at least 2, but the model"
                    + " has " + MetricMath.units(outputUnits) + ": for a single sigmoid unit use binary_accuracy");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SparseCategoricalAccuracy that && kerasName().equals(that.kerasName());
    }

    @Override
    public int hashCode() {
        return kerasName().hashCode();
    }
}
