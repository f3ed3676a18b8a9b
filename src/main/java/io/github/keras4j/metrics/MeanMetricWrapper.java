package io.github.keras4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code MeanMetricWrapper}: a per-sample function averaged over every sample since the last reset. The
 * state keeps Keras's {@code total} (the sum of the per-sample values) and {@code count} (the number of samples), so
 * batches of different sizes weigh by their samples, and the result is {@code divide_no_nan(total, count)}.
 */
abstract class MeanMetricWrapper implements Metric {

    private final String name;

    MeanMetricWrapper(String name) {
        this.name = MetricMath.checkName(name);
    }

    @Override
    public final String kerasName() {
        return name;
    }

    /**
     * Keras's metric function for one sample: labels from {@code yTrue[trueOffset]}, {@code labelColumns} of them;
     * predictions from {@code yPred[predOffset]}, {@code cols} of them. {@code float32} says whether the metric's dtype
     * is float32, which matters where a value is compared rather than summed.
     */
    abstract double sampleValue(double[] yTrue, int trueOffset, int labelColumns, double[] yPred, int predOffset,
            int cols, boolean float32);

    /** Keras's class of the same name ({@code CategoricalAccuracy}...). */
    @Override
    public String className() {
        return getClass().getSimpleName();
    }

    /** {@code {"name": ...}}; a subclass adds its arguments. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        return config;
    }

    /** A new state, comparing in the precision of {@link io.github.keras4j.Backend#floatx()} as it is now. */
    @Override
    public final MetricState newState() {
        return new MeanState(this, MetricMath.float32());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + name + ")";
    }

    private static final class MeanState implements MetricState {
        private final MeanMetricWrapper metric;
        private final boolean float32;
        private double total;
        private long count;

        MeanState(MeanMetricWrapper metric, boolean float32) {
            this.metric = metric;
            this.float32 = float32;
        }

        @Override
        public void update(double[] yTrue, int labelColumns, double[] yPred, int rows, int cols) {
            MetricMath.checkBatch(metric, yTrue, labelColumns, yPred, rows, cols);
            double batchTotal = 0;
            for (int row = 0; row < rows; row++) {
                batchTotal += metric.sampleValue(yTrue, row * labelColumns, labelColumns, yPred, row * cols, cols,
                        float32);
            }
            total += batchTotal;
            count += rows;
        }

        @Override
        public double result() {
            return MetricMath.divideNoNan(total, count);
        }

        @Override
        public void reset() {
            total = 0;
            count = 0;
        }

        @Override
        public void merge(MetricState other) {
            MeanState partial = (MeanState) other;
            total += partial.total;
            count += partial.count;
        }
    }
}
