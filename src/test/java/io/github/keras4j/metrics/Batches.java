package io.github.keras4j.metrics;

/** Feeds row-major batches written as {@code double[][]} to metric states. */
final class Batches {

    private Batches() {
    }

    /** Adds one batch: {@code yTrue} and {@code yPred} as rows. */
    static MetricState feed(MetricState state, double[][] yTrue, double[][] yPred) {
        state.update(flatten(yTrue), yTrue[0].length, flatten(yPred), yPred.length, yPred[0].length);
        return state;
    }

    /** A new state of {@code metric} fed with alternating label and prediction batches; its result. */
    static double evaluate(Metric metric, double[][]... labelsThenPredictions) {
        MetricState state = metric.newState();
        for (int i = 0; i < labelsThenPredictions.length; i += 2) {
            feed(state, labelsThenPredictions[i], labelsThenPredictions[i + 1]);
        }
        return state.result();
    }

    /** One column: {@code {{a}, {b}, ...}}. */
    static double[][] column(double... values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i]};
        }
        return rows;
    }

    static double[] flatten(double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * columns, columns);
        }
        return flat;
    }
}
