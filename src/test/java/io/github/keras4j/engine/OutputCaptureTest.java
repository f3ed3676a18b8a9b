package io.github.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model compiled without metrics skips the output capture (one output-layer pass per step); training must not
 * notice: the same losses and weights, bit for bit, as the same model with a metric.
 */
class OutputCaptureTest {

    private static Sequential model(String... metrics) {
        Sequential model = new Sequential().seed(7);
        model.add(new Dense(8, "relu").inputDim(2));
        model.add(new Dropout(0.2));
        model.add(new Dense(2, "softmax"));
        model.compile("adam", "categorical_crossentropy", metrics);
        return model;
    }

    private static double[][][] data() {
        double[][] x = new double[40][2];
        double[][] y = new double[40][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = Math.sin(i);
            x[i][1] = Math.cos(2 * i);
            boolean same = x[i][0] * x[i][1] > 0;
            y[i][same ? 0 : 1] = 1;
        }
        return new double[][][] {x, y};
    }

    @Test
    void trainingWithoutMetricsIsBitIdenticalToTrainingWithThem() {
        double[][][] data = data();
        Sequential withMetric = model("accuracy");
        Sequential withoutMetric = model();
        Fit fit = Fit.epochs(5).batchSize(16).verbose(0);
        History measured = withMetric.fit(data[0], data[1], fit);
        History plain = withoutMetric.fit(data[0], data[1], fit);

        assertEquals(List.of("loss"), List.copyOf(plain.history().keySet()));
        assertEquals(bits(measured.get("loss")), bits(plain.get("loss")));
        List<INDArray> expected = withMetric.getWeights();
        List<INDArray> actual = withoutMetric.getWeights();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "weight array " + i);
        }
    }

    @Test
    void aMetricCompiledLaterIsComputedAgain() {
        double[][][] data = data();
        Sequential model = model();
        model.fit(data[0], data[1], Fit.epochs(1).batchSize(16).verbose(0));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        History history = model.fit(data[0], data[1], Fit.epochs(2).batchSize(16).verbose(0));
        assertEquals(2, history.get("accuracy").size());
    }

    private static List<Long> bits(List<Double> values) {
        return values.stream().map(Double::doubleToLongBits).toList();
    }
}
