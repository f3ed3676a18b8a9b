package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Embedding;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.layers.TimeDistributed;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Models on sequences with a layer whose compiled form does not take them (per-timestep layers, GRU, an
 * LSTM's dropout, a masked output whose loss leaves padded timesteps out) have no compiled step: with compiled steps
 * on (the default) they train, evaluate and predict through DL4J's fit and output, with the numbers they give with
 * compiled steps off, and the compiled step never runs for them.
 */
class SequenceFallbackTest {

    static Stream<Arguments> models() {
        Nd4j.getRandom().setSeed(9);
        INDArray sequences = Nd4j.rand(DataType.FLOAT, 6, 4, 3);
        // Two samples padded with zeros at the end: Masking leaves those steps out.
        sequences.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .assign(0);
        INDArray tokens = Nd4j.createFromArray(new float[][] {{1, 2, 3, 0}, {4, 0, 0, 0}, {5, 6, 7, 8},
            {2, 2, 0, 0}, {9, 1, 0, 0}, {3, 4, 5, 6}});
        INDArray perSample = Nd4j.rand(DataType.FLOAT, 6, 2);
        INDArray perStep = Nd4j.rand(DataType.FLOAT, 6, 4, 2);
        return Stream.of(
                Arguments.of("dense on sequences, flatten", (Supplier<Sequential>) () -> new Sequential(
                        new InputLayer(4, 3), new Dense(5, "relu"), new Flatten(), new Dense(2)).seed(1),
                        sequences, perSample),
                Arguments.of("masking, lstm with dropout", (Supplier<Sequential>) () -> new Sequential(
                        new InputLayer(Shape.NONE, 3), new Masking(), new LSTM(3).dropout(0.3), new Dense(2)).seed(2),
                        sequences, perSample),
                Arguments.of("masking, lstm returning sequences (a masked loss)", (Supplier<Sequential>) () ->
                        new Sequential(new InputLayer(4, 3), new Masking(), new LSTM(3).returnSequences(true),
                                new Dense(2)).seed(4), sequences, perStep),
                Arguments.of("embedding mask_zero, gru, time distributed", (Supplier<Sequential>) () ->
                        new Sequential(new Embedding(10, 3).maskZero(true), new GRU(3).returnSequences(true),
                                new TimeDistributed(new Dense(2))).seed(3), tokens, perStep));
    }

    // The cases share their arrays, which JUnit would close (INDArray is AutoCloseable) after the first.
    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("models")
    void trainThroughDl4jsFitWithCompiledStepsOn(String name, Supplier<Sequential> factory, INDArray x, INDArray y) {
        Twins.Run off = Twins.dl4j(() -> compiled(factory.get()), x, y, Fit.epochs(3).batchSize(4).shuffle(false));

        Sequential model = compiled(factory.get());
        long before = CompiledTraining.stepsRun();
        History history = model.fit(x, y, Fit.epochs(3).batchSize(4).shuffle(false).verbose(0));
        double[] evaluation = model.evaluate(x, y, 3, 0);
        INDArray predictions = model.predict(x, 3, 0);
        assertEquals(0, CompiledTraining.stepsRun() - before, "the compiled step ran on sequences");
        assertEquals(off.history().history(), history.history(), "losses per epoch");
        SameNumbers.assertSame(off.params(), model.network().params(), "weights after training");
        org.junit.jupiter.api.Assertions.assertArrayEquals(off.evaluation(), evaluation);
        SameNumbers.assertSame(off.predictions(), predictions, "predictions");
    }

    private static Sequential compiled(Sequential model) {
        Backend.clearSession();
        model.compile("adam", "mse");
        return model;
    }
}
