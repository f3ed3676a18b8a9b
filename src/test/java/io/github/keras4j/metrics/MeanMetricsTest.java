package io.github.keras4j.metrics;

import static io.github.keras4j.metrics.Batches.column;
import static io.github.keras4j.metrics.Batches.evaluate;
import static io.github.keras4j.metrics.Batches.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The mean metrics (Keras's MeanMetricWrapper family). Expected values are worked out by hand in the comments; those
 * marked "tf_keras" were also printed by tf_keras 2.21 ({@code keras.metrics.X().update_state(...)}, float32).
 */
class MeanMetricsTest {

    private static final double FLOAT32_TOLERANCE = 1e-6;

    @AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    @Test
    void binaryAccuracyAveragesOverSamplesAcrossBatchesOfDifferentSizes() {
        // Batch 1: 0.7 > 0.5 -> 1 == 1, 0.2 -> 0 == 0, 0.4 -> 0 != 1: 2 of 3. Batch 2: 0.9 -> 1 != 0: 0 of 1.
        // Keras's epoch value is (2 + 0) / (3 + 1) = 0.5, not the mean of the batch means (1/3). tf_keras: 0.5.
        MetricState state = new BinaryAccuracy().newState();
        feed(state, column(1, 0, 1), column(0.7, 0.2, 0.4));
        assertEquals(2.0 / 3, state.result(), 1e-15);
        feed(state, column(0), column(0.9));
        assertEquals(0.5, state.result(), 1e-15);

        state.reset();
        assertEquals(0.0, state.result());
        feed(state, column(0), column(0.1));
        assertEquals(1.0, state.result());
    }

    @Test
    void binaryAccuracyAveragesOverTheOutputsOfEachSample() {
        // Row 1: (1, 1) vs labels (1, 0): one match of two; row 2: (0, 0) vs (0, 0): both. (0.5 + 1) / 2.
        // tf_keras: 0.75.
        assertEquals(0.75, evaluate(new BinaryAccuracy(), new double[][] {{1, 0}, {0, 0}},
                new double[][] {{0.6, 0.6}, {0.1, 0.4}}), 1e-15);
    }

    @Test
    void binaryAccuracyThresholdIsStrictAndConfigurable() {
        // threshold 0.7: 0.7 -> 0 (not greater) != 1; 0.71 -> 1 == 1; 0.69 -> 0 == 0. tf_keras: 0.6666667.
        assertEquals(2.0 / 3, evaluate(new BinaryAccuracy().threshold(0.7), column(1, 1, 0), column(0.7, 0.71, 0.69)),
                FLOAT32_TOLERANCE);
        // At the default threshold 0.5 every prediction counts as 1: one match of three.
        assertEquals(1.0 / 3, evaluate(new BinaryAccuracy(), column(1, 0, 0), column(0.7, 0.71, 0.69)), 1e-15);
    }

    @Test
    void binaryAccuracyComparesInTheFloatxPrecisionWithAFloat32ThresholdAsKerasDoes() {
        // tf_keras 2.21, labels 0, threshold 0.1. Under float32 both predictions round to float32(0.1), which is not
        // above the threshold float32(0.1): 1.0 and 1.0. Under float64 the predictions stay as they are, but Keras's
        // tf.cast(0.1, float64) still rounds the threshold to float32 (0.10000000149): 0.1000000015 is above it (0.0),
        // 0.1000000001 is not (1.0).
        assertEquals(1.0, evaluate(new BinaryAccuracy().threshold(0.1), column(0), column(0.1000000015)));
        assertEquals(1.0, evaluate(new BinaryAccuracy().threshold(0.1), column(0), column(0.1000000001)));
        Backend.setFloatx("float64");
        assertEquals(0.0, evaluate(new BinaryAccuracy().threshold(0.1), column(0), column(0.1000000015)));
        assertEquals(1.0, evaluate(new BinaryAccuracy().threshold(0.1), column(0), column(0.1000000001)));
    }

    @Test
    void binaryAccuracyMatchesLabelsExactly() {
        // A label of 0.5 equals neither 0 nor 1, as Keras's ==. tf_keras: 0.5.
        assertEquals(0.5, evaluate(new BinaryAccuracy(), column(0.5, 1), column(0.9, 0.9)));
    }

    @Test
    void categoricalAccuracyBreaksArgmaxTiesTowardsTheFirstMaximum() {
        // Row 1: prediction argmax 0 (first of the two 0.4), label class 1: miss. Row 2: label class 0: hit.
        // Row 3: 2 == 2: hit. tf_keras: 0.6666667.
        assertEquals(2.0 / 3, evaluate(new CategoricalAccuracy(),
                new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}},
                new double[][] {{0.4, 0.4, 0.2}, {0.4, 0.4, 0.2}, {0.1, 0.2, 0.7}}), 1e-15);
        // Keras's docstring example: 0.5.
        assertEquals(0.5, evaluate(new CategoricalAccuracy(), new double[][] {{0, 0, 1}, {0, 1, 0}},
                new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}}));
    }

    @Test
    void sparseCategoricalAccuracyComparesClassIndices() {
        // Batch 1: argmax 1 vs 2 miss, 1 vs 1 hit, 0 (first of ties) vs 0 hit. Batch 2: label 2.5 is no index: miss.
        // Batch 3: argmax 1 == 1 hit. 3 of 5. tf_keras: 0.6.
        MetricState state = new SparseCategoricalAccuracy().newState();
        feed(state, column(2, 1, 0), new double[][] {{0.1, 0.6, 0.3}, {0.05, 0.95, 0}, {0.5, 0.5, 0}});
        feed(state, column(2.5), new double[][] {{0, 0, 1}});
        feed(state, column(1), new double[][] {{0, 0.2, 0.1}});
        assertEquals(0.6, state.result(), 1e-15);
    }

    @Test
    void meanSquaredAndAbsoluteErrorAverageOverOutputsThenSamples() {
        double[][] labels = {{1, 2}, {3, 4}, {0, 0}};
        double[][] predictions = {{1.5, 2}, {2, 4}, {1, -1}};
        // Squared errors per sample: (0.25 + 0) / 2, (1 + 0) / 2, (1 + 1) / 2, then (4 + 4) / 2 in a batch of one:
        // (0.125 + 0.5 + 1 + 4) / 4 = 1.40625. tf_keras: 1.40625.
        assertEquals(1.40625, evaluate(new MeanSquaredError(), labels, predictions, new double[][] {{2, 2}},
                new double[][] {{0, 0}}), 1e-15);
        // Absolute errors: 0.25, 0.5, 1, 2 -> 3.75 / 4. tf_keras: 0.9375.
        assertEquals(0.9375, evaluate(new MeanAbsoluteError(), labels, predictions, new double[][] {{2, 2}},
                new double[][] {{0, 0}}), 1e-15);
    }

    @Test
    void resultIsZeroBeforeAnyBatchAndEmptyBatchesChangeNothing() {
        MetricState state = new MeanSquaredError().newState();
        assertEquals(0.0, state.result());
        state.update(new double[0], 1, new double[0], 0, 1);
        assertEquals(0.0, state.result());
        feed(state, column(1), column(3));
        state.update(new double[0], 1, new double[0], 0, 1);
        assertEquals(4.0, state.result());
    }

    @Test
    void statesAreIndependent() {
        Metric metric = new MeanAbsoluteError();
        MetricState first = metric.newState();
        MetricState second = metric.newState();
        feed(first, column(0), column(1));
        feed(second, column(0), column(3));
        assertEquals(1.0, first.result());
        assertEquals(3.0, second.result());
    }

    @Test
    void updateRejectsArraysThatDoNotHoldTheStatedShape() {
        MetricState state = new MeanSquaredError().newState();
        IllegalArgumentException shortPredictions = assertThrows(IllegalArgumentException.class,
                () -> state.update(new double[] {1, 2}, 1, new double[] {1}, 2, 1));
        assertEquals("metric 'mean_squared_error': predictions of 2 x 1 need 2 values, received: 1",
                shortPredictions.getMessage());
        IllegalArgumentException shortLabels = assertThrows(IllegalArgumentException.class,
                () -> state.update(new double[] {1, 2, 3}, 2, new double[] {1, 2, 3, 4}, 2, 2));
        assertEquals("metric 'mean_squared_error': labels of 2 x 2 need 4 values, received: 3",
                shortLabels.getMessage());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> state.update(new double[] {1, 2}, 1, new double[] {1, 2, 3, 4}, 2, 2));
        assertTrue(mismatch.getMessage().contains("labels have 1 column and the model has 2 output units"),
                mismatch.getMessage());
    }

    @Test
    void typedMetricsAreImmutableValuesWithKerasDefaults() {
        BinaryAccuracy defaults = new BinaryAccuracy();
        assertEquals("binary_accuracy", defaults.kerasName());
        assertEquals(0.5, defaults.threshold());
        BinaryAccuracy custom = defaults.threshold(0.7).name("acc70");
        assertEquals(0.5, defaults.threshold());
        assertEquals("binary_accuracy", defaults.kerasName());
        assertEquals(0.7, custom.threshold());
        assertEquals("acc70", custom.kerasName());
        assertEquals(new BinaryAccuracy().threshold(0.7).name("acc70"), custom);
        assertNotEquals(defaults, custom);
        assertEquals("BinaryAccuracy(name=acc70, threshold=0.7)", custom.toString());

        assertEquals("categorical_accuracy", new CategoricalAccuracy().kerasName());
        assertEquals("sparse_categorical_accuracy", new SparseCategoricalAccuracy().kerasName());
        assertEquals("mean_squared_error", new MeanSquaredError().kerasName());
        assertEquals("mean_absolute_error", new MeanAbsoluteError().kerasName());
        assertEquals("mse", new MeanSquaredError().name("mse").kerasName());
    }

    @Test
    void invalidArgumentsAreRejectedWithTheValue() {
        assertEquals("threshold must be a finite number, received: NaN",
                assertThrows(IllegalArgumentException.class, () -> new BinaryAccuracy().threshold(Double.NaN))
                        .getMessage());
        assertEquals("name must be a non-blank string, received: ' '",
                assertThrows(IllegalArgumentException.class, () -> new CategoricalAccuracy().name(" ")).getMessage());
        assertEquals("name must be a non-blank string, received: null",
                assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().name(null)).getMessage());
    }
}
