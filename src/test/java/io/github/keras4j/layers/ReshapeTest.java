package io.github.keras4j.layers;

import static io.github.keras4j.layers.ShapeLayerFixtures.entry;
import static io.github.keras4j.layers.ShapeLayerFixtures.input;
import static io.github.keras4j.layers.ShapeLayerFixtures.keras1;
import static io.github.keras4j.layers.ShapeLayerFixtures.keras2;
import static io.github.keras4j.layers.ShapeLayerFixtures.summary;
import static io.github.keras4j.layers.ShapeLayerFixtures.writtenConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.SampleReshapePreProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reshape: Keras's row-major reshape of each sample, its shapes, config, errors, DL4J form and round trips. */
class ReshapeTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void readsEachSampleInRowMajorOrder() {
        Sequential model = new Sequential(new Reshape(2, -1).inputDim(6), new Flatten());
        INDArray x = Nd4j.arange(12).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(2, 6);
        assertEquals(x, model.predict(x, 32, 0), "a reshape then a flatten give the samples back");
        Sequential toSequence = new Sequential(new Reshape(3, 2).inputDim(6), new Permute(2, 1), new Flatten());
        // (3, 2) transposed to (2, 3): the first sample 0..5 reads 0 2 4 1 3 5.
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, toSequence.predict(x, 32, 0).getRow(0).toFloatVector());
    }

    @Test
    void computesTheUnknownSizeAndKerasShapes() {
        assertEquals(Shape.of(2, 3, 2), new Reshape(2, 3, 2).outputShape(Shape.of(12)));
        assertEquals(Shape.of(6, 2), new Reshape(-1, 2).outputShape(Shape.of(3, 4)));
        assertEquals(Shape.of(24), new Reshape(-1).outputShape(Shape.of(2, 4, 3)));
        assertEquals(Shape.of(4, 6), new Reshape(4, -1).outputShape(Shape.of(2, 3, 4)));
        assertArrayEquals(new long[] {-1, 2}, new Reshape(-1, 2).targetShape());
        Sequential model = new Sequential(new Dense(12).inputDim(4), new Reshape(2, 2, 3), new Flatten());
        String table = summary(model);
        assertTrue(table.contains(" reshape (Reshape)           (None, 2, 2, 3)           0"), table);
        assertEquals(0, new Reshape(3, 4).countParams(Shape.of(12)));
        assertEquals(List.of(), model.getWeights(1));
    }

    @Test
    void refusesWhatKerasRefusesAndWhatKeras4jCannotHold() {
        IllegalArgumentException twoUnknown = assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
        assertEquals("There must be at most one unknown dimension (-1) in target_shape. Received: "
                + "target_shape=(-1, -1)", twoUnknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 2));
        UnsupportedOperationException rank4 = assertThrows(UnsupportedOperationException.class,
                () -> new Reshape(1, 2, 3, 4));
        assertTrue(rank4.getMessage().startsWith("Reshape's target_shape must have 1 to 3 axes in keras4j"),
                rank4.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new Reshape(5).name("r").outputShape(Shape.of(2, 3)));
        assertEquals("Reshape layer r: the total size of the new array must be unchanged, input of shape [2, 3] "
                + "(6 values) cannot be reshaped to target_shape (5,)", size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, 4).outputShape(Shape.of(3, 2)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new Reshape(-1).name("r").outputShape(Shape.of(Shape.NONE, 2)));
        assertTrue(unknown.getMessage().contains("needs every size of its input known"), unknown.getMessage());
        UnsupportedOperationException images = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Dense(12).inputDim(4), new Reshape(2, 2, 3)).predict(Nd4j.zeros(1, 4), 1, 0));
        assertEquals("layer reshape (Reshape) is the last layer and outputs images of shape [2, 2, 3]; keras4j models "
                + "must output features: end the model with Flatten (and Dense)", images.getMessage());
    }

    @Test
    void isAnIdentityLayerWithAReshapingPreprocessor() {
        Sequential model = new Sequential(new Dense(12).inputDim(4), new Reshape(3, 4), new Flatten());
        SampleReshapePreProcessor reshape = assertInstanceOf(SampleReshapePreProcessor.class,
                model.network().getLayerWiseConfigurations().getInputPreProcess(1));
        assertArrayEquals(new long[] {12}, reshape.inputShape());
        assertArrayEquals(new long[] {3, 4}, reshape.outputShape());
    }

    @Test
    void writesKerasConfigAndReadsEveryKerasSpelling() {
        Sequential model = new Sequential(new Dense(12).inputDim(4), new Reshape(-1, 4), new Flatten());
        Map<String, Object> config = writtenConfig(model, 1);
        assertEquals(List.of("name", "trainable", "dtype", "target_shape"), List.copyOf(config.keySet()));
        assertEquals(List.of(-1, 4), config.get("target_shape"));
        assertEquals(Map.of("name", "reshape", "trainable", true, "dtype", Layer.keras3DtypePolicy("float32"),
                "target_shape", List.of(-1, 4)), model.layers().get(1).keras3Config());

        Reshape keras2 = (Reshape) keras2("[null, 6]", entry("Reshape", "{\"name\": \"r\", \"target_shape\": [3, 2]}"),
                entry("Flatten", "{\"name\": \"f\"}")).layers().get(0);
        assertArrayEquals(new long[] {3, 2}, keras2.targetShape());
        // Keras 1.2's spelling: the input declared on the layer, input_dtype.
        Reshape keras1 = (Reshape) keras1(entry("Reshape", "{\"name\": \"reshape_1\", \"trainable\": true, "
                + "\"batch_input_shape\": [null, 6], \"input_dtype\": \"float32\", \"target_shape\": [2, 3]}"),
                entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(0);
        assertArrayEquals(new long[] {2, 3}, keras1.targetShape());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> keras2("[null, 6]",
                entry("Reshape", "{\"name\": \"r\", \"target_shape\": [3, 2.5]}")));
        assertTrue(wrong.getMessage().contains("target_shape"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> keras2("[null, 6]",
                entry("Reshape", "{\"name\": \"r\"}")));
    }

    @Test
    void trainsAndRoundTrips(@TempDir Path folder) {
        Sequential model = new Sequential(new Dense(12, "tanh").inputDim(4), new Reshape(2, 2, 3), new Conv2D(2, 2),
                new Reshape(-1), new Dense(1)).seed(3);
        ShapeLayerFixtures.trainsAndRoundTrips(model, input(1, 8, 4), input(2, 8, 1), folder);
        Sequential images = new Sequential(new Reshape(6, 4).inputShape(2, 3, 4), new LSTM(3), new Dense(1)).seed(4);
        ShapeLayerFixtures.trainsAndRoundTrips(images, input(3, 8, 2, 3, 4), input(4, 8, 1), folder);
    }
}
