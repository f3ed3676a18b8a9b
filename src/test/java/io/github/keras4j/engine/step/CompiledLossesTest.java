package io.github.keras4j.engine.step;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.losses.BinaryCrossentropy;
import io.github.keras4j.losses.CategoricalCrossentropy;
import io.github.keras4j.losses.Huber;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.losses.MeanSquaredError;
import io.github.keras4j.losses.Reduction;
import io.github.keras4j.losses.SparseCategoricalCrossentropy;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every loss, unweighted and with Keras's sample and class weights, trains through the compiled step exactly as
 * through DL4J's fit (where keras4j swaps in its sample-weighted loss): 100 steps, bit for bit; so do loss objects
 * with from_logits, label smoothing and the sum reduction.
 */
class CompiledLossesTest {

    private static final double[] SAMPLE_WEIGHTS = {1, 0.5, 2, 0, 1.5, 1, 0.25, 3};

    private static String outputActivation(Losses loss) {
        return switch (loss) {
            case BINARY_CROSSENTROPY, HINGE, SQUARED_HINGE -> "sigmoid";
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY, KL_DIVERGENCE -> "softmax";
            case POISSON, MEAN_SQUARED_LOGARITHMIC_ERROR -> "softplus";
            default -> "linear";
        };
    }

    private static Supplier<Sequential> model(Losses loss) {
        return () -> {
            Sequential model = new Sequential().seed(17);
            model.add(new Dense(5, "tanh").inputDim(4));
            model.add(new Dense(3, outputActivation(loss)));
            model.compile("adam", loss, loss.sparseLabels() ? "sparse_categorical_accuracy" : "mse");
            return model;
        };
    }

    private static INDArray x() {
        Nd4j.getRandom().setSeed(19);
        return Nd4j.rand(DataType.FLOAT, 8, 4).subi(0.5).muli(2);
    }

    private static INDArray y(Losses loss) {
        if (loss.sparseLabels()) {
            return Nd4j.createFromArray(new float[][] {{0}, {2}, {1}, {1}, {0}, {2}, {2}, {1}});
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int row = 0; row < 8; row++) {
            y.putScalar(row, (row * 5) % 3, 1f);
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(Losses.class)
    void unweighted(Losses loss) {
        Twins.assertIdentical(model(loss), x(), y(loss), Fit.epochs(100));
    }

    @ParameterizedTest
    @EnumSource(Losses.class)
    void sampleWeights(Losses loss) {
        Twins.assertIdentical(model(loss), x(), y(loss), Fit.epochs(100).sampleWeight(SAMPLE_WEIGHTS));
    }

    /** Loss objects with Keras's arguments; from_logits on a linear output, as a user writes it. */
    static Stream<Arguments> lossObjects() {
        return Stream.of(
                Arguments.of(new BinaryCrossentropy().fromLogits(true), "linear"),
                Arguments.of(new BinaryCrossentropy().labelSmoothing(0.1), "sigmoid"),
                Arguments.of(new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.2), "linear"),
                Arguments.of(new CategoricalCrossentropy().fromLogits(true), "linear"),
                Arguments.of(new CategoricalCrossentropy().labelSmoothing(0.1), "softmax"),
                Arguments.of(new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.2), "relu"),
                Arguments.of(new SparseCategoricalCrossentropy().fromLogits(true), "linear"),
                Arguments.of(new MeanSquaredError().reduction(Reduction.SUM), "linear"),
                Arguments.of(new Huber(0.4).reduction("sum"), "linear"));
    }

    @ParameterizedTest
    @MethodSource("lossObjects")
    void lossObjectsWithTheirArguments(Loss loss, String activation) {
        Supplier<Sequential> model = () -> {
            Sequential built = new Sequential().seed(17);
            built.add(new Dense(5, "tanh").inputDim(4));
            built.add(new Dense(3, activation));
            built.compile("adam", loss, loss.sparseLabels() ? "sparse_categorical_accuracy" : "mse");
            return built;
        };
        INDArray y = y(loss.sparseLabels() ? Losses.SPARSE_CATEGORICAL_CROSSENTROPY : Losses.CATEGORICAL_CROSSENTROPY);
        Twins.assertIdentical(model, x(), y, Fit.epochs(50));
        Twins.assertIdentical(model, x(), y, Fit.epochs(50).batchSize(3).sampleWeight(SAMPLE_WEIGHTS));
    }

    @Test
    void classWeightsAndSampleWeightsOverMiniBatches() {
        Twins.assertIdentical(model(Losses.CATEGORICAL_CROSSENTROPY), x(), y(Losses.CATEGORICAL_CROSSENTROPY),
                Fit.epochs(34).batchSize(3).classWeight(Map.of(0, 1.0, 1, 2.5, 2, 0.5)).sampleWeight(SAMPLE_WEIGHTS));
    }

    @Test
    void classWeightsOnSparseLabelsWithValidation() {
        Losses loss = Losses.SPARSE_CATEGORICAL_CROSSENTROPY;
        Twins.assertIdentical(model(loss), x(), y(loss), Fit.epochs(100).classWeight(Map.of(0, 2.0, 1, 1.0, 2, 0.3))
                .validationData(x().mul(0.5), y(loss)));
    }
}
