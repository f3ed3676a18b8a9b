package io.github.keras4j.metrics;

import static io.github.keras4j.metrics.Batches.column;
import static io.github.keras4j.metrics.Batches.evaluate;
import static io.github.keras4j.metrics.Batches.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Backend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keras's Precision and Recall. Counts are worked out by hand in the comments; the values marked "tf_keras" were also
 * printed by tf_keras 2.21 for the same batches (float32).
 */
class PrecisionRecallTest {

    /** Four samples of three classes, fed as a batch of three and a batch of one. */
    private static final double[][] LABELS = {{0, 1, 0}, {1, 0, 1}, {0, 0, 1}, {1, 1, 0}};
    private static final double[][] PREDICTIONS = {{0.2, 0.6, 0.6}, {0.7, 0.1, 0.5}, {0.3, 0.3, 0.9},
        {0.45, 0.55, 0.5}};

    @BeforeEach
    void freshSession() {
        Backend.clearSession();
    }

    private static double overTwoBatches(Metric metric) {
        return evaluate(metric, new double[][] {LABELS[0], LABELS[1], LABELS[2]},
                new double[][] {PREDICTIONS[0], PREDICTIONS[1], PREDICTIONS[2]}, new double[][] {LABELS[3]},
                new double[][] {PREDICTIONS[3]});
    }

    @Test
    void docstringExamples() {
        // y_true [0, 1, 1, 1], y_pred [1, 0, 1, 1]: TP 2, FP 1, FN 1. tf_keras: 0.6666667 and 0.6666667.
        assertEquals(2.0 / 3, evaluate(new Precision(), column(0, 1, 1, 1), column(1, 0, 1, 1)), 1e-15);
        assertEquals(2.0 / 3, evaluate(new Recall(), column(0, 1, 1, 1), column(1, 0, 1, 1)), 1e-15);
    }

    @Test
    void countsEveryElementOfEveryBatch() {
        // Predicted positive (> 0.5): (0,1) L1, (0,2) L0, (1,0) L1, (2,2) L1, (3,1) L1: TP 4, FP 1.
        // Positive labels: (0,1), (1,0), (1,2), (2,2), (3,0), (3,1): 6, of which 4 predicted. tf_keras: 0.8, 0.6666667.
        assertEquals(0.8, overTwoBatches(new Precision()), 1e-15);
        assertEquals(4.0 / 6, overTwoBatches(new Recall()), 1e-15);
    }

    @Test
    void thresholdIsStrict() {
        // Threshold 0.3: 0.3 itself is not above. Predicted positive: (0,1) TP, (0,2) FP, (1,0) TP, (1,2) TP,
        // (2,2) TP, (3,0) TP, (3,1) TP, (3,2) FP: TP 6, FP 2; all 6 positives found. tf_keras: 0.75 and 1.0.
        assertEquals(0.75, overTwoBatches(new Precision().thresholds(0.3)), 1e-15);
        assertEquals(1.0, overTwoBatches(new Recall().thresholds(0.3)), 1e-15);
    }

    @Test
    void classIdCountsOneColumn() {
        // Column 2: labels 0, 1, 1, 0; predictions 0.6, 0.5, 0.9, 0.5 -> positive, negative, positive, negative.
        // TP 1, FP 1, FN 1. tf_keras: 0.5 and 0.5.
        assertEquals(0.5, overTwoBatches(new Precision().classId(2)), 1e-15);
        assertEquals(0.5, overTwoBatches(new Recall().classId(2)), 1e-15);
    }

    @Test
    void topKKeepsTheLargestPredictionsWithLowerIndicesFirstAmongTies() {
        // top_k 1, threshold -1e10: row 0 keeps column 1 (0.6 tied with column 2; the lower index wins): TP.
        // Row 1 keeps 0: TP. Row 2 keeps 2: TP. Row 3 keeps 1: TP. TP 4, FP 0; recall 4 of 6. tf_keras: 1.0, 0.6666667.
        assertEquals(1.0, overTwoBatches(new Precision().topK(1)), 1e-15);
        assertEquals(4.0 / 6, overTwoBatches(new Recall().topK(1)), 1e-15);
        // top_k 2: row 0 keeps 1, 2 (TP, FP); row 1 keeps 0, 2 (TP, TP); row 2 keeps 2 and 0 (0.3 tie of columns 0 and
        // 1: column 0) (TP, FP); row 3 keeps 1, 2 (TP, FP). TP 5, FP 3; recall 5 of 6. tf_keras: 0.625, 0.8333333.
        assertEquals(0.625, overTwoBatches(new Precision().topK(2)), 1e-15);
        assertEquals(5.0 / 6, overTwoBatches(new Recall().topK(2)), 1e-15);
        // Keras's docstring: top_k 2 of [1, 1, 1, 1] keeps the first two, whose labels are 0: precision 0.
        double[][] labels = {{0, 0, 1, 1}};
        double[][] ones = {{1, 1, 1, 1}};
        assertEquals(0.0, evaluate(new Precision().topK(2), labels, ones));
        assertEquals(0.5, evaluate(new Precision().topK(4), labels, ones));
    }

    @Test
    void topKThenClassIdAndTopKWithAThreshold() {
        // top_k 2 then column 1: kept in rows 0 and 3 (both labels 1), dropped in rows 1 and 2 (labels 0).
        // tf_keras: 1.0 and 1.0.
        assertEquals(1.0, overTwoBatches(new Precision().topK(2).classId(1)), 1e-15);
        assertEquals(1.0, overTwoBatches(new Recall().topK(2).classId(1)), 1e-15);
        // top_k 1 and threshold 0.65: only 0.7 (row 1) and 0.9 (row 2) remain positive, both TP; recall 2 of 6.
        // tf_keras: 1.0 and 0.33333334.
        assertEquals(1.0, overTwoBatches(new Precision().topK(1).thresholds(0.65)), 1e-15);
        assertEquals(2.0 / 6, overTwoBatches(new Recall().topK(1).thresholds(0.65)), 1e-15);
    }

    @Test
    void zeroDenominatorsGiveZero() {
        // No prediction above 0.5: TP + FP = 0. No positive label: TP + FN = 0. tf_keras: 0.0 and 0.0.
        assertEquals(0.0, evaluate(new Precision(), column(1, 0), column(0.1, 0.2)));
        assertEquals(0.0, evaluate(new Recall(), column(0, 0), column(0.9, 0.2)));
        assertEquals(0.0, new Precision().newState().result());
        assertEquals(0.0, new Recall().newState().result());
    }

    @Test
    void thresholdComparesInTheFloatxPrecisionLikeKeras() {
        // float32(0.1) is not above float32(0.1): TP 1 (0.3), FP 1 (0.2). tf_keras: 0.5.
        assertEquals(0.5, evaluate(new Precision().thresholds(0.1), column(1, 0, 1), column((float) 0.1, 0.2, 0.3)),
                1e-15);
        // Under float64 Keras converts the thresholds straight to float64, and 0.10000000149 is above 0.1: TP 2, FP 1.
        // tf_keras: 0.6666666666666666.
        try {
            Backend.setFloatx("float64");
            assertEquals(2.0 / 3, evaluate(new Precision().thresholds(0.1), column(1, 0, 1),
                    column((float) 0.1, 0.2, 0.3)), 1e-15);
        } finally {
            Backend.setFloatx("float32");
        }
    }

    @Test
    void accumulatesUntilReset() {
        MetricState state = new Precision().newState();
        feed(state, column(1, 0), column(0.9, 0.8));
        assertEquals(0.5, state.result());
        feed(state, column(1), column(0.7));
        assertEquals(2.0 / 3, state.result(), 1e-15);
        state.reset();
        assertEquals(0.0, state.result());
        feed(state, column(1), column(0.7));
        assertEquals(1.0, state.result());
    }

    @Test
    void defaultNamesAreSessionUniqueAsKerasNamesObjectsWithoutAName() {
        assertEquals("precision", new Precision().kerasName());
        assertEquals("precision_1", new Precision().kerasName());
        assertEquals("recall", new Recall().kerasName());
        Precision renamed = new Precision().name("p");
        assertEquals("p", renamed.kerasName());
        // Copies keep their name; they draw none.
        Recall recall = new Recall();
        assertEquals("recall_1", recall.thresholds(0.3).classId(1).kerasName());
        Backend.clearSession();
        assertEquals("precision", new Precision().kerasName());
    }

    @Test
    void optionsHaveKerasDefaultsAndAreImmutable() {
        Precision defaults = new Precision();
        assertEquals(0.5, defaults.thresholds());
        assertEquals(0, defaults.topK());
        assertEquals(-1, defaults.classId());
        assertEquals(-1e10, defaults.topK(3).thresholds());
        assertEquals(0.7, defaults.topK(3).thresholds(0.7).thresholds());
        assertEquals(0.5, defaults.thresholds());
        assertEquals(defaults.thresholds(0.7), defaults.thresholds(0.7));
        assertNotEquals(defaults.thresholds(0.7), defaults);
        assertNotEquals(Precision.named("x"), Recall.named("x"));
        assertEquals("Precision(name=precision, thresholds=0.7, top_k=2, class_id=null)",
                defaults.thresholds(0.7).topK(2).toString());
    }

    @Test
    void invalidOptionsAreRejectedWithTheValue() {
        assertEquals("Threshold values must be in [0, 1], received: 1.5",
                assertThrows(IllegalArgumentException.class, () -> new Precision().thresholds(1.5)).getMessage());
        assertEquals("top_k must be a positive integer, received: 0",
                assertThrows(IllegalArgumentException.class, () -> new Recall().topK(0)).getMessage());
        assertEquals("class_id must be a non-negative integer, received: -2",
                assertThrows(IllegalArgumentException.class, () -> new Recall().classId(-2)).getMessage());
    }

    @Test
    void checkCompatibleNamesClassIdTopKAndShapes() {
        assertEquals("metric 'p' has class_id=3, but the model has 3 output units (class ids 0 to 2)",
                assertThrows(IllegalArgumentException.class,
                        () -> new Precision().name("p").classId(3).checkCompatible(3, 3)).getMessage());
        assertEquals("metric 'r' has top_k=5, but the model has only 3 output units to choose from",
                assertThrows(IllegalArgumentException.class,
                        () -> new Recall().name("r").topK(5).checkCompatible(3, 3)).getMessage());
        assertEquals("metric 'p' (precision) compares labels and outputs element by element, but the labels have"
                + " 1 column and the model has 3 output units: give labels with 3 columns, one per output unit",
                assertThrows(IllegalArgumentException.class,
                        () -> new Precision().name("p").checkCompatible(3, 1)).getMessage());
        new Precision().classId(2).topK(3).checkCompatible(3, 3);
    }
}
