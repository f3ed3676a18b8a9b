package io.github.keras4j.losses;

import static io.github.keras4j.losses.KerasReference.Act.IDENTITY;
import static io.github.keras4j.losses.KerasReference.Act.RELU;
import static io.github.keras4j.losses.KerasReference.Act.SIGMOID;
import static io.github.keras4j.losses.KerasReference.Act.SOFTMAX;
import static io.github.keras4j.losses.KerasReference.Act.TANH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.losses.KerasReference.Act;
import io.github.keras4j.losses.KerasReference.BatchLoss;
import io.github.keras4j.losses.dl4j.KerasBinaryCrossentropy;
import io.github.keras4j.losses.dl4j.KerasCategoricalCrossentropy;
import io.github.keras4j.losses.dl4j.KerasCosineSimilarity;
import io.github.keras4j.losses.dl4j.KerasHinge;
import io.github.keras4j.losses.dl4j.KerasHuber;
import io.github.keras4j.losses.dl4j.KerasKLDivergence;
import io.github.keras4j.losses.dl4j.KerasLogCosh;
import io.github.keras4j.losses.dl4j.KerasMeanAbsoluteError;
import io.github.keras4j.losses.dl4j.KerasMeanAbsolutePercentageError;
import io.github.keras4j.losses.dl4j.KerasMeanSquaredLogarithmicError;
import io.github.keras4j.losses.dl4j.KerasPoisson;
import io.github.keras4j.losses.dl4j.KerasSparseCategoricalCrossentropy;
import io.github.keras4j.losses.dl4j.KerasSquaredHinge;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Every loss implementation against Keras's formulas in plain Java doubles ({@link KerasReference}): per-sample
 * scores, summed and averaged scores, and the gradient with respect to the pre-activations against central
 * differences of the reference, in float32 and float64.
 */
class KerasLossFunctionsTest {

    enum Precision {
        FLOAT(DataType.FLOAT, 2e-5, 2e-4), DOUBLE(DataType.DOUBLE, 1e-11, 1e-6);

        final DataType type;
        final double scoreTolerance;
        final double gradientTolerance;

        Precision(DataType type, double scoreTolerance, double gradientTolerance) {
            this.type = type;
            this.scoreTolerance = scoreTolerance;
            this.gradientTolerance = gradientTolerance;
        }
    }

    record Case(String name, Supplier<ILossFunction> loss, BatchLoss reference, Act act, double[][] y, double[][] z) {
        @Override
        public String toString() {
            return name + " after " + act.name().toLowerCase();
        }
    }

    static Stream<Arguments> cases() {
        double[][] regressionY = {{0.2, -0.5, 1.3}, {1.0, 0.0, 2.0}};
        double[][] regressionZ = {{0.7, -1.2, 0.4}, {0.3, 0.9, 2.6}};
        double[][] unitY = {{0.2, 0.9}, {0.6, 0.1}, {0.0, 1.0}};
        double[][] unitZ = {{0.4, -1.1}, {1.7, 0.3}, {-0.6, 2.2}};
        double[][] oneHot3 = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}};
        double[][] logits3 = {{0.5, -1.0, 2.0}, {1.5, 0.2, -0.3}, {-2.0, 0.1, 0.4}};
        double[][] binaryY = {{1, 0}, {0, 1}, {1, 1}};
        double[][] marginZ = {{0.5, -1.7}, {2.0, 0.3}, {-0.4, 1.6}};
        List<Case> all = List.of(
                new Case("mean_squared_error", LossMSE::new, KerasReference.MSE, IDENTITY, regressionY, regressionZ),
                new Case("mean_squared_error", LossMSE::new, KerasReference.MSE, SIGMOID,
                        new double[][] {{1}, {0}, {1}}, new double[][] {{0.3}, {-1.2}, {2.5}}),
                new Case("mean_absolute_error", KerasMeanAbsoluteError::new, KerasReference.MAE, IDENTITY,
                        regressionY, regressionZ),
                new Case("mean_absolute_error", KerasMeanAbsoluteError::new, KerasReference.MAE, TANH, unitY, unitZ),
                new Case("mean_absolute_percentage_error", KerasMeanAbsolutePercentageError::new,
                        KerasReference.MAPE, IDENTITY, new double[][] {{0.2, -0.5, 1.3}, {1.0, 0.4, 2.0}}, regressionZ),
                new Case("mean_absolute_percentage_error", KerasMeanAbsolutePercentageError::new,
                        KerasReference.MAPE, SIGMOID, new double[][] {{0.2, 0.9}, {0.6, 0.1}, {0.3, 1.0}}, unitZ),
                new Case("mean_squared_logarithmic_error", KerasMeanSquaredLogarithmicError::new,
                        KerasReference.MSLE, IDENTITY, regressionY, regressionZ),
                new Case("mean_squared_logarithmic_error", KerasMeanSquaredLogarithmicError::new,
                        KerasReference.MSLE, RELU, regressionY, regressionZ),
                new Case("binary_crossentropy", KerasBinaryCrossentropy::new, KerasReference.BCE, SIGMOID,
                        new double[][] {{1}, {0}, {1}}, new double[][] {{0.3}, {-1.2}, {-2.5}}),
                new Case("binary_crossentropy", KerasBinaryCrossentropy::new, KerasReference.BCE, SIGMOID,
                        binaryY, new double[][] {{30, -30}, {25, 3}, {-0.5, 40}}),
                new Case("binary_crossentropy", KerasBinaryCrossentropy::new, KerasReference.BCE, SOFTMAX,
                        binaryY, unitZ),
                new Case("binary_crossentropy", KerasBinaryCrossentropy::new, KerasReference.BCE, IDENTITY,
                        unitY, new double[][] {{0.3, 0.8}, {0.55, 0.05}, {0.2, 0.7}}),
                new Case("categorical_crossentropy", KerasCategoricalCrossentropy::new, KerasReference.CCE,
                        SOFTMAX, oneHot3, logits3),
                new Case("categorical_crossentropy", KerasCategoricalCrossentropy::new, KerasReference.CCE,
                        SOFTMAX, new double[][] {{0.2, 0.3, 0.5}, {0.6, 0.4, 0}, {0.1, 0.4, 0.5}}, logits3),
                new Case("categorical_crossentropy", KerasCategoricalCrossentropy::new, KerasReference.CCE,
                        SIGMOID, oneHot3, logits3),
                new Case("categorical_crossentropy", KerasCategoricalCrossentropy::new, KerasReference.CCE,
                        IDENTITY, new double[][] {{0.2, 0.3, 0.5}, {0, 1, 0}, {0.5, 0, 0.5}},
                        new double[][] {{0.5, 1.0, 2.0}, {1.5, 0.2, 0.3}, {2.0, 0.1, 0.4}}),
                new Case("sparse_categorical_crossentropy", KerasSparseCategoricalCrossentropy::new,
                        KerasReference.SPARSE_CCE, SOFTMAX, new double[][] {{2}, {0}, {1}}, logits3),
                new Case("sparse_categorical_crossentropy", KerasSparseCategoricalCrossentropy::new,
                        KerasReference.SPARSE_CCE, SIGMOID, new double[][] {{2}, {0}, {1}}, logits3),
                new Case("sparse_categorical_crossentropy", KerasSparseCategoricalCrossentropy::new,
                        KerasReference.SPARSE_CCE, IDENTITY, new double[][] {{2}, {0}, {1}},
                        new double[][] {{0.5, 0.2, 0.9}, {0.15, 0.35, 0.3}, {0.2, 0.6, 0.4}}),
                new Case("hinge", KerasHinge::new, KerasReference.HINGE, IDENTITY, binaryY, marginZ),
                new Case("hinge", KerasHinge::new, KerasReference.HINGE, IDENTITY,
                        new double[][] {{1, -1}, {-1, 1}, {1, 1}}, marginZ),
                new Case("hinge", KerasHinge::new, KerasReference.HINGE, TANH, binaryY, marginZ),
                new Case("hinge", KerasHinge::new, KerasReference.HINGE, IDENTITY,
                        new double[][] {{1, 0.5}, {0, 1}, {2, -1}}, marginZ),
                new Case("squared_hinge", KerasSquaredHinge::new, KerasReference.SQUARED_HINGE, IDENTITY,
                        binaryY, marginZ),
                new Case("squared_hinge", KerasSquaredHinge::new, KerasReference.SQUARED_HINGE, SIGMOID,
                        new double[][] {{1, -1}, {-1, 1}, {1, 1}}, marginZ),
                new Case("kl_divergence", KerasKLDivergence::new, KerasReference.KLD, SOFTMAX,
                        new double[][] {{0.2, 0.3, 0.5}, {0.6, 0.4, 0}, {0.1, 0.1, 0.8}}, logits3),
                new Case("kl_divergence", KerasKLDivergence::new, KerasReference.KLD, SIGMOID, unitY, unitZ),
                new Case("poisson", KerasPoisson::new, KerasReference.POISSON, SIGMOID, unitY, unitZ),
                new Case("poisson", KerasPoisson::new, KerasReference.POISSON, IDENTITY,
                        new double[][] {{2, 0}, {1, 3}, {0, 1}}, new double[][] {{1.5, 0.2}, {0.8, 2.5}, {0.1, 1.2}}),
                new Case("cosine_similarity", KerasCosineSimilarity::new, KerasReference.COSINE_SIMILARITY, IDENTITY,
                        new double[][] {{0.2, -0.5, 1.3}, {0, 0, 0}}, regressionZ),
                new Case("cosine_similarity", KerasCosineSimilarity::new, KerasReference.COSINE_SIMILARITY, TANH,
                        regressionY, regressionZ),
                new Case("log_cosh", KerasLogCosh::new, KerasReference.LOG_COSH, IDENTITY, regressionY,
                        new double[][] {{0.7, -1.2, 30.4}, {0.3, 0.9, -25.0}}),
                new Case("log_cosh", KerasLogCosh::new, KerasReference.LOG_COSH, SIGMOID, unitY, unitZ),
                new Case("huber", KerasHuber::new, KerasReference.huber(1.0), IDENTITY, regressionY,
                        new double[][] {{0.7, -2.2, 0.4}, {0.3, 0.9, 4.6}}),
                new Case("huber(delta=0.5)", () -> new KerasHuber(0.5), KerasReference.huber(0.5), IDENTITY,
                        regressionY, new double[][] {{0.7, -2.2, 0.4}, {0.3, 0.9, 4.6}}),
                new Case("huber", KerasHuber::new, KerasReference.huber(1.0), TANH, unitY, unitZ),
                new Case("sum_squared_error", LossL2::new, KerasReference.SUM_SQUARED_ERROR, IDENTITY,
                        regressionY, regressionZ),
                // Keras's loss arguments: label smoothing, from_logits (the activated output as logits, except after
                // a sigmoid or softmax, whose input Keras takes whatever from_logits says).
                new Case("binary_crossentropy(label_smoothing=0.1)", () -> new KerasBinaryCrossentropy(false, 0.1),
                        KerasReference.bce(false, 0.1), SIGMOID, binaryY, new double[][] {{30, -30}, {2.5, 3}, {-0.5, 4}}),
                new Case("binary_crossentropy(label_smoothing=0.2)", () -> new KerasBinaryCrossentropy(false, 0.2),
                        KerasReference.bce(false, 0.2), IDENTITY, unitY,
                        new double[][] {{0.3, 0.8}, {0.55, 0.05}, {0.2, 0.7}}),
                new Case("binary_crossentropy(from_logits=True)", () -> new KerasBinaryCrossentropy(true, 0.0),
                        KerasReference.bce(true, 0.0), IDENTITY, binaryY, marginZ),
                new Case("binary_crossentropy(from_logits=True, label_smoothing=0.3)",
                        () -> new KerasBinaryCrossentropy(true, 0.3), KerasReference.bce(true, 0.3), TANH, unitY, unitZ),
                new Case("binary_crossentropy(from_logits=True)", () -> new KerasBinaryCrossentropy(true, 0.0),
                        KerasReference.bce(true, 0.0), SIGMOID, binaryY, marginZ),
                new Case("categorical_crossentropy(label_smoothing=0.1)",
                        () -> new KerasCategoricalCrossentropy(false, 0.1), KerasReference.cce(false, 0.1), SOFTMAX,
                        oneHot3, logits3),
                new Case("categorical_crossentropy(label_smoothing=0.2)",
                        () -> new KerasCategoricalCrossentropy(false, 0.2), KerasReference.cce(false, 0.2), SIGMOID,
                        oneHot3, logits3),
                new Case("categorical_crossentropy(from_logits=True)", () -> new KerasCategoricalCrossentropy(true, 0.0),
                        KerasReference.cce(true, 0.0), IDENTITY, oneHot3, logits3),
                new Case("categorical_crossentropy(from_logits=True, label_smoothing=0.1)",
                        () -> new KerasCategoricalCrossentropy(true, 0.1), KerasReference.cce(true, 0.1), TANH,
                        oneHot3, logits3),
                new Case("categorical_crossentropy(from_logits=True)", () -> new KerasCategoricalCrossentropy(true, 0.0),
                        KerasReference.cce(true, 0.0), SOFTMAX, oneHot3, logits3),
                new Case("sparse_categorical_crossentropy(from_logits=True)",
                        () -> new KerasSparseCategoricalCrossentropy(true), KerasReference.SPARSE_CCE_FROM_LOGITS,
                        IDENTITY, new double[][] {{2}, {0}, {1}}, logits3),
                new Case("sparse_categorical_crossentropy(from_logits=True)",
                        () -> new KerasSparseCategoricalCrossentropy(true), KerasReference.SPARSE_CCE_FROM_LOGITS,
                        RELU, new double[][] {{2}, {0}, {1}}, logits3),
                new Case("sparse_categorical_crossentropy(from_logits=True)",
                        () -> new KerasSparseCategoricalCrossentropy(true), KerasReference.SPARSE_CCE_FROM_LOGITS,
                        SOFTMAX, new double[][] {{2}, {0}, {1}}, logits3));
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : all) {
            for (Precision precision : Precision.values()) {
                arguments.add(Arguments.of(c, precision));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cases")
    void scoresAreKerasPerSampleLosses(Case c, Precision precision) {
        INDArray labels = array(c.y(), precision.type);
        INDArray preOutput = array(c.z(), precision.type);
        INDArray labelsBefore = labels.dup();
        INDArray preOutputBefore = preOutput.dup();
        double[] expected = c.reference().losses(c.y(), c.z(), c.act());
        ILossFunction loss = c.loss().get();

        INDArray perSample = loss.computeScoreArray(labels, preOutput, dl4j(c.act()), null);
        assertArrayEquals(new long[] {c.y().length, 1}, perSample.shape());
        assertClose(expected, perSample.toDoubleVector(), precision.scoreTolerance, c + " per-sample scores");

        double total = 0;
        for (double v : expected) {
            total += v;
        }
        assertClose(total, loss.computeScore(labels, preOutput, dl4j(c.act()), null, false),
                precision.scoreTolerance, c + " summed score");
        assertClose(total / expected.length, loss.computeScore(labels, preOutput, dl4j(c.act()), null, true),
                precision.scoreTolerance, c + " averaged score");

        assertEquals(labelsBefore, labels, "the labels must stay untouched");
        assertEquals(preOutputBefore, preOutput, "scoring must leave preOutput untouched");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferencesOfKerasLoss(Case c, Precision precision) {
        INDArray labels = array(c.y(), precision.type);
        double[][] numeric = KerasReference.numericGradient(c.reference(), c.y(), c.z(), c.act(), 1e-6);
        ILossFunction loss = c.loss().get();

        INDArray gradient = loss.computeGradient(labels, array(c.z(), precision.type), dl4j(c.act()), null);
        assertEquals(precision.type, gradient.dataType());
        assertArrayEquals(new long[] {c.z().length, c.z()[0].length}, gradient.shape());
        for (int i = 0; i < numeric.length; i++) {
            assertClose(numeric[i], gradient.getRow(i).toDoubleVector(), precision.gradientTolerance,
                    c + " gradient of sample " + i);
        }

        assertEquals(array(c.y(), precision.type), labels, "the labels must stay untouched");

        var both = loss.computeGradientAndScore(labels, array(c.z(), precision.type), dl4j(c.act()), null, true);
        assertClose(loss.computeScore(labels, array(c.z(), precision.type), dl4j(c.act()), null, true),
                both.getFirst(), 1e-12, c + " score of computeGradientAndScore");
        assertEquals(gradient, both.getSecond(), c + " gradient of computeGradientAndScore");
    }

    // Keras-specific behaviour, each case where a naive formula would differ.

    @ParameterizedTest
    @EnumSource(Precision.class)
    void binaryCrossentropyAfterSigmoidUsesLogitsWhereProbabilitiesRound(Precision precision) {
        INDArray labels = array(new double[][] {{1, 0}, {1, 0}}, precision.type);
        INDArray logits = array(new double[][] {{30, -30}, {-30, 40}}, precision.type);
        INDArray perSample = new KerasBinaryCrossentropy().computeScoreArray(labels, logits, new ActivationSigmoid(), null);
        // Well classified: log1p(exp(-30)) = 9.36e-14 each, not 0 as log(sigmoid(30)) rounds to in float32.
        assertEquals(Math.log1p(Math.exp(-30)), perSample.getDouble(0, 0), 1e-19);
        assertTrue(perSample.getDouble(0, 0) > 0);
        // Wrong by a wide margin: 30 and 40, not the -log(1e-7) = 16.1 of clipped probabilities.
        assertEquals(35.0, perSample.getDouble(1, 0), 1e-5);
        // A batch of well classified samples only: the averaged score keeps the tiny losses too.
        INDArray confident = array(new double[][] {{30, -30}, {-25, 25}}, precision.type);
        INDArray confidentLabels = array(new double[][] {{1, 0}, {0, 1}}, precision.type);
        double expectedMean = (2 * Math.log1p(Math.exp(-30)) + 2 * Math.log1p(Math.exp(-25))) / 4;
        assertEquals(expectedMean, new KerasBinaryCrossentropy().computeScore(confidentLabels, confident,
                new ActivationSigmoid(), null, true), expectedMean * 1e-6);
        INDArray gradient = new KerasBinaryCrossentropy().computeGradient(labels, logits.dup(), new ActivationSigmoid(), null);
        assertEquals(-0.5, gradient.getDouble(1, 0), 1e-6);
        assertEquals(0.5, gradient.getDouble(1, 1), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void binaryCrossentropyAfterSoftmaxIsClippedWithNoGradientWhereClipped(Precision precision) {
        // Tutorial 004's output: 2 softmax columns, one-hot labels. z = (20, -20): p = (1, 4e-18), both clipped.
        INDArray labels = array(new double[][] {{0, 1}}, precision.type);
        INDArray logits = array(new double[][] {{20, -20}}, precision.type);
        double clippedLoss;
        if (precision == Precision.FLOAT) {
            // Keras in float32: clip to 1 - eps = 0.99999988f, then (1 - p) + eps = 2.19e-7, not 2e-7.
            float eps = 1e-7f;
            float top = 1f - eps;
            clippedLoss = (-(float) Math.log((1f - top) + eps) - (float) Math.log(eps + eps)) / 2;
        } else {
            clippedLoss = (-Math.log((1 - (1 - 1e-7)) + 1e-7) - Math.log(1e-7 + 1e-7)) / 2;
        }
        double score = new KerasBinaryCrossentropy().computeScore(labels, logits, new ActivationSoftmax(), null, true);
        assertEquals(clippedLoss, score, precision == Precision.FLOAT ? 2e-6 : 1e-9);
        INDArray gradient = new KerasBinaryCrossentropy().computeGradient(labels, logits.dup(), new ActivationSoftmax(), null);
        assertEquals(0.0, gradient.norm1Number().doubleValue(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void categoricalCrossentropyAfterSoftmaxStaysExactForHugeLogits(Precision precision) {
        INDArray labels = array(new double[][] {{0, 1, 0}, {1, 0, 0}}, precision.type);
        INDArray logits = array(new double[][] {{1000, 0, -1000}, {1000, 0, -1000}}, precision.type);
        INDArray perSample = new KerasCategoricalCrossentropy().computeScoreArray(labels, logits, new ActivationSoftmax(), null);
        // DL4J's LossMCXENT would report -log(1e-10) = 23.03 for the first sample.
        assertEquals(1000.0, perSample.getDouble(0, 0), 1e-9);
        assertEquals(0.0, perSample.getDouble(1, 0), 1e-9);
        INDArray gradient = new KerasCategoricalCrossentropy().computeGradient(labels, logits.dup(), new ActivationSoftmax(), null);
        assertArrayEquals(new double[] {1, -1, 0}, gradient.getRow(0).toDoubleVector(), 1e-9);
    }

    @Test
    void categoricalCrossentropyAfterSoftmaxHasTensorflowsGradientForLabelsNotSummingToOne() {
        // TensorFlow's softmax_cross_entropy_with_logits kernel returns softmax(z) - y as the gradient, which is the
        // derivative of its loss only when the labels sum to 1; tf.keras trains with it all the same.
        INDArray labels = array(new double[][] {{0.1, 0.1, 0.5}}, DataType.DOUBLE);
        double[] z = {-2.0, 0.1, 0.4};
        double[] softmax = SOFTMAX.apply(z);
        INDArray gradient = new KerasCategoricalCrossentropy().computeGradient(labels,
                array(new double[][] {z}, DataType.DOUBLE), new ActivationSoftmax(), null);
        assertArrayEquals(new double[] {softmax[0] - 0.1, softmax[1] - 0.1, softmax[2] - 0.5},
                gradient.ravel().toDoubleVector(), 1e-15);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void meanAbsolutePercentageErrorGuardsZeroLabelsWithEpsilon(Precision precision) {
        INDArray labels = array(new double[][] {{0.0, 2.0}}, precision.type);
        INDArray predictions = array(new double[][] {{0.5, 1.0}}, precision.type);
        KerasMeanAbsolutePercentageError loss = new KerasMeanAbsolutePercentageError();
        double expected = 100.0 * (0.5 / 1e-7 + 0.5) / 2;
        assertClose(expected, loss.computeScore(labels, predictions, new ActivationIdentity(), null, true),
                precision.scoreTolerance, "MAPE of a zero label");
        INDArray gradient = loss.computeGradient(labels, predictions.dup(), new ActivationIdentity(), null);
        assertClose(new double[] {100.0 / 2 / 1e-7, -100.0 / 2 / 2.0}, gradient.ravel().toDoubleVector(),
                precision.scoreTolerance, "MAPE gradient of a zero label");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void sparseCategoricalCrossentropyTakesOneColumnOfClassIndices(Precision precision) {
        KerasSparseCategoricalCrossentropy loss = new KerasSparseCategoricalCrossentropy();
        INDArray logits = array(new double[][] {{0.5, -1.0, 2.0}, {1.5, 0.2, -0.3}}, precision.type);
        INDArray sparse = array(new double[][] {{2}, {0}}, precision.type);
        INDArray dense = array(new double[][] {{0, 0, 1}, {1, 0, 0}}, precision.type);
        KerasCategoricalCrossentropy categorical = new KerasCategoricalCrossentropy();
        assertClose(categorical.computeScoreArray(dense, logits, new ActivationSoftmax(), null).toDoubleVector(),
                loss.computeScoreArray(sparse, logits, new ActivationSoftmax(), null).toDoubleVector(),
                precision.scoreTolerance, "sparse and one-hot labels");
        // A rank-1 vector of labels works too.
        assertClose(loss.computeScoreArray(sparse, logits, new ActivationSoftmax(), null).toDoubleVector(),
                loss.computeScoreArray(sparse.reshape(2), logits, new ActivationSoftmax(), null).toDoubleVector(),
                0, "rank-1 labels");

        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () ->
                loss.computeScore(array(new double[][] {{3}, {0}}, precision.type), logits, new ActivationSoftmax(), null, true));
        assertTrue(outside.getMessage().contains("label value of 3 which is outside the valid range of [0, 3)"),
                outside.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () ->
                loss.computeGradient(array(new double[][] {{-1}, {0}}, precision.type), logits, new ActivationSoftmax(), null));
        assertTrue(negative.getMessage().contains("label value of -1"), negative.getMessage());
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class, () ->
                loss.computeScoreArray(array(new double[][] {{1}, {Double.NaN}}, precision.type), logits, new ActivationSoftmax(), null));
        assertTrue(notANumber.getMessage().contains("label value of NaN"), notANumber.getMessage());
        // Truncated towards zero as TensorFlow's int64 cast: 2.9 is class 2, -0.5 class 0.
        assertClose(loss.computeScoreArray(sparse, logits, new ActivationSoftmax(), null).toDoubleVector(),
                loss.computeScoreArray(array(new double[][] {{2.9}, {-0.5}}, precision.type), logits,
                        new ActivationSoftmax(), null).toDoubleVector(), 0, "truncated labels");
        IllegalArgumentException oneHot = assertThrows(IllegalArgumentException.class, () ->
                loss.computeScore(dense, logits, new ActivationSoftmax(), null, true));
        assertTrue(oneHot.getMessage().contains("one column of class indices"), oneHot.getMessage());
    }

    @Test
    void hingeConvertsLabelsOnlyWhenTheWholeBatchIsZeroOrOne() {
        INDArray predictions = array(new double[][] {{0.5}, {-0.25}}, DataType.DOUBLE);
        // 0/1 labels become -1/1: max(1 - 0.5, 0) and max(1 - 0.25, 0).
        assertArrayEquals(new double[] {0.5, 0.75}, new KerasHinge().computeScoreArray(
                array(new double[][] {{1}, {0}}, DataType.DOUBLE), predictions, new ActivationIdentity(), null)
                .toDoubleVector(), 1e-15);
        // A 2 in the batch: no conversion, so the 0 label contributes max(1 - 0, 0) = 1.
        assertArrayEquals(new double[] {0.0, 1.0}, new KerasHinge().computeScoreArray(
                array(new double[][] {{2}, {0}}, DataType.DOUBLE), predictions, new ActivationIdentity(), null)
                .toDoubleVector(), 1e-15);
    }

    @Test
    void hingeGradientPassesAtTheKinkAsTensorflowsMaximumDoes() {
        INDArray labels = array(new double[][] {{1, 0}}, DataType.DOUBLE);
        INDArray predictions = array(new double[][] {{1.0, -1.0}}, DataType.DOUBLE); // 1 - y p = 0 for both
        INDArray gradient = new KerasHinge().computeGradient(labels, predictions, new ActivationIdentity(), null);
        assertArrayEquals(new double[] {-0.5, 0.5}, gradient.toDoubleVector(), 1e-15);
        INDArray beyond = array(new double[][] {{1.5, -2.0}}, DataType.DOUBLE);
        assertArrayEquals(new double[] {0, 0}, new KerasHinge().computeGradient(labels, beyond,
                new ActivationIdentity(), null).toDoubleVector(), 0.0);
    }

    @Test
    void clippedPredictionsGetNoGradient() {
        INDArray labels = array(new double[][] {{0.3, 0.7}}, DataType.DOUBLE);
        // Below eps for MSLE and KLD, above 1 for KLD: the maximum / clip cuts the gradient off.
        INDArray below = array(new double[][] {{-0.5, 0.4}}, DataType.DOUBLE);
        INDArray msle = new KerasMeanSquaredLogarithmicError().computeGradient(labels, below.dup(), new ActivationIdentity(), null);
        assertEquals(0.0, msle.getDouble(0, 0), 0.0);
        assertNotEquals(0.0, msle.getDouble(0, 1));
        INDArray outside = array(new double[][] {{-0.5, 1.5}}, DataType.DOUBLE);
        INDArray kld = new KerasKLDivergence().computeGradient(labels, outside.dup(), new ActivationIdentity(), null);
        assertArrayEquals(new double[] {0, 0}, kld.toDoubleVector(), 0.0);
        INDArray bce = new KerasBinaryCrossentropy().computeGradient(labels, outside.dup(), new ActivationIdentity(), null);
        assertArrayEquals(new double[] {0, 0}, bce.toDoubleVector(), 0.0);
        // Exactly at the clip bounds the gradient passes (TensorFlow's clip_by_value: min <= x <= max).
        INDArray atBound = array(new double[][] {{1e-7, 1.0}}, DataType.DOUBLE);
        INDArray kldAtBound = new KerasKLDivergence().computeGradient(labels, atBound.dup(), new ActivationIdentity(), null);
        assertEquals(-0.3 / 1e-7, kldAtBound.getDouble(0, 0), 1e-3);
        assertEquals(-0.7, kldAtBound.getDouble(0, 1), 1e-12);
    }

    @Test
    void sumSquaredErrorIsTheNumpyTutorialsLossAndGradient() {
        // np.square(y_pred - y).sum() and grad 2 (y_pred - y), not divided by the number of outputs or samples.
        INDArray labels = array(new double[][] {{1, 2}, {3, 4}}, DataType.DOUBLE);
        INDArray predictions = array(new double[][] {{1.5, 1}, {3, 6}}, DataType.DOUBLE);
        ILossFunction loss = Losses.SUM_SQUARED_ERROR.toDl4j();
        assertEquals(0.25 + 1 + 0 + 4, loss.computeScore(labels, predictions, new ActivationIdentity(), null, false), 1e-15);
        assertArrayEquals(new double[] {1, -2, 0, 4},
                loss.computeGradient(labels, predictions, new ActivationIdentity(), null).ravel().toDoubleVector(), 1e-15);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aPerExampleMaskWeighsSamplesAsKerasSampleWeight(Precision precision) {
        double[][] y = {{0.2, 0.9}, {0.6, 0.1}, {0.0, 1.0}};
        double[][] z = {{0.4, -1.1}, {1.7, 0.3}, {-0.6, 2.2}};
        double[] weights = {1.0, 0.0, 0.5};
        double[] perSample = KerasReference.BCE.losses(y, z, SIGMOID);
        double weighted = perSample[0] * weights[0] + perSample[1] * weights[1] + perSample[2] * weights[2];
        for (ILossFunction loss : List.of(new KerasBinaryCrossentropy(), new KerasCategoricalCrossentropy(),
                new KerasCosineSimilarity(), new KerasHuber())) {
            INDArray labels = array(y, precision.type);
            INDArray mask = Nd4j.createFromArray(weights).castTo(precision.type).reshape(3, 1);
            INDArray unmaskedScores = loss.computeScoreArray(labels, array(z, precision.type), new ActivationSigmoid(), null);
            INDArray maskedScores = loss.computeScoreArray(labels, array(z, precision.type), new ActivationSigmoid(), mask);
            INDArray unmaskedGradient = loss.computeGradient(labels, array(z, precision.type), new ActivationSigmoid(), null);
            INDArray maskedGradient = loss.computeGradient(labels, array(z, precision.type), new ActivationSigmoid(), mask);
            for (int i = 0; i < 3; i++) {
                assertEquals(unmaskedScores.getDouble(i, 0) * weights[i], maskedScores.getDouble(i, 0), 1e-6, loss + " score " + i);
                assertClose(unmaskedGradient.getRow(i).mul(weights[i]).toDoubleVector(),
                        maskedGradient.getRow(i).toDoubleVector(), 1e-6, loss + " gradient " + i);
            }
            // sum_over_batch_size: the weighted sum divided by the number of samples, not by the sum of weights.
            double expectedMean = maskedScores.sumNumber().doubleValue() / 3;
            assertEquals(expectedMean, loss.computeScore(labels, array(z, precision.type), new ActivationSigmoid(), mask, true),
                    1e-6, loss.toString());
            // A rank-1 mask works too.
            assertEquals(expectedMean, loss.computeScore(labels, array(z, precision.type), new ActivationSigmoid(),
                    mask.reshape(3), true), 1e-6, loss.toString());
        }
        assertEquals(weighted / 3, new KerasBinaryCrossentropy().computeScore(array(y, precision.type),
                array(z, precision.type), new ActivationSigmoid(), Nd4j.createFromArray(weights).reshape(3, 1), true),
                precision.scoreTolerance * 10);
    }

    @Test
    void aPerOutputMaskIsRejectedWithItsShape() {
        INDArray labels = array(new double[][] {{1, 0}, {0, 1}}, DataType.FLOAT);
        INDArray predictions = array(new double[][] {{0.3, 0.1}, {0.2, 0.9}}, DataType.FLOAT);
        INDArray perOutputMask = Nd4j.ones(DataType.FLOAT, 2, 2);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () ->
                new KerasBinaryCrossentropy().computeGradient(labels, predictions, new ActivationSigmoid(), perOutputMask));
        assertTrue(e.getMessage().contains("per-example masks only") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }

    @Test
    void mismatchedShapesAreRejectedWithBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KerasPoisson().computeScore(
                Nd4j.ones(DataType.FLOAT, 2, 3), Nd4j.ones(DataType.FLOAT, 2, 2), new ActivationSigmoid(), null, true));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }

    @Test
    void labelsOfAnotherTypeAreCastToThePredictionsType() {
        INDArray floatLabels = array(new double[][] {{1, 0}, {0, 1}}, DataType.FLOAT);
        INDArray doubleLabels = array(new double[][] {{1, 0}, {0, 1}}, DataType.DOUBLE);
        INDArray predictions = array(new double[][] {{0.3, -1.1}, {0.2, 0.9}}, DataType.DOUBLE);
        KerasBinaryCrossentropy loss = new KerasBinaryCrossentropy();
        assertEquals(loss.computeScore(doubleLabels, predictions, new ActivationSigmoid(), null, true),
                loss.computeScore(floatLabels, predictions, new ActivationSigmoid(), null, true), 0.0);
        INDArray gradient = loss.computeGradient(floatLabels, predictions.dup(), new ActivationSigmoid(), null);
        assertEquals(DataType.DOUBLE, gradient.dataType());
    }

    @Test
    void huberValidatesDeltaAndComparesByIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KerasHuber(-1.0));
        assertEquals("delta must be positive and finite, received: -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KerasHuber(Double.NaN));
        assertEquals(new KerasHuber(), new KerasHuber(1.0));
        assertEquals(new KerasHuber().hashCode(), new KerasHuber(1.0).hashCode());
        assertNotEquals(new KerasHuber(), new KerasHuber(2.0));
        assertEquals(1.0, new KerasHuber().delta());
        assertEquals("KerasHuber(delta=2.0)", new KerasHuber(2.0).toString());
        assertEquals(new KerasPoisson(), new KerasPoisson());
        assertFalse(new KerasPoisson().equals(new KerasLogCosh()));
    }

    static IActivation dl4j(Act act) {
        return switch (act) {
            case IDENTITY -> new ActivationIdentity();
            case SIGMOID -> new ActivationSigmoid();
            case SOFTMAX -> new ActivationSoftmax();
            case TANH -> new ActivationTanH();
            case RELU -> new ActivationReLU();
        };
    }

    static INDArray array(double[][] values, DataType type) {
        return Nd4j.createFromArray(values).castTo(type);
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tolerance * scale,
                what + ": expected " + expected + " but was " + actual);
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], tolerance, what + " [" + i + "]");
        }
    }
}
