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
import io.github.keras4j.layers.dl4j.SequenceAsImageLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** ZeroPadding1D and ZeroPadding2D: zeros around sequences and images, Keras's arguments in every spelling. */
class ZeroPaddingTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void padsSequencesAndImagesWithZeros() {
        INDArray steps = input(1, 2, 3, 2);
        INDArray padded = new Sequential(new ZeroPadding1D(1, 2).inputShape(3, 2), new Flatten())
                .predict(steps, 32, 0).reshape(2, 6, 2);
        assertEquals(steps, padded.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4), NDArrayIndex.all()));
        assertEquals(0.0, padded.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).amaxNumber()
                .doubleValue());
        assertEquals(0.0, padded.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 6), NDArrayIndex.all())
                .amaxNumber().doubleValue());

        INDArray images = input(2, 2, 2, 3, 2);
        INDArray image = new Sequential(new ZeroPadding2D(1, 0, 2, 1).inputShape(2, 3, 2), new Flatten())
                .predict(images, 32, 0).reshape(2, 3, 6, 2);
        assertEquals(images, image.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 5),
                NDArrayIndex.all()));
        assertEquals(images.sumNumber().doubleValue(), image.sumNumber().doubleValue(), 1e-5);
    }

    @Test
    void hasKerasDefaultsShapesAndChecks() {
        assertArrayEquals(new int[] {1, 1}, new ZeroPadding1D().padding());
        assertArrayEquals(new int[] {2, 2}, new ZeroPadding1D(2).padding());
        assertArrayEquals(new int[][] {{1, 1}, {1, 1}}, new ZeroPadding2D().padding());
        assertArrayEquals(new int[][] {{2, 2}, {1, 1}}, new ZeroPadding2D(2, 1).padding());
        assertArrayEquals(new int[][] {{1, 0}, {2, 3}}, new ZeroPadding2D(1, 0, 2, 3).padding());
        assertEquals(Shape.of(7, 2), new ZeroPadding1D(1, 3).outputShape(Shape.of(3, 2)));
        assertEquals(Shape.of(Shape.NONE, 2), new ZeroPadding1D().outputShape(Shape.of(Shape.NONE, 2)));
        assertEquals(Shape.of(5, 6, 3), new ZeroPadding2D(1, 1, 2, 0).outputShape(Shape.of(3, 4, 3)));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> new ZeroPadding1D(-1));
        assertEquals("`padding` cannot be negative, received: [-1]", negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2D(1, 2, 3));
        UnsupportedOperationException images = assertThrows(UnsupportedOperationException.class,
                () -> new ZeroPadding1D().name("z").outputShape(Shape.of(2, 3, 4)));
        assertEquals("ZeroPadding1D layer z takes sequences of shape (timesteps, features), received input of shape "
                + "[2, 3, 4]", images.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> new ZeroPadding2D().outputShape(Shape.of(3, 4)));
        String table = summary(new Sequential(new ZeroPadding2D(1, 2).inputShape(3, 3, 1), new Flatten()));
        assertTrue(table.contains(" zero_padding2d (ZeroPaddin  (None, 5, 7, 1)           0"), table);
        UnsupportedOperationException masked = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Masking(0).inputShape(3, 2), new ZeroPadding1D(), new LSTM(2)).network());
        assertTrue(masked.getMessage().contains("does not support masking"), masked.getMessage());
    }

    @Test
    void areDl4jsZeroPaddingOnNhwcArrays() {
        Sequential images = new Sequential(new ZeroPadding2D(1, 0, 2, 1).inputShape(3, 3, 1), new Flatten());
        ZeroPaddingLayer padding = assertInstanceOf(ZeroPaddingLayer.class,
                images.network().getLayerWiseConfigurations().getConf(0).getLayer());
        assertArrayEquals(new int[] {1, 0, 2, 1}, padding.getPadding());
        assertEquals(CNN2DFormat.NHWC, padding.getDataFormat());
        Sequential sequences = new Sequential(new ZeroPadding1D(1, 2).inputShape(3, 2), new Flatten());
        SequenceAsImageLayer wrapper = assertInstanceOf(SequenceAsImageLayer.class,
                sequences.network().getLayerWiseConfigurations().getConf(0).getLayer());
        assertArrayEquals(new int[] {1, 2, 0, 0}, ((ZeroPaddingLayer) wrapper.getUnderlying()).getPadding());
    }

    @Test
    void writesKerasConfigAndReadsEveryKerasSpelling() {
        Sequential model = new Sequential(new ZeroPadding1D(2, 0).inputShape(3, 2), new ZeroPadding1D(),
                new Flatten());
        Map<String, Object> config = writtenConfig(model, 0);
        assertEquals(List.of("name", "trainable", "dtype", "padding"), List.copyOf(config.keySet()));
        assertEquals(List.of(2, 0), config.get("padding"));
        assertEquals("channels_last", model.layers().get(0).keras3Config().get("data_format"));
        Sequential images = new Sequential(new ZeroPadding2D(1, 0, 2, 2).inputShape(3, 3, 1), new Flatten());
        Map<String, Object> imageConfig = writtenConfig(images, 0);
        assertEquals(List.of("name", "trainable", "dtype", "padding", "data_format"),
                List.copyOf(imageConfig.keySet()));
        assertEquals(List.of(List.of(1, 0), List.of(2, 2)), imageConfig.get("padding"));

        assertArrayEquals(new int[][] {{3, 3}, {3, 3}}, ((ZeroPadding2D) keras2("[null, 3, 3, 1]",
                entry("ZeroPadding2D", "{\"name\": \"z\", \"padding\": 3}"), entry("Flatten", "{\"name\": \"f\"}"))
                .layers().get(0)).padding());
        assertArrayEquals(new int[][] {{1, 1}, {2, 2}}, ((ZeroPadding2D) keras2("[null, 3, 3, 1]",
                entry("ZeroPadding2D", "{\"name\": \"z\", \"padding\": [1, 2]}"), entry("Flatten", "{\"name\": "
                        + "\"f\"}")).layers().get(0)).padding());
        assertArrayEquals(new int[][] {{1, 1}, {1, 1}}, ((ZeroPadding2D) keras2("[null, 3, 3, 1]",
                entry("ZeroPadding2D", "{\"name\": \"z\"}"), entry("Flatten", "{\"name\": \"f\"}")).layers().get(0))
                .padding());
        // Keras 1.2: four integers or a dictionary, dim_ordering "tf"; ZeroPadding1D's dictionary.
        assertArrayEquals(new int[][] {{1, 0}, {2, 3}}, ((ZeroPadding2D) keras1(entry("ZeroPadding2D",
                "{\"name\": \"zeropadding2d_1\", \"trainable\": true, \"batch_input_shape\": [null, 3, 3, 1], "
                        + "\"input_dtype\": \"float32\", \"padding\": [1, 0, 2, 3], \"dim_ordering\": \"tf\"}"),
                entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(0)).padding());
        assertArrayEquals(new int[][] {{2, 1}, {0, 4}}, ((ZeroPadding2D) keras1(entry("ZeroPadding2D",
                "{\"name\": \"zeropadding2d_1\", \"trainable\": true, \"batch_input_shape\": [null, 3, 3, 1], "
                        + "\"padding\": {\"top_pad\": 2, \"bottom_pad\": 1, \"left_pad\": 0, \"right_pad\": 4}, "
                        + "\"dim_ordering\": \"tf\"}"),
                entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(0)).padding());
        assertArrayEquals(new int[] {3, 1}, ((ZeroPadding1D) keras1(entry("ZeroPadding1D",
                "{\"name\": \"zeropadding1d_1\", \"trainable\": true, \"batch_input_shape\": [null, 4, 2], "
                        + "\"padding\": {\"left_pad\": 3, \"right_pad\": 1}}"),
                entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(0)).padding());
    }

    @Test
    void refusesChannelsFirstNamingLayerKeyAndValue() {
        UnsupportedOperationException first = assertThrows(UnsupportedOperationException.class,
                () -> keras2("[null, 1, 3, 3]", entry("ZeroPadding2D", "{\"name\": \"z\", \"data_format\": "
                        + "\"channels_first\"}")));
        assertEquals("model.json, layer 1 (ZeroPadding2D): \"data_format\" = \"channels_first\" is not supported by "
                + "keras4j; only channels_last", first.getMessage().replaceFirst("^[^,]*, ", "model.json, "));
        assertThrows(UnsupportedOperationException.class, () -> keras1(entry("ZeroPadding2D", "{\"name\": \"z\", "
                + "\"batch_input_shape\": [null, 1, 3, 3], \"padding\": [1, 1], \"dim_ordering\": \"th\"}")));
        assertThrows(UnsupportedOperationException.class, () -> keras2("[null, 3, 2]", entry("ZeroPadding1D",
                "{\"name\": \"z\", \"data_format\": \"channels_first\"}")));
        IllegalArgumentException dictionary = assertThrows(IllegalArgumentException.class, () -> keras2("[null, 3, 2]",
                entry("ZeroPadding1D", "{\"name\": \"z\", \"padding\": {\"left\": 1}}")));
        assertTrue(dictionary.getMessage().contains("left_pad, right_pad"), dictionary.getMessage());
    }

    @Test
    void trainsAndRoundTrips(@TempDir Path folder) {
        Sequential images = new Sequential(new ZeroPadding2D(1, 0, 2, 1).inputShape(4, 3, 2), new Conv2D(2, 3, "tanh"),
                new ZeroPadding2D(), new Flatten(), new Dense(1)).seed(8);
        ShapeLayerFixtures.trainsAndRoundTrips(images, input(1, 8, 4, 3, 2), input(2, 8, 1), folder);
        Sequential sequences = new Sequential(new ZeroPadding1D(2, 1).inputShape(3, 2), new Dense(3, "tanh"),
                new ZeroPadding1D(), new LSTM(2), new Dense(1)).seed(9);
        ShapeLayerFixtures.trainsAndRoundTrips(sequences, input(3, 8, 3, 2), input(4, 8, 1), folder);
        Nd4j.getRandom().setSeed(1);
    }
}
