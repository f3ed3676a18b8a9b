package io.github.keras4j.metrics;

/**
 * The mean squared error as a metric, Keras's {@code keras.metrics.MeanSquaredError} and the
 * {@code "mean_squared_error"} / {@code "mse"} metric: per sample {@code mean((y_pred - y_true)^2)} over the outputs,
 * then the mean over every sample of the epoch.
 * <p>Default name as Keras: {@code "mean_squared_error"} (Keras logs the string metric {@code "mse"} as {@code mse}).
 */
public final class MeanSquaredError extends MeanMetricWrapper {

    /** Keras's default name: {@code "mean_squared_error"}. */
    public static final String DEFAULT_NAME = "mean_squared_error";

    /** The mean squared error with Keras's default name. */
    public MeanSquaredError() {
        this(DEFAULT_NAME);
    }

    private MeanSquaredError(String name) {
        super(name);
    }

    /** A copy logged under this name. */
    public MeanSquaredError name(String name) {
        return new MeanSquaredError(name);
    }

    @Override
    double sampleValue(double[] yTrue, int trueOffset, int labelColumns, double[] yPred, int predOffset, int cols,
            boolean float32) {
        double sum = 0;
        for (int i = 0; i < cols; i++) {
            double difference = yPred[predOffset + i] - yTrue[trueOffset + i];
            sum += difference * difference;
        }
        return sum / cols;
    }

    @Override
    public void checkCompatible(int outputUnits, int labelColumns) {
        MetricMath.checkSameColumns(kerasName(), "mean_squared_error", outputUnits, labelColumns, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MeanSquaredError that && kerasName().equals(that.kerasName());
    }

    @Override
    public int hashCode() {
        return kerasName().hashCode();
    }
}
