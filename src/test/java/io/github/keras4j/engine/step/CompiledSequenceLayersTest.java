package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Embedding;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.SimpleRNN;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Embedding, the global poolings, LayerNormalization, Conv1D and the 1-D poolings on the compiled step: the same
 * losses at each of 100 steps, the same weights after them and the same evaluation and predictions as DL4J's fit and
 * output, bit for bit (each compiled layer runs the ND4J operations its DL4J layer runs, or ones giving the same bits:
 * an embedding's rows are copies whichever operation gathers them, and its gradient adds the same rows in the same
 * order), in float32 and float64, and the model trains and infers on the compiled path.
 */
class CompiledSequenceLayersTest {

    /** Ten sequences of six token indices below 12; the first four padded with zeros (index 0) from step 3 or 4. */
    static INDArray tokens(DataType type) {
        Nd4j.getRandom().setSeed(23);
        INDArray x = Nd4j.rand(type, 10, 6).muli(11).addi(1);
        x = org.nd4j.linalg.ops.transforms.Transforms.floor(x, false);
        for (int row = 0; row < 4; row++) {
            for (int step = 3 + row % 2; step < 6; step++) {
                x.putScalar(row, step, 0);
            }
        }
        return x;
    }

    static INDArray labels(DataType type) {
        INDArray y = Nd4j.zeros(type, 10, 1);
        for (int row = 0; row < 10; row++) {
            y.putScalar(row, 0, row % 3 == 0 ? 1.0 : 0.0);
        }
        return y;
    }

    private static Supplier<Sequential> model(List<Layer> layers, String optimizer) {
        return () -> {
            Sequential model = new Sequential().seed(37);
            layers.forEach(model::add);
            model.add(new Dense(1, "sigmoid"));
            model.compile(optimizer, "binary_crossentropy", "accuracy");
            return model;
        };
    }

    /** Trains both ways, requiring the same numbers, and that the compiled model trained and inferred compiled. */
    private static void assertIdenticalAndCompiled(Supplier<Sequential> factory, INDArray x, INDArray y, Fit fit) {
        long inferred = CompiledInference.batchesRun();
        Twins.assertIdentical(factory, x, y, fit);
        assertTrue(CompiledInference.batchesRun() > inferred, "evaluate and predict did not run compiled");
    }

    static Stream<Arguments> embeddingModels() {
        return Stream.of(
                Arguments.of("embedding, lstm", List.of(new Embedding(12, 4).inputLength(6), new LSTM(5)), "adam"),
                Arguments.of("embedding of unknown length, gru", List.of(new Embedding(12, 3), new GRU(4)), "rmsprop"),
                Arguments.of("embedding mask_zero, lstm", List.of(new Embedding(12, 4).maskZero(true), new LSTM(5)),
                        "adam"),
                Arguments.of("embedding mask_zero, simple rnn sequences backwards, gru", List.of(
                        new Embedding(12, 3).maskZero(true).inputLength(6),
                        new SimpleRNN(4).returnSequences(true).goBackwards(true), new GRU(3)), "sgd"),
                Arguments.of("embedding l2, lstm", List.of(new Embedding(12, 4).embeddingsRegularizer("l2"),
                        new LSTM(3)), "adam"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddingModels")
    void embedding(String name, List<Layer> layers, String optimizer) {
        assertIdenticalAndCompiled(model(layers, optimizer), tokens(DataType.FLOAT), labels(DataType.FLOAT),
                Fit.epochs(100).shuffle(false));
    }

    @Test
    void embeddingBatchesOfTwoSizes() {
        assertIdenticalAndCompiled(model(List.of(new Embedding(12, 4).maskZero(true), new LSTM(5)), "adam"),
                tokens(DataType.FLOAT), labels(DataType.FLOAT), Fit.epochs(25).batchSize(4).shuffle(false));
    }

    @Test
    void embeddingFloat64() {
        Backend.setFloatx("float64");
        try {
            assertIdenticalAndCompiled(model(List.of(new Embedding(12, 4).maskZero(true),
                    new LSTM(4).returnSequences(true), new LSTM(3)), "adam"), tokens(DataType.DOUBLE),
                    labels(DataType.DOUBLE), Fit.epochs(100).shuffle(false));
        } finally {
            Backend.setFloatx("float32");
        }
    }
}
