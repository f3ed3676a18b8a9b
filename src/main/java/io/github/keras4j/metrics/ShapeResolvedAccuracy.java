package io.github.keras4j.metrics;

/**
 * Keras's {@code "accuracy"} / {@code "acc"}: {@code compile} picks binary, sparse categorical or categorical
 * accuracy from the shapes of the model's output and of the labels ({@code compile_utils._get_metric_object}) and logs
 * the result under the name the user wrote.
 */
final class ShapeResolvedAccuracy implements Metric {

    private final String name;

    ShapeResolvedAccuracy(String name) {
        this.name = MetricMath.checkName(name);
    }

    @Override
    public String kerasName() {
        return name;
    }

    /**
     * One output unit: binary accuracy; labels of one column and several outputs: sparse categorical accuracy;
     * otherwise categorical accuracy. Each keeps this metric's name.
     */
    @Override
    public Metric resolve(int outputUnits, int labelColumns) {
        MetricMath.checkPositiveShape(name, outputUnits, labelColumns);
        if (outputUnits == 1) {
            return new BinaryAccuracy().name(name);
        }
        if (labelColumns == 1) {
            return new SparseCategoricalAccuracy().name(name);
        }
        return new CategoricalAccuracy().name(name);
    }

    @Override
    public void checkCompatible(int outputUnits, int labelColumns) {
        resolve(outputUnits, labelColumns).checkCompatible(outputUnits, labelColumns);
    }

    @Override
    public MetricState newState() {
        throw new IllegalStateException("metric '" + name + "' is binary, categorical or sparse categorical accuracy"
                + " depending on the shapes of the model's output and labels: call resolve(outputUnits, labelColumns)"
                + " first, as compile does");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShapeResolvedAccuracy that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "accuracy(name=" + name + ")";
    }
}
