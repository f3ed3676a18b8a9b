package io.github.keras4j.metrics;

import static io.github.keras4j.metrics.Batches.column;
import static io.github.keras4j.metrics.Batches.evaluate;
import static io.github.keras4j.metrics.Batches.feed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Backend;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keras's AUC: checked against values computed independently here and against tf_keras 2.21's own output. */
class AUCTest {

    /** Keras's results are float32. */
    private static final double KERAS_TOLERANCE = 2e-6;

    private static final double[] LABELS = {0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1};
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8, 0.5, 0.5, 0.995, 0.005, 0.2, 0.65, 0.9, 0.3};
    /** Scores on and around Keras's thresholds: 0, 1, 100/199 (a threshold), 0.6 twice. */
    private static final double[] EDGE_SCORES = {0.0, 1.0, 0.5025125628140704, 0.497, 0.75, 0.25, 0.7, 0.6, 0.6, 0.61,
        0.99, 0.02};

    @BeforeEach
    void freshSession() {
        Backend.clearSession();
    }

    /** LABELS and SCORES fed as batches of 8 and 4. */
    private static double inTwoBatches(AUC auc) {
        return evaluate(auc, column(Arrays.copyOfRange(LABELS, 0, 8)), column(Arrays.copyOfRange(SCORES, 0, 8)),
                column(Arrays.copyOfRange(LABELS, 8, 12)), column(Arrays.copyOfRange(SCORES, 8, 12)));
    }

    /**
     * The values tf_keras 2.21 printed for {@code AUC(**options)} after the same updates ("auc" over SCORES in two
     * batches, "edge" over EDGE_SCORES in one).
     */
    static Stream<Arguments> kerasValues() {
        return Stream.of(
                Arguments.of("defaults", (UnaryOperator<AUC>) a -> a, 0.699999988079071, 0.3571428656578064),
                Arguments.of("curve PR", (UnaryOperator<AUC>) a -> a.curve("PR"), 0.8046724796295166,
                        0.47706139087677),
                Arguments.of("minoring", (UnaryOperator<AUC>) a -> a.summationMethod("minoring"), 0.6857142448425293,
                        0.34285712242126465),
                Arguments.of("majoring", (UnaryOperator<AUC>) a -> a.summationMethod("majoring"), 0.7142857313156128,
                        0.37142854928970337),
                Arguments.of("PR majoring", (UnaryOperator<AUC>) a -> a.curve(AUC.Curve.PR)
                        .summationMethod(AUC.SummationMethod.MAJORING), 0.8202381134033203, 0.5314986705780029),
                Arguments.of("PR_GAIN", (UnaryOperator<AUC>) a -> a.curve("PR_GAIN"), 0.1810000091791153,
                        -0.09199999272823334),
                Arguments.of("num_thresholds 7", (UnaryOperator<AUC>) a -> a.numThresholds(7), 0.7142857313156128,
                        0.41428571939468384),
                Arguments.of("uneven thresholds", (UnaryOperator<AUC>) a -> a.thresholds(0.55, 0.3, 0.5),
                        0.6142857670783997, 0.34285712242126465),
                Arguments.of("even thresholds", (UnaryOperator<AUC>) a -> a.thresholds(0.25, 0.5, 0.75),
                        0.714285671710968, 0.4000000059604645));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasValues")
    void matchesTfKeras(String options, UnaryOperator<AUC> configure, double kerasOnScores, double kerasOnEdges) {
        assertEquals(kerasOnScores, inTwoBatches(configure.apply(new AUC())), KERAS_TOLERANCE);
        assertEquals(kerasOnEdges, evaluate(configure.apply(new AUC()), column(LABELS), column(EDGE_SCORES)),
                KERAS_TOLERANCE);
    }

    @Test
    void docstringExample() {
        // thresholds [-1e-7, 0.5, 1 + 1e-7]: tp [2, 1, 0], fp [2, 0, 0], tn [0, 2, 2], fn [0, 1, 2];
        // recall [1, 0.5, 0], fp rate [1, 0, 0]: (1 - 0) (1 + 0.5) / 2 + 0 = 0.75.
        assertEquals(0.75, evaluate(new AUC().numThresholds(3), column(0, 0, 1, 1), column(0, 0.5, 0.3, 0.9)));
    }

    @Test
    void defaultRocAreaIsTheTrapezoidOverKerasThresholds() {
        // Written independently of AUC: each threshold's rates by direct comparison, then the trapezoid rule.
        double[] thresholds = new double[200];
        thresholds[0] = -1e-7;
        for (int i = 1; i < 199; i++) {
            thresholds[i] = i / 199.0;
        }
        thresholds[199] = 1 + 1e-7;
        double expected = trapezoid(thresholds, LABELS, SCORES);
        assertEquals(0.7, expected, 1e-12);
        assertEquals(expected, inTwoBatches(new AUC()), 1e-12);

        Random random = new Random(42);
        double[] labels = new double[300];
        double[] scores = new double[300];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(2);
            scores[i] = Math.min(1, Math.max(0, 0.5 + 0.25 * (labels[i] - 0.5) + 0.2 * random.nextGaussian()));
        }
        assertEquals(trapezoid(thresholds, labels, scores), evaluate(new AUC(), column(labels), column(scores)),
                1e-12);
    }

    private static double trapezoid(double[] thresholds, double[] labels, double[] scores) {
        double area = 0;
        double previousTpr = Double.NaN;
        double previousFpr = Double.NaN;
        for (double threshold : thresholds) {
            int tp = 0;
            int fp = 0;
            int positives = 0;
            int negatives = 0;
            for (int i = 0; i < labels.length; i++) {
                boolean predicted = scores[i] > threshold;
                if (labels[i] == 1) {
                    positives++;
                    tp += predicted ? 1 : 0;
                } else {
                    negatives++;
                    fp += predicted ? 1 : 0;
                }
            }
            double tpr = (double) tp / positives;
            double fpr = (double) fp / negatives;
            if (!Double.isNaN(previousTpr)) {
                area += (previousFpr - fpr) * (previousTpr + tpr) / 2;
            }
            previousTpr = tpr;
            previousFpr = fpr;
        }
        return area;
    }

    @Test
    void rocAreaEqualsTheRankStatisticWhenScoresSitInTheMiddleOfBuckets() {
        // With every score in the middle of one of Keras's 199 buckets, the thresholded ROC area with the trapezoid
        // rule is exactly the Mann-Whitney probability that a positive outscores a negative, ties counting half.
        Random random = new Random(7);
        double[] labels = new double[400];
        double[] scores = new double[400];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(2);
            int bucket = labels[i] == 1 ? 50 + random.nextInt(149) : random.nextInt(140);
            scores[i] = (bucket + 0.5) / 199;
        }
        double wins = 0;
        long pairs = 0;
        for (int p = 0; p < labels.length; p++) {
            for (int n = 0; n < labels.length; n++) {
                if (labels[p] == 1 && labels[n] == 0) {
                    pairs++;
                    wins += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
                }
            }
        }
        MetricState state = new AUC().newState();
        for (int start = 0; start < labels.length; start += 32) {
            int end = Math.min(labels.length, start + 32);
            feed(state, column(Arrays.copyOfRange(labels, start, end)),
                    column(Arrays.copyOfRange(scores, start, end)));
        }
        assertEquals(wins / pairs, state.result(), 1e-12);
    }

    @Test
    void perfectSeparationIsOneAndAConstantScoreIsOneHalf() {
        assertEquals(1.0, evaluate(new AUC(), column(0, 0, 1, 1), column(0.1, 0.2, 0.8, 0.9)), 1e-15);
        assertEquals(0.0, evaluate(new AUC(), column(1, 1, 0, 0), column(0.1, 0.2, 0.8, 0.9)), 1e-15);
        assertEquals(0.5, evaluate(new AUC(), column(0, 1, 1, 0), column(0.5, 0.5, 0.5, 0.5)), 1e-15);
        // One class only: the recall or the false positive rate is 0 / 0 -> 0 throughout. tf_keras: 0.0.
        assertEquals(0.0, evaluate(new AUC(), column(1, 1), column(0.3, 0.6)));
        assertEquals(0.0, new AUC().newState().result());
    }

    @Test
    void evenlySpreadThresholdsClipPredictionsOthersDoNot() {
        // Default thresholds: clipped, 1.5 and 1.2 exceed every threshold but 1 + 1e-7, -0.5 and -0.2 only -1e-7.
        // Each side has one positive and one negative: rates (1, 1), (0.5, 0.5) ... (0.5, 0.5), (0, 0): area 0.5.
        // Other thresholds compare unclipped: 1.5 and 1.2 exceed all of them, -0.5 and -0.2 none: rates stay at
        // (0.5, 0.5) throughout, area 0. tf_keras: 0.5 and 0.0.
        assertEquals(0.5, evaluate(new AUC(), column(1, 0, 1, 0), column(1.5, -0.5, -0.2, 1.2)), KERAS_TOLERANCE);
        assertEquals(0.0, evaluate(new AUC().thresholds(0.3, 0.5, 0.55), column(1, 0, 1, 0),
                column(1.5, -0.5, -0.2, 1.2)), KERAS_TOLERANCE);
    }

    @Test
    void bucketsAreComputedInTheFloatxPrecision() {
        // tf_keras 2.21, AUC(num_thresholds=3), labels (0, 1), predictions (0.5000000001, 0.4). In float32 the first
        // rounds to 0.5, bucket ceil(0.5 * 2) - 1 = 0, the same as 0.4's: a tie, 0.5. In float64 it lands in bucket 1,
        // above the positive: 0.0.
        // float32(100 / 199) * 199 is exactly 100 in float32 (bucket 99) but 100.000002 in double (bucket 100, where
        // the negative 0.505 sits): tf_keras gives 0.0, where double arithmetic would tie them at 0.5.
        assertEquals(0.0, evaluate(new AUC(), column(1, 0), column(0.5025125628140704, 0.505)));
        try {
            assertEquals(0.5, evaluate(new AUC().numThresholds(3), column(0, 1), column(0.5000000001, 0.4)));
            Backend.setFloatx("float64");
            assertEquals(0.0, evaluate(new AUC().numThresholds(3), column(0, 1), column(0.5000000001, 0.4)));
        } finally {
            Backend.setFloatx("float32");
        }
    }

    @Test
    void fromLogitsAppliesASigmoidFirst() {
        // tf_keras: AUC(from_logits=True) on these logits gives 0.9375.
        double[] logits = {-2.0, 0.3, 1.2, 3.0, -0.1, 0.0, 5.0, -4.0};
        double[] labels = Arrays.copyOfRange(LABELS, 0, 8);
        assertEquals(0.9375, evaluate(new AUC().fromLogits(true), column(labels), column(logits)), KERAS_TOLERANCE);
        double[] probabilities = Arrays.stream(logits).map(x -> 1 / (1 + Math.exp(-x))).toArray();
        assertEquals(evaluate(new AUC(), column(labels), column(probabilities)),
                evaluate(new AUC().fromLogits(true), column(labels), column(logits)), 1e-15);
    }

    @Test
    void severalOutputsArePooledOrAveragedPerLabel() {
        double[][] labels = {{0, 1}, {1, 1}, {0, 0}, {1, 0}, {1, 1}, {0, 1}};
        double[][] scores = {{0.3, 0.8}, {0.6, 0.4}, {0.2, 0.5}, {0.9, 0.1}, {0.4, 0.7}, {0.5, 0.2}};
        // tf_keras: pooled 0.78571427, multi_label 0.81944442, multi_label with label_weights [0.25, 0.75] 0.78472221,
        // pooled with those label_weights 0.75925922.
        assertEquals(0.7857142686843872, evaluate(new AUC(), labels, scores), KERAS_TOLERANCE);
        assertEquals(0.8194444179534912, evaluate(new AUC().multiLabel(true), labels, scores), KERAS_TOLERANCE);
        assertEquals(0.7847222089767456, evaluate(new AUC().multiLabel(true).labelWeights(0.25, 0.75), labels, scores),
                KERAS_TOLERANCE);
        assertEquals(0.7592592239379883, evaluate(new AUC().labelWeights(0.25, 0.75), labels, scores),
                KERAS_TOLERANCE);
        // The multi-label value is the mean of each column's own AUC.
        double first = evaluate(new AUC(), column(0, 1, 0, 1, 1, 0), column(0.3, 0.6, 0.2, 0.9, 0.4, 0.5));
        double second = evaluate(new AUC(), column(1, 1, 0, 0, 1, 1), column(0.8, 0.4, 0.5, 0.1, 0.7, 0.2));
        assertEquals((first + second) / 2, evaluate(new AUC().multiLabel(true), labels, scores), 1e-15);
    }

    @Test
    void multiLabelRejectsAChangingNumberOfLabels() {
        MetricState state = new AUC().multiLabel(true).newState();
        feed(state, new double[][] {{0, 1}}, new double[][] {{0.2, 0.7}});
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> feed(state, new double[][] {{0, 1, 1}}, new double[][] {{0.2, 0.7, 0.1}}));
        assertEquals("metric 'auc' (multi_label) counted 2 labels so far, received a batch with 3: Number of labels is"
                + " not consistent.", error.getMessage());
    }

    @Test
    void accumulatesUntilReset() {
        MetricState state = new AUC().newState();
        feed(state, column(0, 1), column(0.9, 0.1));
        assertEquals(0.0, state.result(), 1e-15);
        // Positives 0.1 and 0.8 against negatives 0.9 and 0.2: one pair of four ranked right.
        feed(state, column(0, 1), column(0.2, 0.8));
        assertEquals(0.25, state.result(), 1e-15);
        state.reset();
        feed(state, column(0, 1), column(0.2, 0.8));
        assertEquals(1.0, state.result(), 1e-15);
    }

    @Test
    void optionsHaveKerasDefaultsAndAreImmutable() {
        AUC auc = new AUC();
        assertEquals("auc", auc.kerasName());
        assertEquals("auc_1", new AUC().kerasName());
        assertEquals(200, auc.numThresholds());
        assertEquals(AUC.Curve.ROC, auc.curve());
        assertEquals(AUC.SummationMethod.INTERPOLATION, auc.summationMethod());
        assertEquals(false, auc.multiLabel());
        assertEquals(null, auc.labelWeights());
        assertEquals(false, auc.fromLogits());
        double[] thresholds = auc.thresholds();
        assertEquals(200, thresholds.length);
        assertEquals(-1e-7, thresholds[0]);
        assertEquals(1.0 / 199, thresholds[1]);
        assertEquals(198.0 / 199, thresholds[198]);
        assertEquals(1 + 1e-7, thresholds[199]);

        AUC pr = auc.curve("pr").numThresholds(50);
        assertEquals(AUC.Curve.ROC, auc.curve());
        assertEquals(AUC.Curve.PR, pr.curve());
        assertEquals(50, pr.numThresholds());
        assertEquals("auc", pr.kerasName());
        assertEquals(pr, auc.numThresholds(50).curve(AUC.Curve.PR));
        assertNotEquals(pr, auc);
        AUC explicit = auc.thresholds(0.7, 0.2);
        assertEquals(4, explicit.numThresholds());
        assertArrayEquals(new double[] {-1e-7, 0.2, 0.7, 1 + 1e-7}, explicit.thresholds());
        assertEquals(200, explicit.numThresholds(200).thresholds().length);
        assertEquals("AUC(name=auc, num_thresholds=4, curve=ROC, summation_method=interpolation, thresholds=[0.2, 0.7],"
                + " multi_label=false, label_weights=null, from_logits=false)", explicit.toString());
    }

    @Test
    void invalidOptionsAreRejectedWithTheValue() {
        assertEquals("num_thresholds must be an integer > 1, received: num_thresholds=1",
                assertThrows(IllegalArgumentException.class, () -> new AUC().numThresholds(1)).getMessage());
        assertEquals("Invalid AUC curve value: \"Roc\". Expected values are [\"PR\", \"ROC\", \"PR_GAIN\"]",
                assertThrows(IllegalArgumentException.class, () -> new AUC().curve("Roc")).getMessage());
        assertEquals("Invalid AUC summation method value: \"trapezoid\". Expected values are [\"interpolation\","
                + " \"majoring\", \"minoring\"]",
                assertThrows(IllegalArgumentException.class, () -> new AUC().summationMethod("trapezoid"))
                        .getMessage());
        assertEquals("thresholds must be in [0, 1], received: 1.2",
                assertThrows(IllegalArgumentException.class, () -> new AUC().thresholds(0.5, 1.2)).getMessage());
        assertEquals("All values of label_weights must be non-negative, received: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new AUC().labelWeights(1, -1)).getMessage());
        assertEquals("metric 'auc' has 2 label_weights, but the model has 3 output units: give one weight per unit",
                assertThrows(IllegalArgumentException.class,
                        () -> new AUC().name("auc").labelWeights(1, 2).checkCompatible(3, 3)).getMessage());
    }
}
