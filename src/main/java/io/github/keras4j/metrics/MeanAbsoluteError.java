package io.github.keras4j.metrics;

/**
 * The mean absolute error as a metric, Keras's {@code keras.metrics.MeanAbsoluteError} and the
 * {@code "mean_absolute_error"} / {@code "mae"} metric: per sample {@code mean(|y_pred - y_true|)} over the outputs,
 * then the mean over every sample of the epoch.
 * <p>Default name as Keras: {@code "mean_absolute_error"} (Keras logs the string metric {@code "mae"} as {@code mae}).
 */
public final class MeanAbsoluteError extends MeanMetricWrapper {

    /** Keras's default name: {@code "mean_absolute_error"}. */
    public static final String DEFAULT_NAME = "mean_absolute_error";

    /** The mean absolute error with Keras's default name. */
    public MeanAbsoluteError() {
        this(DEFAULT_NAME);
    }

    private MeanAbsoluteError(String name) {
        super(name);
    }

    /** A copy logged under this name. */
    public MeanAbsoluteError name(String name) {
        return new MeanAbsoluteError(name);
    }

    @Override
    double sampleValue(double[] yTrue, int trueOffset, int labelColumns, double[] yPred, int predOffset, int cols,
            boolean float32) {
        double sum = 0;
        for (int i = 0; i < cols; i++) {
            sum += Math.abs(yPred[predOffset + i] - yTrue[trueOffset + i]);
        }
        return sum / cols;
    }

    @Override
    public void checkCompatible(int outputUnits, int labelColumns) {
        MetricMath.checkSameColumns(kerasName(), "mean_absolute_error", outputUnits, labelColumns, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MeanAbsoluteError that && kerasName().equals(that.kerasName());
    }

    @Override
    public int hashCode() {
        return kerasName().hashCode();
    }
}
