package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SimpleRNN, LSTM, GRU, Bidirectional and TimeDistributed through the Java API: Keras's shapes and parameter counts
 * (Keras 3.15's summaries of the same layers), the arguments keras4j refuses, training, and keras4j's own files. Their
 * outputs and gradients against Keras's are in {@code KerasRecurrentFilesTest} and {@code KerasRecurrentLayerTest}.
 */
class RecurrentLayerTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void shapesAndParameterCountsAreKeras() {
        Shape input = Shape.of(Shape.NONE, 3);
        // Keras: SimpleRNN(4) 32, LSTM(4) 128, GRU(4) 108 (reset_after: two biases), GRU(4, reset_after=False) 96.
        assertEquals(32, new SimpleRNN(4).countParams(input));
        assertEquals(128, new LSTM(4).countParams(input));
        assertEquals(108, new GRU(4).countParams(input));
        assertEquals(96, new GRU(4).resetAfter(false).countParams(input));
        assertEquals(112, new LSTM(4).useBias(false).countParams(input));
        assertEquals(256, new Bidirectional(new LSTM(4)).countParams(input));
        assertEquals(10, new TimeDistributed(new Dense(2)).countParams(Shape.of(5, 4)));

        assertEquals("(None, 4)", new LSTM(4).outputShape(input).toString());
        assertEquals("(None, None, 4)", new GRU(4).returnSequences(true).outputShape(input).toString());
        assertEquals("(None, 8)", new Bidirectional(new SimpleRNN(4)).outputShape(input).toString());
        assertEquals("(None, 5, 4)", new Bidirectional(new LSTM(4).returnSequences(true), "sum")
                .outputShape(Shape.of(5, 3)).toString());
        assertEquals("(None, 5, 2)", new TimeDistributed(new Dense(2)).outputShape(Shape.of(5, 4)).toString());
    }

    @Test
    void theSummaryPrintsKerassShapes() {
        Sequential model = new Sequential(new Embedding(20, 6).maskZero(true),
                new Bidirectional(new LSTM(5).returnSequences(true)), new GRU(4), new Dense(3, "softmax"));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        assertTrue(table.contains("(None, None, 10)") && table.contains("480"), table);
        assertTrue(table.contains("gru (GRU)") && table.contains("(None, 4)") && table.contains("192"), table);
        assertTrue(table.contains("Total params: 807"), table);
    }

    @Test
    void returnStateStatefulAndTimeMajorAreRefusedNamingWhy() {
        UnsupportedOperationException state = assertThrows(UnsupportedOperationException.class,
                () -> new LSTM(4).returnState(true));
        assertTrue(state.getMessage().startsWith("LSTM with return_state=True is not supported: a layer of a "
                + "Sequential model has one output"), state.getMessage());
        UnsupportedOperationException stateful = assertThrows(UnsupportedOperationException.class,
                () -> new GRU(4).stateful(true));
        assertTrue(stateful.getMessage().startsWith("GRU with stateful=True is not supported"), stateful.getMessage());

        for (String key : List.of("return_state", "stateful")) {
            UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                    () -> Sequential.fromJson(lstmConfig("\"" + key + "\": true")));
            assertTrue(error.getMessage().contains("layer 0 (LSTM): LSTM with " + key + "=True is not supported"),
                    error.getMessage());
        }
        Exception timeMajor = assertThrows(RuntimeException.class,
                () -> Sequential.fromJson(lstmConfig("\"time_major\": true")));
        assertTrue(timeMajor.getMessage().contains("time_major"), timeMajor.getMessage());
        // The defaults Keras writes are accepted.
        assertEquals(1, Sequential.fromJson(lstmConfig("\"return_state\": false, \"stateful\": false")).layers()
                .size());
    }

    /** A hostile config's sizes are counted in long with overflow checks before any weight exists. */
    @Test
    void hugeRecurrentLayersAreRefusedBeforeAnyWeightExists() {
        String huge = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": "
                + "\"LSTM\", \"config\": {\"name\": \"lstm\", \"units\": 2147483647, \"batch_input_shape\": [null, "
                + "null, 3]}}]}}";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Sequential.fromJson(huge));
        assertTrue(error.getMessage().endsWith("layer 'lstm' (LSTM) would have more than 2^63 parameters"),
                error.getMessage());
    }

    private static String lstmConfig(String keys) {
        return "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": \"LSTM\","
                + " \"config\": {\"name\": \"lstm\", \"units\": 2, \"batch_input_shape\": [null, null, 3], " + keys
                + "}}]}}";
    }

    @Test
    void bidirectionalMergeModesAreCheckedAndListed() {
        UnsupportedOperationException none = assertThrows(UnsupportedOperationException.class,
                () -> new Bidirectional(new LSTM(2), (String) null));
        assertTrue(none.getMessage().startsWith("merge_mode=None (the two directions as two outputs) is not "
                + "supported"), none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(2), "max"));
        assertEquals("Invalid merge mode. Received: max. Merge mode should be one of {\"sum\", \"mul\", \"ave\", "
                + "\"concat\", None}", unknown.getMessage());
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(3), "sum").backwardLayer(new GRU(2).goBackwards(true)));
        assertEquals("merge_mode 'sum' needs both directions of the same units; received 3 and 2", units.getMessage());
        IllegalArgumentException direction = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(3)).backwardLayer(new GRU(2)));
        assertTrue(direction.getMessage().startsWith("Forward layer and backward layer should have different "
                + "`go_backwards` value"), direction.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(3).inputShape(4, 2)));
        assertEquals("give the input shape to the Bidirectional, not to the layer it wraps", shape.getMessage());
    }

    @Test
    void timeDistributedTakesSequencesOnly() {
        Sequential model = new Sequential(new Dense(3).inputDim(4), new TimeDistributed(new Dense(2)).name("td"));
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> model.predict(Nd4j.zeros(1, 4), 1, 0));
        assertTrue(error.getMessage().contains("TimeDistributed layer td takes sequences"), error.getMessage());
    }

    @Test
    void oneSoftmaxUnitPerTimestepIsRefusedAsForDense() {
        Sequential model = new Sequential(new InputLayer(3, 2), new LSTM(4).returnSequences(true),
                new TimeDistributed(new Dense(1, "softmax")).name("td"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.compile("adam", "binary_crossentropy"));
        assertTrue(error.getMessage().startsWith("the last layer 'td' has 1 unit with activation softmax"),
                error.getMessage());
    }

    @Test
    void unitsAndRatesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new LSTM(0));
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> new GRU(2).dropout(1.0));
        assertEquals("`dropout` must be in [0, 1), received: 1.0", rate.getMessage());
    }

    /** Recurrent layers learn the sum of a sequence's values, fed forward and back: the loss falls a lot. */
    @Test
    void eachLayerTrainsOnSequences() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 6, 1).subi(0.5);
        INDArray y = x.sum(1);
        List<Layer> layers = List.of(new LSTM(8), new GRU(8).resetAfter(false),
                new Bidirectional(new SimpleRNN(4), "sum"));
        for (Layer layer : layers) {
            Backend.clearSession();
            Sequential model = new Sequential(new InputLayer(6, 1), layer, new Dense(1)).seed(11);
            model.compile(new Adam(0.03), "mse");
            History history = model.fit(x, y, Fit.epochs(15).batchSize(32).verbose(0));
            List<Double> loss = history.history().get("loss");
            assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), layer.className() + ": " + loss);
        }
    }

    /** Keras 3's hard_sigmoid is keras4j's keras3_hard_sigmoid; Keras 1 and 2's has no Keras 3 name. */
    @Test
    void hardSigmoidsGoToKeras3FilesOnlyAsKeras3Has(@TempDir Path folder) {
        Sequential keras3 = new Sequential(new InputLayer(Shape.NONE, 2), new LSTM(2).recurrentActivation(
                Activations.KERAS3_HARD_SIGMOID));
        Path file = folder.resolve("keras3.keras");
        keras3.save(file);
        Backend.clearSession();
        LSTM loaded = (LSTM) Sequential.load(file).layers().get(0);
        assertEquals(Activations.KERAS3_HARD_SIGMOID, loaded.recurrentActivation());
        assertEquals("hard_sigmoid", loaded.keras3Config().get("recurrent_activation"));

        Sequential keras2 = new Sequential(new InputLayer(Shape.NONE, 2), new LSTM(2).recurrentActivation(
                "hard_sigmoid").name("old_lstm"));
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> keras2.save(folder.resolve("keras2.keras")));
        assertTrue(refused.getMessage().startsWith("layer old_lstm (LSTM) has recurrent_activation hard_sigmoid as "
                + "Keras 1 and 2 define it"), refused.getMessage());
        keras2.save(folder.resolve("keras2.h5"));
    }

    @Test
    void savesAndReloadsInKeras4jsFormat(@TempDir Path folder) {
        Sequential model = new Sequential(new InputLayer(Shape.NONE, 2),
                new Bidirectional(new GRU(3).returnSequences(true).resetAfter(false), "ave"),
                new LSTM(2).goBackwards(true).returnSequences(true), new TimeDistributed(new Dense(1))).seed(5);
        model.compile("adam", "mse");
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, 2);
        INDArray before = model.predict(x, 32, 0);
        Path file = folder.resolve("model.zip");
        model.save(file);
        Backend.clearSession();
        Sequential loaded = Sequential.load(file);
        assertEquals(model.toJson(), loaded.toJson());
        assertArrayEquals(new long[] {3, 4, 1}, before.shape());
        assertEquals(0, before.sub(loaded.predict(x, 32, 0)).amaxNumber().doubleValue(), 1e-7);
    }
}
