package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MaxPooling1D and AveragePooling1D: hand-computed windows (padded steps never counting), shapes, configs in Keras 1,
 * 2 and 3 spellings, errors, training and files. Keras's own outputs are in {@code keras.KerasConvolution1DFilesTest}.
 */
class Pooling1DTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void poolsWindowsOfTimestepsAsKeras() {
        // One sample, 5 steps, 2 features.
        INDArray x = Nd4j.createFromArray(new float[][][] {{{1, -1}, {3, -2}, {2, -5}, {-4, 0}, {5, -3}}});
        INDArray max = new Sequential(new MaxPooling1D(2).inputShape(5, 2)).predict(x, 32, 0);
        assertEquals(Nd4j.createFromArray(new float[][][] {{{3, -1}, {2, 0}}}), max);
        // "same": ceil(5 / 2) windows, the last one holding one real step; padding never wins a maximum.
        INDArray same = new Sequential(new MaxPooling1D(2).padding("same").inputShape(5, 2)).predict(x.neg(), 32, 0);
        assertEquals(Nd4j.createFromArray(new float[][][] {{{-1, 2}, {4, 5}, {-5, 3}}}), same);
        // The mean of each window, over the real steps only.
        INDArray average = new Sequential(new AveragePooling1D(3).strides(2).padding("same").inputShape(5, 2))
                .predict(x, 32, 0);
        assertEquals(Nd4j.createFromArray(new float[][][] {{{2, -1.5f}, {1f / 3, -7f / 3}, {0.5f, -1.5f}}}),
                average);
    }

    @Test
    void shapesAndCounts() {
        assertEquals(Shape.of(3, 4), new MaxPooling1D().outputShape(Shape.of(7, 4)));
        assertEquals(Shape.of(4, 4), new MaxPooling1D().padding("same").outputShape(Shape.of(7, 4)));
        assertEquals(Shape.of(5, 4), new AveragePooling1D(3).strides(1).outputShape(Shape.of(7, 4)));
        assertEquals(Shape.of(Shape.NONE, 4), new AveragePooling1D(3).outputShape(Shape.of(Shape.NONE, 4)));
        assertEquals(0, new MaxPooling1D().countParams(Shape.of(7, 4)));
    }

    @Test
    void configsInKerasSpellings() {
        MaxPooling1D pooling = new MaxPooling1D(3).strides(2).padding("same").name("p");
        Map<String, Object> config = pooling.config();
        assertEquals(List.of("name", "trainable", "dtype", "pool_size", "padding", "strides", "data_format"),
                List.copyOf(config.keySet()));
        assertEquals(List.of(3), config.get("pool_size"));
        assertEquals(List.of(2), config.get("strides"));

        String keras1 = "{\"class_name\": \"Sequential\", \"keras_version\": \"1.2.2\", \"config\": ["
                + "{\"class_name\": \"AveragePooling1D\", \"config\": {\"name\": \"a\", \"pool_length\": 3,"
                + " \"stride\": null, \"border_mode\": \"valid\", \"trainable\": true,"
                + " \"batch_input_shape\": [null, 8, 2]}}]}";
        AveragePooling1D read = (AveragePooling1D) Sequential.fromJson(keras1).layers().get(0);
        assertEquals(3, read.poolSize());
        assertEquals(3, read.strides());
        String keras2 = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"MaxPool1D\", \"config\": {\"name\": \"m\", \"pool_size\": [2],"
                + " \"strides\": [1], \"padding\": \"same\", \"batch_input_shape\": [null, 8, 2]}}]}}";
        MaxPooling1D alias = (MaxPooling1D) Sequential.fromJson(keras2).layers().get(0);
        assertEquals(1, alias.strides());
        assertEquals(Conv2D.Padding.SAME, alias.padding());
        UnsupportedOperationException channelsFirst = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(keras2.replace("\"padding\": \"same\"", "\"data_format\": "
                        + "\"channels_first\"")));
        assertTrue(channelsFirst.getMessage().contains("\"data_format\" = \"channels_first\" is not supported by "
                + "keras4j; only channels_last"), channelsFirst.getMessage());
    }

    @Test
    void clearErrors() {
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling1D().padding("causal"));
        assertEquals("Unknown padding: 'causal'; valid values: 'valid', 'same'", padding.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AveragePooling1D(0));
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling1D(5).name("p").outputShape(Shape.of(3, 1)));
        assertEquals("MaxPooling1D layer p: its pool size 5 is larger than its input [3, 1] with padding 'valid'",
                large.getMessage());
        UnsupportedOperationException features = assertThrows(UnsupportedOperationException.class,
                () -> new AveragePooling1D(2).name("p").outputShape(Shape.of(3)));
        assertEquals("AveragePooling1D layer p takes sequences of shape (timesteps, features), received input of "
                + "shape [3]", features.getMessage());
    }

    @Test
    void trainsAndSavesAndReloads(@TempDir Path folder) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 24, 9, 2);
        INDArray y = x.max(1).sum(1).reshape(24, 1);
        Sequential model = new Sequential(new Conv1D(4, 2, "relu").inputShape(9, 2),
                new MaxPooling1D(2).padding("same"), new AveragePooling1D(3).strides(1), new Flatten(), new Dense(1))
                .seed(3);
        model.compile("adam", "mse");
        LayerRoundTrips.trains(model, x, y, 5);
        LayerRoundTrips.savesAndReloads(model, x, folder);
    }
}
