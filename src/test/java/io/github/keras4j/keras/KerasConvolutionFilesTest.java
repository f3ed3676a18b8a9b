package io.github.keras4j.keras;

import static io.github.keras4j.keras.KerasFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Flatten;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A real Keras 2 CNN file (Conv2D, BatchNormalization, Flatten, Dense) and the predictions Keras made with it. */
class KerasConvolutionFilesTest {

    private static final String FOLDER = "deeplearning4j__dl4j-test-resources/fullconfigs/cnn/";

    @Test
    void cnnWithBatchNormalizationPredictsAsKeras() {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "cnn_batch_norm.h5"));
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "input.npy").toFile());
        INDArray expected = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "predictions.npy").toFile());
        assertEquals(4, input.rank());

        INDArray predictions = model.predict(input, 32, 0);

        double difference = expected.castTo(DataType.DOUBLE).sub(predictions.castTo(DataType.DOUBLE)).amaxNumber()
                .doubleValue();
        System.out.println("cnn_batch_norm.h5: largest difference from Keras's predictions " + difference);
        assertClose(expected, predictions, 1e-5);
    }

    @Test
    void summaryShowsKerasOutputShapes() {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "cnn_batch_norm.h5"));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        assertTrue(table.contains(" conv2d_1 (Conv2D)           (None, 8, 8, 1)           28"), table);
        assertTrue(table.contains(" batch_normalization_1 (Bat  (None, 8, 8, 1)           4"), table);
        assertTrue(table.contains(" conv2d_2 (Conv2D)           (None, 6, 6, 1)           10"), table);
        assertTrue(table.contains(" flatten_1 (Flatten)         (None, 36)                0"), table);
        assertTrue(table.contains(" dense_1 (Dense)             (None, 1)                 37"), table);
        assertTrue(table.contains("Total params: 79"), table);
        assertTrue(table.contains("Non-trainable params: 2"), table);
    }

    @Test
    void weightsKeepKerasLayoutAndToJsonReadsBack() {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "cnn_batch_norm.h5"));
        assertArrayEquals(new long[] {3, 3, 3, 1}, model.getWeights(0).get(0).shape());
        Sequential again = Sequential.fromJson(model.toJson());
        assertArrayEquals(new long[] {10, 10, 3}, again.inputShape());
        assertEquals(List.of(Conv2D.class, io.github.keras4j.layers.BatchNormalization.class,
                io.github.keras4j.layers.Activation.class, Conv2D.class, Flatten.class,
                io.github.keras4j.layers.Dense.class), again.layers().stream().map(Object::getClass).toList());
        again.setWeights(model.getWeights());
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "input.npy").toFile());
        assertClose(model.predict(input, 32, 0), again.predict(input, 32, 0), 0);
    }
}
