package io.github.keras4j.layers;

import static io.github.keras4j.layers.ShapeLayerFixtures.entry;
import static io.github.keras4j.layers.ShapeLayerFixtures.input;
import static io.github.keras4j.layers.ShapeLayerFixtures.keras1;
import static io.github.keras4j.layers.ShapeLayerFixtures.keras2;
import static io.github.keras4j.layers.ShapeLayerFixtures.summary;
import static io.github.keras4j.layers.ShapeLayerFixtures.writtenConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** RepeatVector: features repeated into a sequence, its shapes, config, errors, DL4J form and round trips. */
class RepeatVectorTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void repeatsTheFeaturesAtEveryTimestep() {
        INDArray x = input(1, 2, 4);
        INDArray output = new Sequential(new RepeatVector(3).inputDim(4), new Flatten()).predict(x, 32, 0);
        for (int step = 0; step < 3; step++) {
            assertEquals(x, output.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(step * 4, step * 4 + 4)));
        }
    }

    @Test
    void outputsSequencesOfFeatures() {
        assertEquals(Shape.of(3, 4), new RepeatVector(3).outputShape(Shape.of(4)));
        assertEquals(3, new RepeatVector(3).n());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> new RepeatVector(0));
        assertEquals("Argument `n` should be a positive integer. Received: n=0", n.getMessage());
        UnsupportedOperationException sequences = assertThrows(UnsupportedOperationException.class,
                () -> new RepeatVector(2).name("r").outputShape(Shape.of(3, 4)));
        assertEquals("RepeatVector layer r takes features (shape [n]), received input of shape [3, 4]",
                sequences.getMessage());
        UnsupportedOperationException afterSequences = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new LSTM(2, "tanh").returnSequences(true).inputShape(3, 2), new RepeatVector(2),
                        new Flatten()).network());
        assertEquals("RepeatVector layer repeat_vector takes features (shape [n]), received input of shape [3, 2]",
                afterSequences.getMessage());
        String table = summary(new Sequential(new Dense(4).inputDim(2), new RepeatVector(5), new LSTM(3)));
        assertTrue(table.contains(" repeat_vector_1 (RepeatVec  (None, 5, 4)              0"), table);
    }

    @Test
    void isDl4jsRepeatVectorOnChannelsLastSequences() {
        Sequential model = new Sequential(new Dense(4).inputDim(2), new RepeatVector(5), new LSTM(3));
        org.deeplearning4j.nn.conf.layers.misc.RepeatVector layer = assertInstanceOf(
                org.deeplearning4j.nn.conf.layers.misc.RepeatVector.class,
                model.network().getLayerWiseConfigurations().getConf(1).getLayer());
        assertEquals(5, layer.getN());
        assertEquals(RNNFormat.NWC, layer.getDataFormat());
    }

    @Test
    void writesKerasConfigAndReadsEveryKerasSpelling() {
        Sequential model = new Sequential(new Dense(4).inputDim(2), new RepeatVector(5), new LSTM(3));
        Map<String, Object> config = writtenConfig(model, 1);
        assertEquals(List.of("name", "trainable", "dtype", "n"), List.copyOf(config.keySet()));
        assertEquals(5, config.get("n"));
        RepeatVector keras2 = (RepeatVector) keras2("[null, 4]", entry("RepeatVector", "{\"name\": \"r\", \"n\": 2}"),
                entry("Flatten", "{\"name\": \"f\"}")).layers().get(0);
        assertEquals(2, keras2.n());
        RepeatVector keras1 = (RepeatVector) keras1(entry("Dense", "{\"name\": \"dense_1\", \"trainable\": true, "
                + "\"batch_input_shape\": [null, 3], \"input_dtype\": \"float32\", \"output_dim\": 4, \"init\": "
                + "\"glorot_uniform\", \"activation\": \"linear\", \"bias\": true, \"input_dim\": 3}"),
                entry("RepeatVector", "{\"name\": \"repeatvector_1\", \"trainable\": true, \"n\": 3}"),
                entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(1);
        assertEquals(3, keras1.n());
        assertThrows(IllegalArgumentException.class, () -> keras2("[null, 4]",
                entry("RepeatVector", "{\"name\": \"r\", \"n\": -1}")));
    }

    @Test
    void trainsAndRoundTrips(@TempDir Path folder) {
        Sequential model = new Sequential(new Dense(4, "tanh").inputDim(3), new RepeatVector(3),
                new GRU(2).returnSequences(true)).seed(7);
        ShapeLayerFixtures.trainsAndRoundTrips(model, input(1, 8, 3), input(2, 8, 3, 2), folder);
    }
}
