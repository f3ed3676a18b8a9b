package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.losses.BinaryCrossentropy;
import io.github.keras4j.losses.CategoricalCrossentropy;
import io.github.keras4j.losses.Huber;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.losses.SparseCategoricalCrossentropy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Every loss's compiled form computes its DL4J loss function's gradient, score and per-sample scores bit for bit, for
 * the output activations that take different paths, in float32 and float64, without creating arrays; the
 * crossentropies also with from_logits and label smoothing, Huber with another delta.
 */
class LossStepsTest {

    private static final int ROWS = 6;
    private static final int OUTPUTS = 3;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<IActivation> activations = List.of(new ActivationSigmoid(), new ActivationSoftmax(),
                new ActivationIdentity(), new ActivationTanH());
        List<Loss> losses = new ArrayList<>(List.of(Losses.values()));
        losses.addAll(List.of(new BinaryCrossentropy().fromLogits(true), new BinaryCrossentropy().labelSmoothing(0.2),
                new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.1),
                new CategoricalCrossentropy().fromLogits(true), new CategoricalCrossentropy().labelSmoothing(0.2),
                new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1),
                new SparseCategoricalCrossentropy().fromLogits(true), new Huber(0.3)));
        for (Loss loss : losses) {
            for (IActivation activation : activations) {
                for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                    cases.add(Arguments.of(loss, activation, type, "fractions"));
                    String name = loss.kerasName();
                    if (name.equals("hinge") || name.equals("squared_hinge") || name.equals("binary_crossentropy")) {
                        cases.add(Arguments.of(loss, activation, type, "zeros and ones"));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static INDArray labels(Loss loss, DataType type, String kind) {
        Nd4j.getRandom().setSeed(11);
        if (loss.sparseLabels()) {
            return Nd4j.createFromArray(new double[][] {{0}, {2}, {1}, {1}, {0}, {2}}).castTo(type);
        }
        if (kind.equals("zeros and ones") || loss.kerasName().equals("categorical_crossentropy")) {
            INDArray oneHot = Nd4j.zeros(type, ROWS, OUTPUTS);
            for (int row = 0; row < ROWS; row++) {
                oneHot.putScalar(row, (row * 5) % OUTPUTS, 1.0);
            }
            return oneHot;
        }
        return Nd4j.rand(type, ROWS, OUTPUTS);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void computesWhatTheLossFunctionComputes(Loss loss, IActivation activation, DataType type, String kind) {
        Nd4j.getRandom().setSeed(5);
        INDArray z = Nd4j.rand(type, ROWS, OUTPUTS).subi(0.5).muli(4);
        INDArray labels = labels(loss, type, kind);
        ILossFunction function = loss.toDl4j();
        Buffers buffers = new Buffers(type);
        INDArray gradient = buffers.array('c', ROWS, OUTPUTS);
        LossSetup setup = new LossSetup(z, labels, activation, gradient, buffers);
        LossStep step = LossSteps.of(function);
        Kernel gradientKernel = step.gradient(setup);
        ScoreKernel score = step.score(setup);
        INDArray scores = buffers.array('c', ROWS, 1);
        Kernel scoreArray = step.scoreArray(setup, scores);
        INDArray zBefore = z.dup();

        gradientKernel.run();
        double scoreValue = score.run();
        scoreArray.run();

        assertEquals(zBefore, z, "the kernels left z as it was");
        SameNumbers.assertSame(function.computeGradient(labels, z.dup(), activation, null), gradient, "gradient");
        assertEquals(Double.doubleToLongBits(function.computeScore(labels, z.dup(), activation, null, false)),
                Double.doubleToLongBits(scoreValue), "score");
        SameNumbers.assertSame(function.computeScoreArray(labels, z.dup(), activation, null), scores,
                "per-sample scores");
        assertEquals(0, NewBuffers.countedIn(() -> {
            gradientKernel.run();
            score.run();
            scoreArray.run();
        }), "arrays created by a run");
    }

    @Test
    void binaryCrossentropyBelowTheFusedOpsPrecisionTakesTheExactFormulaAsTheLossFunctionDoes() {
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        INDArray z = labels.mul(2).subi(1).muli(18);
        Buffers buffers = new Buffers(DataType.FLOAT);
        LossSetup setup = new LossSetup(z, labels, new ActivationSigmoid(), buffers.array('c', 3, 2), buffers);
        ILossFunction function = Losses.BINARY_CROSSENTROPY.toDl4j();
        double expected = function.computeScore(labels, z.dup(), new ActivationSigmoid(), null, false);
        assertEquals(expected, LossSteps.of(function).score(setup).run());
        org.junit.jupiter.api.Assertions.assertTrue(expected < 1e-3 * 6 / 2, "the exact branch was taken: " + expected);
    }

    @Test
    void sparseLabelsOutsideTheClassesFailAsTheLossFunctionDoes() {
        INDArray z = Nd4j.rand(DataType.FLOAT, 2, 3);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {3}});
        Buffers buffers = new Buffers(DataType.FLOAT);
        LossSetup setup = new LossSetup(z, labels, new ActivationSoftmax(), buffers.array('c', 2, 3), buffers);
        ILossFunction function = Losses.SPARSE_CATEGORICAL_CROSSENTROPY.toDl4j();
        Kernel gradient = LossSteps.of(function).gradient(setup);
        IllegalArgumentException compiled = assertThrows(IllegalArgumentException.class, gradient::run);
        IllegalArgumentException dl4j = assertThrows(IllegalArgumentException.class,
                () -> function.computeGradient(labels, z.dup(), new ActivationSoftmax(), null));
        assertEquals(dl4j.getMessage(), compiled.getMessage());
    }
}
