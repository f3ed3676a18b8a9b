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
import io.github.keras4j.layers.dl4j.CroppingLayer;
import io.github.keras4j.layers.dl4j.SequenceAsImageLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Cropping1D and Cropping2D: borders removed from sequences and images, Keras's arguments in every spelling. */
class CroppingTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void removesTheBorders() {
        INDArray steps = input(1, 2, 6, 2);
        INDArray cropped = new Sequential(new Cropping1D(1, 2).inputShape(6, 2), new Flatten()).predict(steps, 32, 0)
                .reshape(2, 3, 2);
        assertEquals(steps.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4), NDArrayIndex.all()), cropped);
        INDArray images = input(2, 2, 5, 6, 2);
        INDArray image = new Sequential(new Cropping2D(2, 0, 1, 3).inputShape(5, 6, 2), new Flatten())
                .predict(images, 32, 0).reshape(2, 3, 2, 2);
        assertEquals(images.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5), NDArrayIndex.interval(1, 3),
                NDArrayIndex.all()), image);
        // Keras's default crops nothing: an identity on the model's own input.
        assertEquals(images.reshape(2, 60), new Sequential(new Cropping2D().inputShape(5, 6, 2), new Flatten())
                .predict(images, 32, 0));
    }

    @Test
    void hasKerasDefaultsShapesAndChecks() {
        assertArrayEquals(new int[] {1, 1}, new Cropping1D().cropping());
        assertArrayEquals(new int[][] {{0, 0}, {0, 0}}, new Cropping2D().cropping());
        assertArrayEquals(new int[][] {{2, 2}, {1, 1}}, new Cropping2D(2, 1).cropping());
        assertEquals(Shape.of(3, 2), new Cropping1D(1, 2).outputShape(Shape.of(6, 2)));
        assertEquals(Shape.of(Shape.NONE, 2), new Cropping1D().outputShape(Shape.of(Shape.NONE, 2)));
        assertEquals(Shape.of(3, 2, 2), new Cropping2D(2, 0, 1, 3).outputShape(Shape.of(5, 6, 2)));
        IllegalArgumentException tooMuch = assertThrows(IllegalArgumentException.class,
                () -> new Cropping1D(2, 2).name("c").outputShape(Shape.of(4, 2)));
        assertEquals("`cropping` parameter of `Cropping1D` layer c must be smaller than the input length. Received: "
                + "input_shape [4, 2], cropping=[2, 2]", tooMuch.getMessage());
        IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
                () -> new Cropping2D(1, 2).name("c").outputShape(Shape.of(3, 4, 1)));
        assertEquals("Values in `cropping` argument of Cropping2D layer c should be smaller than the corresponding "
                + "spatial dimension of the input. Received: input_shape [3, 4, 1], cropping=[[1, 1], [2, 2]]",
                image.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Cropping1D(-1));
        assertThrows(UnsupportedOperationException.class, () -> new Cropping2D().outputShape(Shape.of(3, 4)));
        String table = summary(new Sequential(new Cropping2D(1, 0, 0, 2).inputShape(4, 4, 3), new Flatten()));
        assertTrue(table.contains(" cropping2d (Cropping2D)     (None, 3, 2, 3)           0"), table);
    }

    @Test
    void areDl4jsCroppingOnNhwcArrays() {
        CroppingLayer images = assertInstanceOf(CroppingLayer.class, new Sequential(
                new Cropping2D(2, 0, 1, 3).inputShape(5, 6, 2), new Flatten()).network()
                .getLayerWiseConfigurations().getConf(0).getLayer());
        assertArrayEquals(new int[] {2, 0, 1, 3}, images.getCropping());
        assertEquals(CNN2DFormat.NHWC, images.getDataFormat());
        SequenceAsImageLayer sequences = assertInstanceOf(SequenceAsImageLayer.class, new Sequential(
                new Cropping1D(1, 2).inputShape(6, 2), new Flatten()).network().getLayerWiseConfigurations()
                .getConf(0).getLayer());
        assertArrayEquals(new int[] {1, 2, 0, 0}, ((org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D)
                sequences.getUnderlying()).getCropping());
    }

    @Test
    void writesKerasConfigAndReadsEveryKerasSpelling() {
        Map<String, Object> config = writtenConfig(new Sequential(new Cropping1D(0, 2).inputShape(6, 2),
                new Flatten()), 0);
        assertEquals(List.of("name", "trainable", "dtype", "cropping"), List.copyOf(config.keySet()));
        assertEquals(List.of(0, 2), config.get("cropping"));
        Map<String, Object> imageConfig = writtenConfig(new Sequential(new Cropping2D(2, 0, 1, 3)
                .inputShape(5, 6, 2), new Flatten()), 0);
        assertEquals(List.of("name", "trainable", "dtype", "cropping", "data_format"),
                List.copyOf(imageConfig.keySet()));
        assertEquals(List.of(List.of(2, 0), List.of(1, 3)), imageConfig.get("cropping"));

        assertArrayEquals(new int[] {2, 2}, ((Cropping1D) keras2("[null, 6, 2]", entry("Cropping1D",
                "{\"name\": \"c\", \"cropping\": 2}"), entry("Flatten", "{\"name\": \"f\"}")).layers().get(0))
                .cropping());
        assertArrayEquals(new int[][] {{1, 1}, {2, 2}}, ((Cropping2D) keras2("[null, 5, 6, 1]", entry("Cropping2D",
                "{\"name\": \"c\", \"cropping\": [1, 2]}"), entry("Flatten", "{\"name\": \"f\"}")).layers().get(0))
                .cropping());
        // Keras 1.2's Cropping1D and Cropping2D (with dim_ordering).
        assertArrayEquals(new int[] {1, 0}, ((Cropping1D) keras1(entry("Cropping1D", "{\"name\": \"cropping1d_1\", "
                + "\"trainable\": true, \"batch_input_shape\": [null, 6, 2], \"cropping\": [1, 0]}"),
                entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(0)).cropping());
        assertArrayEquals(new int[][] {{1, 0}, {0, 2}}, ((Cropping2D) keras1(entry("Cropping2D", "{\"name\": "
                + "\"cropping2d_1\", \"trainable\": true, \"batch_input_shape\": [null, 5, 6, 1], \"cropping\": [[1, "
                + "0], [0, 2]], \"dim_ordering\": \"tf\"}"), entry("Flatten", "{\"name\": \"flatten_1\", "
                + "\"trainable\": true}")).layers().get(0)).cropping());
        UnsupportedOperationException first = assertThrows(UnsupportedOperationException.class,
                () -> keras2("[null, 1, 5, 6]", entry("Cropping2D", "{\"name\": \"c\", \"data_format\": "
                        + "\"channels_first\"}")));
        assertTrue(first.getMessage().contains("(Cropping2D): \"data_format\" = \"channels_first\" is not supported"),
                first.getMessage());
        assertThrows(IllegalArgumentException.class, () -> keras2("[null, 6, 2]", entry("Cropping1D",
                "{\"name\": \"c\", \"cropping\": [1, \"a\"]}")));
    }

    @Test
    void trainsAndRoundTrips(@TempDir Path folder) {
        Sequential images = new Sequential(new Cropping2D(1, 0, 0, 1).inputShape(5, 5, 2), new Conv2D(2, 2, "tanh"),
                new Cropping2D(1), new Flatten(), new Dense(1)).seed(12);
        ShapeLayerFixtures.trainsAndRoundTrips(images, input(1, 8, 5, 5, 2), input(2, 8, 1), folder);
        Sequential sequences = new Sequential(new Cropping1D(1, 0).inputShape(6, 2), new Dense(3, "tanh"),
                new Cropping1D(), new SimpleRNN(2), new Dense(1)).seed(13);
        ShapeLayerFixtures.trainsAndRoundTrips(sequences, input(3, 8, 6, 2), input(4, 8, 1), folder);
    }
}
