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
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** UpSampling1D and UpSampling2D: repeated timesteps, rows and columns, Keras's arguments in every spelling. */
class UpSamplingTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void repeatsTimestepsRowsAndColumns() {
        INDArray steps = input(1, 2, 3, 2);
        INDArray repeated = new Sequential(new UpSampling1D(3).inputShape(3, 2), new Flatten()).predict(steps, 32, 0)
                .reshape(2, 9, 2);
        for (int step = 0; step < 9; step++) {
            assertEquals(steps.get(NDArrayIndex.all(), NDArrayIndex.point(step / 3), NDArrayIndex.all()),
                    repeated.get(NDArrayIndex.all(), NDArrayIndex.point(step), NDArrayIndex.all()));
        }
        INDArray images = input(2, 2, 2, 3, 2);
        INDArray image = new Sequential(new UpSampling2D(2, 3).inputShape(2, 3, 2), new Flatten())
                .predict(images, 32, 0).reshape(2, 4, 9, 2);
        for (int row = 0; row < 4; row++) {
            for (int column = 0; column < 9; column++) {
                assertEquals(images.get(NDArrayIndex.all(), NDArrayIndex.point(row / 2),
                        NDArrayIndex.point(column / 3), NDArrayIndex.all()), image.get(NDArrayIndex.all(),
                        NDArrayIndex.point(row), NDArrayIndex.point(column), NDArrayIndex.all()));
            }
        }
    }

    @Test
    void hasKerasDefaultsShapesAndChecks() {
        assertEquals(2, new UpSampling1D().size());
        assertArrayEquals(new int[] {2, 2}, new UpSampling2D().size());
        assertArrayEquals(new int[] {3, 3}, new UpSampling2D(3).size());
        assertEquals("nearest", new UpSampling2D().interpolation());
        assertEquals(Shape.of(6, 4), new UpSampling1D(3).outputShape(Shape.of(2, 4)));
        assertEquals(Shape.of(Shape.NONE, 4), new UpSampling1D().outputShape(Shape.of(Shape.NONE, 4)));
        assertEquals(Shape.of(6, 4, 3), new UpSampling2D(3, 1).outputShape(Shape.of(2, 4, 3)));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new UpSampling1D(0));
        assertEquals("Argument `size` should be a positive integer. Received: size=0", size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UpSampling2D(2, 0));
        assertThrows(UnsupportedOperationException.class, () -> new UpSampling2D().outputShape(Shape.of(4)));
        assertThrows(UnsupportedOperationException.class, () -> new UpSampling1D().outputShape(Shape.of(2, 2, 2)));
        String table = summary(new Sequential(new UpSampling1D(3).inputShape(4, 2), new Flatten()));
        assertTrue(table.contains(" up_sampling1d (UpSampling1  (None, 12, 2)             0"), table);
    }

    @Test
    void areDl4jsNearestUpsamplingOnNhwcArrays() {
        Upsampling2D images = assertInstanceOf(Upsampling2D.class, new Sequential(
                new UpSampling2D(3, 2).inputShape(2, 2, 1), new Flatten()).network().getLayerWiseConfigurations()
                .getConf(0).getLayer());
        assertArrayEquals(new int[] {3, 2}, images.getSize());
        assertEquals(CNN2DFormat.NHWC, images.getFormat());
        SequenceAsImageLayer sequences = assertInstanceOf(SequenceAsImageLayer.class, new Sequential(
                new UpSampling1D(3).inputShape(2, 2), new Flatten()).network().getLayerWiseConfigurations()
                .getConf(0).getLayer());
        assertArrayEquals(new int[] {3, 1}, ((Upsampling2D) sequences.getUnderlying()).getSize());
    }

    @Test
    void writesKerasConfigAndReadsEveryKerasSpelling() {
        Sequential sequences = new Sequential(new UpSampling1D(3).inputShape(2, 2), new Flatten());
        Map<String, Object> config = writtenConfig(sequences, 0);
        assertEquals(List.of("name", "trainable", "dtype", "size"), List.copyOf(config.keySet()));
        assertEquals(3, config.get("size"));
        Sequential images = new Sequential(new UpSampling2D(3, 2).inputShape(2, 2, 1), new Flatten());
        Map<String, Object> imageConfig = writtenConfig(images, 0);
        assertEquals(List.of("name", "trainable", "dtype", "size", "data_format", "interpolation"),
                List.copyOf(imageConfig.keySet()));
        assertEquals(List.of(3, 2), imageConfig.get("size"));
        assertEquals("nearest", imageConfig.get("interpolation"));

        assertEquals(2, ((UpSampling1D) keras2("[null, 3, 2]", entry("UpSampling1D", "{\"name\": \"u\"}"),
                entry("Flatten", "{\"name\": \"f\"}")).layers().get(0)).size());
        // Keras 1.2 called UpSampling1D's size "length", and wrote UpSampling2D's dim_ordering.
        assertEquals(4, ((UpSampling1D) keras1(entry("UpSampling1D", "{\"name\": \"upsampling1d_1\", \"trainable\": "
                + "true, \"batch_input_shape\": [null, 3, 2], \"length\": 4}"), entry("Flatten", "{\"name\": "
                + "\"flatten_1\", \"trainable\": true}")).layers().get(0)).size());
        assertArrayEquals(new int[] {2, 3}, ((UpSampling2D) keras1(entry("UpSampling2D", "{\"name\": "
                + "\"upsampling2d_1\", \"trainable\": true, \"batch_input_shape\": [null, 3, 3, 1], \"size\": [2, 3], "
                + "\"dim_ordering\": \"tf\"}"), entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}"))
                .layers().get(0)).size());
    }

    @Test
    void refusesWhatKeras4jDoesNotCompute() {
        UnsupportedOperationException bilinear = assertThrows(UnsupportedOperationException.class,
                () -> keras2("[null, 3, 3, 1]", entry("UpSampling2D", "{\"name\": \"u\", \"interpolation\": "
                        + "\"bilinear\"}")));
        assertTrue(bilinear.getMessage().endsWith("layer 1 (UpSampling2D): \"interpolation\" = \"bilinear\" is not "
                + "supported by keras4j; only \"nearest\" (Keras also has \"bilinear\", \"bicubic\", \"lanczos3\", "
                + "\"lanczos5\" and \"area\")"), bilinear.getMessage());
        UnsupportedOperationException first = assertThrows(UnsupportedOperationException.class,
                () -> keras2("[null, 1, 3, 3]", entry("UpSampling2D", "{\"name\": \"u\", \"data_format\": "
                        + "\"channels_first\"}")));
        assertTrue(first.getMessage().contains("(UpSampling2D): \"data_format\" = \"channels_first\""),
                first.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> keras1(entry("UpSampling2D", "{\"name\": \"u\", "
                + "\"batch_input_shape\": [null, 1, 3, 3], \"size\": [2, 2], \"dim_ordering\": \"th\"}")));
        UnsupportedOperationException masked = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Masking(0).inputShape(3, 2), new UpSampling1D(), new LSTM(2)).network());
        assertTrue(masked.getMessage().contains("does not support masking"), masked.getMessage());
    }

    @Test
    void trainsAndRoundTrips(@TempDir Path folder) {
        Sequential images = new Sequential(new Conv2D(2, 2, "tanh").inputShape(3, 3, 2), new UpSampling2D(2, 1),
                new Conv2D(2, 2), new Flatten(), new Dense(1)).seed(10);
        ShapeLayerFixtures.trainsAndRoundTrips(images, input(1, 8, 3, 3, 2), input(2, 8, 1), folder);
        Sequential sequences = new Sequential(new UpSampling1D().inputShape(3, 2), new Dense(3, "tanh"),
                new UpSampling1D(3), new GRU(2), new Dense(1)).seed(11);
        ShapeLayerFixtures.trainsAndRoundTrips(sequences, input(3, 8, 3, 2), input(4, 8, 1), folder);
    }
}
