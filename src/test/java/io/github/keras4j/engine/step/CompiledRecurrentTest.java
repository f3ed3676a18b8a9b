package io.github.keras4j.engine.step;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Masking;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * LSTM, SimpleRNN and GRU (reset_after) train through the compiled step exactly as through DL4J's fit (keras4j's {@code KerasRecurrentLayerImpl}): the
 * same loss at each of 100 steps and the same weights after them, bit for bit, since the compiled layer runs the same
 * ND4J operations on arrays of the same shapes and orders; with the last output or every step's, read backwards, on
 * masked (padded) sequences, after another LSTM (whose input gradient is then computed), with other activations, in
 * float64, with batches of two sizes and sequences of unknown length.
 */
class CompiledRecurrentTest {

    /** Ten sequences of five steps of three features; the first four padded with zeros from step 3 or 4. */
    static INDArray sequences(DataType type) {
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.rand(type, 10, 5, 3).subi(0.5).muli(2);
        for (int row = 0; row < 4; row++) {
            x.get(NDArrayIndex.point(row), NDArrayIndex.interval(3 + row % 2, 5), NDArrayIndex.all()).assign(0);
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
            Sequential model = new Sequential().seed(31);
            layers.forEach(model::add);
            model.add(new Dense(1, "sigmoid"));
            model.compile(optimizer, "binary_crossentropy", "accuracy");
            return model;
        };
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("lstm", List.of(new InputLayer(5, 3), new LSTM(8)), "adam"),
                Arguments.of("lstm go_backwards, rmsprop", List.of(new InputLayer(5, 3), new LSTM(6).goBackwards(true)),
                        "rmsprop"),
                Arguments.of("lstm no bias, relu, hard_sigmoid, sgd", List.of(new InputLayer(5, 3),
                        new LSTM(5, "relu").recurrentActivation("hard_sigmoid").useBias(false)), "sgd"),
                Arguments.of("lstm sequences, lstm", List.of(new InputLayer(5, 3), new LSTM(4).returnSequences(true),
                        new LSTM(5)), "adam"),
                Arguments.of("lstm sequences backwards, lstm backwards", List.of(new InputLayer(5, 3),
                        new LSTM(4).returnSequences(true).goBackwards(true), new LSTM(5).goBackwards(true)), "adam"),
                Arguments.of("masking, lstm", List.of(new InputLayer(5, 3), new Masking(), new LSTM(7)), "adam"),
                Arguments.of("masking, lstm sequences backwards, lstm", List.of(new InputLayer(5, 3), new Masking(),
                        new LSTM(4).returnSequences(true).goBackwards(true), new LSTM(3)), "adam"),
                Arguments.of("simple rnn", List.of(new InputLayer(5, 3), new SimpleRNN(6)), "adam"),
                Arguments.of("masking, simple rnn sequences backwards relu, simple rnn", List.of(new InputLayer(5, 3),
                        new Masking(), new SimpleRNN(4, "relu").returnSequences(true).goBackwards(true),
                        new SimpleRNN(3)), "rmsprop"),
                Arguments.of("gru", List.of(new InputLayer(5, 3), new GRU(6)), "adam"),
                Arguments.of("masking, gru sequences backwards no bias, gru", List.of(new InputLayer(5, 3),
                        new Masking(), new GRU(4).returnSequences(true).goBackwards(true).useBias(false), new GRU(3)),
                        "rmsprop"),
                Arguments.of("unknown length, masking, lstm", List.of(new InputLayer(Shape.NONE, 3), new Masking(),
                        new LSTM(6)), "adam"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sameNumbersAsDl4jsFit(String name, List<Layer> layers, String optimizer) {
        Twins.assertIdentical(model(layers, optimizer), sequences(DataType.FLOAT), labels(DataType.FLOAT),
                Fit.epochs(100).shuffle(false));
    }

    @Test
    void batchesOfTwoSizes() {
        Twins.assertIdentical(model(List.of(new InputLayer(5, 3), new Masking(), new LSTM(6)), "adam"),
                sequences(DataType.FLOAT), labels(DataType.FLOAT), Fit.epochs(25).batchSize(4).shuffle(false));
    }

    @Test
    void float64() {
        Backend.setFloatx("float64");
        try {
            Twins.assertIdentical(model(List.of(new InputLayer(5, 3), new Masking(),
                    new LSTM(4).returnSequences(true), new LSTM(5)), "adam"), sequences(DataType.DOUBLE),
                    labels(DataType.DOUBLE), Fit.epochs(100).shuffle(false));
        } finally {
            Backend.setFloatx("float32");
        }
    }
}
