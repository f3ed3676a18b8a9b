package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's sample_weight and class_weight: the loss becomes sum(w_i * loss_i) / batch_size; metrics stay unweighted. */
class LossWeightsTest {

    private static final float[][] X = {{0}, {1}, {2}};
    private static final float[][] Y = {{1}, {0}, {1}};

    /** A fixed linear model whose per-sample squared errors are known: outputs 0.5, 1.5, 2.5. */
    private static Sequential model() {
        Sequential model = new Sequential(new Dense(1).inputDim(1));
        model.setWeights(0, new double[][] {{1}}, new double[] {0.5});
        model.compile(new SGD(1e-12), "mse", "mae");
        return model;
    }

    private static final double[] SQUARED_ERRORS = {0.25, 2.25, 2.25};
    private static final double[] ABSOLUTE_ERRORS = {0.5, 1.5, 1.5};

    @Test
    void sampleWeightsScaleEachSamplesLossButNotTheMetrics() {
        double[] weights = {2.0, 0.0, 1.0};
        History history = model().fit(X, Y, Fit.defaults().verbose(0).sampleWeight(weights));
        double expected = (2.0 * SQUARED_ERRORS[0] + 0.0 * SQUARED_ERRORS[1] + 1.0 * SQUARED_ERRORS[2]) / 3;
        assertEquals(expected, history.get("loss").get(0), 1e-6);
        assertEquals((ABSOLUTE_ERRORS[0] + ABSOLUTE_ERRORS[1] + ABSOLUTE_ERRORS[2]) / 3, history.get("mae").get(0),
                1e-6);
    }

    @Test
    void classWeightsWeightEachSampleByItsLabel() {
        History history = model().fit(X, Y, Fit.defaults().verbose(0).classWeight(Map.of(0, 3.0, 1, 0.5)));
        double expected = (0.5 * SQUARED_ERRORS[0] + 3.0 * SQUARED_ERRORS[1] + 0.5 * SQUARED_ERRORS[2]) / 3;
        assertEquals(expected, history.get("loss").get(0), 1e-6);
    }

    @Test
    void bothMultiply() {
        History history = model().fit(X, Y, Fit.defaults().verbose(0).classWeight(Map.of(0, 3.0, 1, 0.5))
                .sampleWeight(new double[] {2, 2, 0}));
        double expected = (2 * 0.5 * SQUARED_ERRORS[0] + 2 * 3.0 * SQUARED_ERRORS[1]) / 3;
        assertEquals(expected, history.get("loss").get(0), 1e-6);
    }

    @Test
    void aSampleOfWeightZeroDoesNotMoveTheWeights() {
        Sequential first = model();
        first.compile(new SGD(0.1), "mse");
        first.fit(X, Y, Fit.epochs(3).verbose(0).sampleWeight(new double[] {1, 1, 0}));
        float[][] otherLabel = {{1}, {0}, {-50}};
        Sequential second = model();
        second.compile(new SGD(0.1), "mse");
        second.fit(X, otherLabel, Fit.epochs(3).verbose(0).sampleWeight(new double[] {1, 1, 0}));
        assertEquals(first.getWeights(0).get(0), second.getWeights(0).get(0));
        assertEquals(first.getWeights(0).get(1), second.getWeights(0).get(1));
    }

    @Test
    void aCheckpointTakenWhileWeightedLoadsAsThePlainModel(@TempDir Path directory) {
        Path file = directory.resolve("weighted.keras4j");
        Callback checkpoint = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                model().save(file);
            }
        };
        Sequential model = model();
        model.fit(X, Y, Fit.epochs(1).verbose(0).classWeight(Map.of(0, 2.0, 1, 1.0)).callbacks(checkpoint));
        Sequential loaded = Sequential.load(file);
        assertEquals(model.getWeights(0).get(0), loaded.getWeights(0).get(0));
        double[] scores = loaded.evaluate(Nd4j.createFromArray(X), Nd4j.createFromArray(Y), 32, 0);
        assertEquals(model.evaluate(Nd4j.createFromArray(X), Nd4j.createFromArray(Y), 32, 0)[0], scores[0], 1e-9);
    }

    @Test
    void badWeightsAreRefused() {
        assertEquals("sample_weight has 2 values but x has 3 rows: give one weight per sample",
                assertThrows(IllegalArgumentException.class, () -> model().fit(X, Y,
                        Fit.defaults().verbose(0).sampleWeight(new double[] {1, 1}))).getMessage());
        assertEquals("sample_weight[1] must be a finite number >= 0, received: -1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> Fit.defaults().sampleWeight(new double[] {1, -1})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Fit.defaults().classWeight(Map.of(0, 1.0, 2, 1.0))).getMessage()
                .startsWith("Expected class_weight to be a dict with keys from 0 to one less than the number of"));
        assertEquals("a label of class 1 has no class_weight; class_weight has the classes 0..0",
                assertThrows(IllegalArgumentException.class, () -> model().fit(X, Y,
                        Fit.defaults().verbose(0).classWeight(Map.of(0, 1.0)))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fit.defaults().sampleWeight(Nd4j.ones(2, 2)))
                .getMessage().startsWith("sample_weight must be a vector"));
    }
}
