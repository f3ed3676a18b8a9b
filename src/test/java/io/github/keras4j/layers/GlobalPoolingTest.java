package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GlobalAveragePooling1D/2D and GlobalMaxPooling1D/2D: values by hand, keepdims, the masked mean, shapes, configs,
 * errors, training and files. Keras's own outputs are in {@code keras.KerasConvolution1DFilesTest}.
 */
class GlobalPoolingTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void poolsSequencesAndImagesAsKeras() {
        INDArray sequences = Nd4j.createFromArray(new float[][][] {{{1, -1}, {3, -2}, {2, -6}}});
        assertEquals(Nd4j.createFromArray(new float[][] {{2, -3}}),
                new Sequential(new GlobalAveragePooling1D().inputShape(3, 2)).predict(sequences, 32, 0));
        assertEquals(Nd4j.createFromArray(new float[][] {{3, -1}}),
                new Sequential(new GlobalMaxPooling1D().inputShape(3, 2)).predict(sequences, 32, 0));
        assertEquals(Nd4j.createFromArray(new float[][][] {{{3, -1}}}),
                new Sequential(new GlobalMaxPooling1D().keepdims(true).inputShape(3, 2)).predict(sequences, 32, 0));

        // (2, 2, 2) images: channel 0 holds 1..4, channel 1 holds -1..-4.
        INDArray images = Nd4j.createFromArray(new float[][][][] {{{{1, -1}, {2, -2}}, {{3, -3}, {4, -4}}}});
        assertEquals(Nd4j.createFromArray(new float[][] {{2.5f, -2.5f}}),
                new Sequential(new GlobalAveragePooling2D().inputShape(2, 2, 2)).predict(images, 32, 0));
        assertEquals(Nd4j.createFromArray(new float[][] {{4, -1}}),
                new Sequential(new GlobalMaxPooling2D().inputShape(2, 2, 2)).predict(images, 32, 0));
        assertEquals(Nd4j.createFromArray(new float[][] {{4, -1}}), new Sequential(
                new GlobalMaxPooling2D().keepdims(true).inputShape(2, 2, 2), new Flatten()).predict(images, 32, 0));
    }

    @Test
    void theMeanLeavesMaskedTimestepsOut() {
        // Tokens 0 are padding: the mean is over the real steps only.
        Sequential model = new Sequential(new Embedding(4, 1).maskZero(true), new GlobalAveragePooling1D());
        model.setWeights(0, Nd4j.createFromArray(new float[][] {{100}, {1}, {2}, {6}}));
        INDArray tokens = Nd4j.createFromArray(new int[][] {{1, 2, 0, 0}, {3, 3, 2, 1}});
        assertEquals(Nd4j.createFromArray(new float[][] {{1.5f}, {3.75f}}), model.predict(tokens, 32, 0));
        UnsupportedOperationException max = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Embedding(4, 1).maskZero(true), new GlobalMaxPooling1D()).predict(tokens,
                        32, 0));
        assertTrue(max.getMessage().contains("does not support masking"), max.getMessage());
    }

    @Test
    void shapesConfigsAndErrors() {
        assertEquals(Shape.of(5), new GlobalAveragePooling1D().outputShape(Shape.of(Shape.NONE, 5)));
        assertEquals(Shape.of(1, 5), new GlobalMaxPooling1D().keepdims(true).outputShape(Shape.of(7, 5)));
        assertEquals(Shape.of(1, 1, 3), new GlobalAveragePooling2D().keepdims(true).outputShape(Shape.of(4, 4, 3)));
        assertEquals(List.of("name", "trainable", "dtype", "data_format", "keepdims"),
                List.copyOf(new GlobalMaxPooling2D().name("g").config().keySet()));
        String keras2 = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"GlobalAvgPool2D\", \"config\": {\"name\": \"g\", \"trainable\": true,"
                + " \"batch_input_shape\": [null, 4, 4, 3]}}]}}";
        assertTrue(Sequential.fromJson(keras2).layers().get(0) instanceof GlobalAveragePooling2D);
        UnsupportedOperationException channelsFirst = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(keras2.replace("\"trainable\": true", "\"data_format\": \"channels_first\"")));
        assertTrue(channelsFirst.getMessage().contains("\"data_format\" = \"channels_first\" is not supported by "
                + "keras4j; only channels_last"), channelsFirst.getMessage());
        UnsupportedOperationException sequences = assertThrows(UnsupportedOperationException.class,
                () -> new GlobalMaxPooling2D().name("g").outputShape(Shape.of(4, 3)));
        assertEquals("GlobalMaxPooling2D layer g takes images (height, width, channels), received input of shape "
                + "[4, 3]", sequences.getMessage());
    }

    @Test
    void trainOnSequencesAndSaveAndReload(@TempDir Path folder) {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.FLOAT, 24, 6, 3);
        INDArray y = x.mean(1).sum(1).reshape(24, 1);
        Sequential model = new Sequential(new Conv1D(4, 2, "tanh").inputShape(6, 3), new GlobalAveragePooling1D(),
                new Dense(1)).seed(2);
        model.compile("adam", "mse");
        LayerRoundTrips.trains(model, x, y, 5);
        LayerRoundTrips.savesAndReloads(model, x, folder.resolve("1d").toFile().mkdirs() ? folder.resolve("1d")
                : folder);

        Backend.clearSession();
        Sequential keep = new Sequential(new Conv1D(4, 2, "tanh").inputShape(6, 3),
                new GlobalMaxPooling1D().keepdims(true), new Flatten(), new Dense(1)).seed(2);
        keep.compile("adam", "mse");
        LayerRoundTrips.trains(keep, x, y, 5);
    }

    @Test
    void trainOnImagesAndSaveAndReload(@TempDir Path folder) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 24, 5, 5, 2);
        INDArray y = x.max(1, 2).sum(1).reshape(24, 1);
        Sequential model = new Sequential(new Conv2D(4, 3, "relu").padding("same").inputShape(5, 5, 2),
                new GlobalMaxPooling2D(), new Dense(1)).seed(4);
        model.compile("adam", "mse");
        LayerRoundTrips.trains(model, x, y, 5);
        LayerRoundTrips.savesAndReloads(model, x, folder);

        Backend.clearSession();
        Sequential keep = new Sequential(new Conv2D(4, 3, "relu").inputShape(5, 5, 2),
                new GlobalAveragePooling2D().keepdims(true), new Flatten(), new Dense(1)).seed(4);
        keep.compile("adam", "mse");
        LayerRoundTrips.trains(keep, x, y, 5);
    }
}
