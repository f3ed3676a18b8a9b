package io.github.keras4j.metrics;

/**
 * How often the predicted class equals the one-hot label's class, Keras's {@code keras.metrics.CategoricalAccuracy}
 * and the {@code "categorical_accuracy"} metric: per sample {@code argmax(y_true) == argmax(y_pred)} (ties go to the
 * first maximum, as TensorFlow's argmax on the CPU), then the mean over every sample of the epoch. Logits work as
 * well as probabilities.
 * <p>Default name as Keras: {@code "categorical_accuracy"}.
 */
public final class CategoricalAccuracy extends MeanMetricWrapper {

    /** Keras's default name: {@code "categorical_accuracy"}. */
    public static final String DEFAULT_NAME = "categorical_accuracy";

    /** Categorical accuracy with Keras's default name. */
    public CategoricalAccuracy() {
        this(DEFAULT_NAME);
    }

    private CategoricalAccuracy(String name) {
        super(name);
    }

    /** A copy logged under this name. */
    public CategoricalAccuracy name(String name) {
        return new CategoricalAccuracy(name);
    }

    @Override
    double sampleValue(double[] yTrue, int trueOffset, int labelColumns, double[] yPred, int predOffset, int cols,
            boolean float32) {
        int trueClass = MetricMath.argmax(yTrue, trueOffset, labelColumns, float32);
        return trueClass == MetricMath.argmax(yPred, predOffset, cols, float32) ? 1 : 0;
    }

    @Override
    public void checkCompatible(int outputUnits, int labelColumns) {
        MetricMath.checkPositiveShape(kerasName(), outputUnits, labelColumns);
        String metric = "metric '" + kerasName() + "' (categorical_accuracy)";
        if (outputUnits < 2) {
            throw new IllegalArgumentException(metric + " needs one output unit per class, at least 2, but the model"
                    + " has " + MetricMath.units(outputUnits) + ": for a single sigmoid unit use binary_accuracy");
        }
        if (labelColumns != outputUnits) {
            String fits = labelColumns == 1
                    ? "for integer class labels in one column use sparse_categorical_accuracy"
                    : "give one-hot labels with " + outputUnits + " columns";
            throw new IllegalArgumentException(metric + " needs one-hot labels with one column per output unit ("
                    + outputUnits + "), but the labels have " + MetricMath.columns(labelColumns) + ": " + fits);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CategoricalAccuracy that && kerasName().equals(that.kerasName());
    }

    @Override
    public int hashCode() {
        return kerasName().hashCode();
    }
}
