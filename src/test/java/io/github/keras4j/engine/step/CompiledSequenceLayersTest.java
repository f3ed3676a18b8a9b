package io.github.keras4j.engine.step;

import static io.github.keras4j.engine.step.CompiledRecurrentTest.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.AveragePooling1D;
import io.github.keras4j.layers.Conv1D;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Embedding;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.GlobalAveragePooling1D;
import io.github.keras4j.layers.GlobalAveragePooling2D;
import io.github.keras4j.layers.GlobalMaxPooling1D;
import io.github.keras4j.layers.GlobalMaxPooling2D;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.LayerNormalization;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.layers.MaxPooling1D;
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

    /** Ten sequences of five steps of three features, in [-1, 1). */
    static INDArray sequences(DataType type) {
        Nd4j.getRandom().setSeed(29);
        return Nd4j.rand(type, 10, 5, 3).subi(0.5).muli(2);
    }

    /** Ten images 5x4 of two channels, in [-1, 1). */
    static INDArray images(DataType type) {
        Nd4j.getRandom().setSeed(31);
        return Nd4j.rand(type, 10, 5, 4, 2).subi(0.5).muli(2);
    }

    static Stream<Arguments> globalPoolingModels() {
        return Stream.of(
                Arguments.of("lstm sequences, global average 1d", List.of(new InputLayer(5, 3),
                        new LSTM(4).returnSequences(true), new GlobalAveragePooling1D()), "sequences"),
                Arguments.of("global max 1d first, dense", List.of(new InputLayer(5, 3), new GlobalMaxPooling1D(),
                        new Dense(4, "tanh")), "sequences"),
                Arguments.of("lstm sequences, global max 1d keepdims, gru", List.of(new InputLayer(Shape.NONE, 3),
                        new LSTM(4).returnSequences(true), new GlobalMaxPooling1D().keepdims(true), new GRU(3)),
                        "sequences"),
                Arguments.of("embedding mask_zero, global average 1d (masked)", List.of(
                        new Embedding(12, 4).maskZero(true), new GlobalAveragePooling1D()), "tokens"),
                Arguments.of("embedding mask_zero, lstm sequences, global average 1d keepdims (masked), lstm", List.of(
                        new Embedding(12, 4).maskZero(true), new LSTM(3).returnSequences(true),
                        new GlobalAveragePooling1D().keepdims(true), new LSTM(3)), "tokens"),
                Arguments.of("embedding, global max 1d", List.of(new Embedding(12, 4).inputLength(6),
                        new GlobalMaxPooling1D()), "tokens"),
                Arguments.of("conv2d, global average 2d", List.of(new Conv2D(3, 2, 2).inputShape(5, 4, 2),
                        new GlobalAveragePooling2D()), "images"),
                Arguments.of("conv2d, global max 2d", List.of(new Conv2D(3, 2, 2).inputShape(5, 4, 2),
                        new GlobalMaxPooling2D()), "images"),
                Arguments.of("conv2d, global average 2d keepdims, flatten", List.of(
                        new Conv2D(3, 2, 2).activation("relu").inputShape(5, 4, 2),
                        new GlobalAveragePooling2D().keepdims(true), new Flatten()), "images"),
                Arguments.of("conv2d, global max 2d keepdims, conv2d, flatten", List.of(
                        new Conv2D(3, 2, 2).inputShape(5, 4, 2), new GlobalMaxPooling2D().keepdims(true),
                        new Conv2D(2, 1, 1), new Flatten()), "images"));
    }

    /** The cases' layers made in float64 (a layer's type is the floatx when it is made). */
    static Stream<Arguments> inFloat64(Supplier<Stream<Arguments>> cases) {
        Backend.setFloatx("float64");
        try {
            return cases.get().toList().stream();
        } finally {
            Backend.setFloatx("float32");
        }
    }

    static INDArray data(String kind, DataType type) {
        return switch (kind) {
            case "sequences" -> sequences(type);
            case "tokens" -> tokens(type);
            case "features" -> features(type);
            case "padded" -> CompiledRecurrentTest.sequences(type);
            default -> images(type);
        };
    }

    /** Ten samples of four features, in [-1, 1). */
    static INDArray features(DataType type) {
        Nd4j.getRandom().setSeed(41);
        return Nd4j.rand(type, 10, 4).subi(0.5).muli(2);
    }

    static Stream<Arguments> layerNormalizationModels() {
        return Stream.of(
                Arguments.of("dense, layer normalization", List.of(new InputLayer(4), new Dense(5, "relu"),
                        new LayerNormalization()), "features"),
                Arguments.of("dense, layer normalization without center, l2 on gamma", List.of(new InputLayer(4),
                        new Dense(5, "tanh"), new LayerNormalization().center(false).gammaRegularizer("l2")),
                        "features"),
                Arguments.of("dense, layer normalization without center or scale (no weights)", List.of(
                        new InputLayer(4), new Dense(5, "relu"), new LayerNormalization().center(false).scale(false)),
                        "features"),
                Arguments.of("layer normalization first, without scale, epsilon 0.1", List.of(new InputLayer(4),
                        new LayerNormalization().scale(false).epsilon(0.1), new Dense(3, "relu")), "features"),
                Arguments.of("lstm sequences, layer normalization, lstm", List.of(new InputLayer(5, 3),
                        new LSTM(4).returnSequences(true), new LayerNormalization(), new LSTM(3)), "sequences"),
                Arguments.of("masking, gru sequences, layer normalization, lstm", List.of(new InputLayer(5, 3),
                        new Masking(), new GRU(4).returnSequences(true), new LayerNormalization(), new LSTM(3)),
                        "padded"),
                Arguments.of("embedding, layer normalization, global average 1d", List.of(
                        new Embedding(12, 4), new LayerNormalization(), new GlobalAveragePooling1D()), "tokens"),
                Arguments.of("conv2d, layer normalization, flatten", List.of(new Conv2D(3, 2, 2).inputShape(5, 4, 2),
                        new LayerNormalization(), new Flatten()), "images"));
    }

    static Stream<Arguments> convolution1DModels() {
        return Stream.of(
                Arguments.of("conv1d valid, global average 1d", List.of(new InputLayer(5, 3), new Conv1D(4, 3),
                        new GlobalAveragePooling1D()), "sequences"),
                Arguments.of("conv1d same strides 2 relu, max pooling 1d, lstm", List.of(new InputLayer(5, 3),
                        new Conv1D(4, 2, "relu").padding("same").strides(2), new MaxPooling1D(2), new LSTM(3)),
                        "sequences"),
                Arguments.of("conv1d causal dilation 2 tanh, average pooling 1d same, global max 1d", List.of(
                        new InputLayer(5, 3), new Conv1D(3, 2, "tanh").padding("causal").dilationRate(2),
                        new AveragePooling1D(2).padding("same"), new GlobalMaxPooling1D()), "sequences"),
                Arguments.of("lstm sequences, conv1d no bias, max pooling 1d same strides 1, gru", List.of(
                        new InputLayer(5, 3), new LSTM(4).returnSequences(true), new Conv1D(3, 2).useBias(false),
                        new MaxPooling1D(2).strides(1).padding("same"), new GRU(3)), "sequences"));
    }

    /** The global poolings, LayerNormalization, Conv1D and the 1-D poolings, each on the data it names. */
    static Stream<Arguments> layerModels() {
        return Stream.of(globalPoolingModels(), layerNormalizationModels(), convolution1DModels())
                .flatMap(cases -> cases);
    }

    static Stream<Arguments> layerModels64() {
        return inFloat64(CompiledSequenceLayersTest::layerModels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerModels")
    void layer(String name, List<Layer> layers, String data) {
        assertIdenticalAndCompiled(model(layers, "adam"), data(data, DataType.FLOAT), labels(DataType.FLOAT),
                Fit.epochs(100).shuffle(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerModels64")
    void layerFloat64(String name, List<Layer> layers, String data) {
        Backend.setFloatx("float64");
        try {
            assertIdenticalAndCompiled(model(layers, "rmsprop"), data(data, DataType.DOUBLE),
                    labels(DataType.DOUBLE), Fit.epochs(30).batchSize(4).shuffle(false));
        } finally {
            Backend.setFloatx("float32");
        }
    }

    /**
     * An Embedding before a Conv1D: DL4J's {@code output} (predict with compiled steps off) fails there in libnd4j's
     * conv1d ("Op validation failed", DL4J 1.0.0-M2.1), so training and evaluation are compared with DL4J's fit and
     * evaluate, and the compiled predictions with DL4J's inference forward pass ({@code feedForward(x, false)}).
     */
    @Test
    void embeddingThenConvolution1D() {
        Supplier<Sequential> factory = model(List.of(new Embedding(12, 4), new Conv1D(5, 3, "relu"),
                new AveragePooling1D(2), new GlobalMaxPooling1D()), "adam");
        INDArray x = tokens(DataType.FLOAT);
        INDArray y = labels(DataType.FLOAT);
        Fit fit = Fit.epochs(100).shuffle(false).verbose(0);
        Sequential dl4j = factory.get();
        double[] dl4jEvaluation = Twins.withCompiledSteps(false, () -> {
            long before = CompiledTraining.stepsRun();
            dl4j.fit(x, y, fit);
            assertEquals(before, CompiledTraining.stepsRun(), "the compiled step ran with compiled steps off");
            return dl4j.evaluate(x, y, 3, 0);
        });
        Sequential compiled = factory.get();
        long steps = CompiledTraining.stepsRun();
        long inferred = CompiledInference.batchesRun();
        compiled.fit(x, y, fit);
        assertTrue(CompiledTraining.stepsRun() > steps, "the compiled step did not run");
        assertEquals(dl4j.history().history(), compiled.history().history(), "losses and metrics per epoch");
        SameNumbers.assertSame(dl4j.network().params(), compiled.network().params(), "weights after training");
        org.junit.jupiter.api.Assertions.assertArrayEquals(dl4jEvaluation, compiled.evaluate(x, y, 3, 0));
        // One batch, as DL4J's feedForward below computes the rows (a product's rounding depends on the batch's size).
        INDArray predictions = compiled.predict(x, (int) x.size(0), 0);
        assertTrue(CompiledInference.batchesRun() > inferred, "evaluate and predict did not run compiled");
        // DL4J's forward pass at inference through the layers' own activate (what output() would run).
        INDArray expected = Twins.withCompiledSteps(false, () -> dl4j.network().feedForward(x, false)
                .get(dl4j.network().getnLayers()));
        SameNumbers.assertSame(expected, predictions, "predict()");
    }
}
