package io.github.keras4j.keras;

import static io.github.keras4j.keras.KerasFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.AveragePooling2D;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.Pooling2D;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3.15's own pooling (TensorFlow 2.21) against keras4j's: models, files and outputs written by
 * {@code keras4j__keras3-gold/pooling/make_pooling_gold.py} (committed, so no Python is needed here).
 */
class KerasPoolingFilesTest {

    private static final String FOLDER = "keras4j__keras3-gold/pooling/";

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() throws IOException {
        Map<String, Object> gold = KerasJson.read(Files.readString(KerasFixtures.file(FOLDER + "pooling_cases.json")),
                "pooling_cases.json");
        return ((List<Map<String, Object>>) gold.get("cases")).stream()
                .map(entry -> Arguments.of(entry.get("name"), entry));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void poolsAsKeras(String name, Map<String, Object> gold) {
        Sequential model = ModelConfig.fromModelConfig((Map<String, Object>) gold.get("model"), name);
        INDArray x = KerasFixtures.array(gold.get("x"));
        INDArray expected = KerasFixtures.array(gold.get("y"));

        assertClose(expected, model.predict(x, 32, 0), 1e-6);

        // keras4j writes what Keras wrote: the same arguments, and back to the same model.
        Map<String, Object> kerasLayer = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                gold.get("model")).get("config")).get("layers")).get(1);
        Map<String, Object> kerasConfig = (Map<String, Object>) kerasLayer.get("config");
        Pooling2D<?> pooling = (Pooling2D<?>) model.layers().get(0);
        assertEquals(kerasLayer.get("class_name"), pooling.className());
        for (String key : List.of("pool_size", "padding", "strides", "data_format")) {
            assertEquals(kerasConfig.get(key), pooling.config().get(key), key);
        }
        Backend.clearSession();
        assertClose(expected, Sequential.fromJson(model.toJson()).predict(x, 32, 0), 1e-6);
    }

    @Test
    void kerasFilesOfACnnWithPoolingPredictAsKeras() {
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "cnn_input.npy").toFile());
        INDArray expected = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "cnn_predictions.npy").toFile());
        for (String file : List.of("cnn.keras", "cnn.h5")) {
            Backend.clearSession();
            Sequential model = Sequential.load(KerasFixtures.file(FOLDER + file));
            assertEquals(List.of("Conv2D", "MaxPooling2D", "Conv2D", "AveragePooling2D", "Flatten", "Dense"),
                    model.layers().stream().map(layer -> layer.className()).toList(), file);
            assertClose(expected, model.predict(input, 32, 0), 1e-5);

            // Keras 3's .weights.h5 numbers its groups per class, the pooling layers (no weights) included.
            Backend.clearSession();
            Sequential rebuilt = Sequential.fromJson(model.toJson());
            rebuilt.loadWeights(KerasFixtures.file(FOLDER + "cnn.weights.h5"));
            assertClose(expected, rebuilt.predict(input, 32, 0), 1e-5);
        }
    }

    @Test
    void summaryShowsKerasShapes() {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "cnn.keras"));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        // Keras's own summary of that model: (None, 9, 8, 4) 76, (None, 4, 4, 4) 0, (None, 3, 3, 6) 102,
        // (None, 3, 3, 6) 0, (None, 54) 0, (None, 3) 165.
        assertTrue(table.contains(" max_pooling2d_5 (MaxPoolin  (None, 4, 4, 4)           0"), table);
        assertTrue(table.contains(" average_pooling2d_5 (Avera  (None, 3, 3, 6)           0"), table);
        assertTrue(table.contains(" flatten_10 (Flatten)        (None, 54)                0"), table);
        assertTrue(table.contains("Total params: 343"), table);
        assertTrue(model.layers().get(1) instanceof MaxPooling2D && model.layers().get(3) instanceof AveragePooling2D);
    }

    /**
     * Keras 2.0.6's mnist_cnn example config (deeplearning4j/dl4j-test-resources, commit dcf44f51,
     * modelimport/keras/examples/mnist_cnn/mnist_cnn_tf_keras_2_config.json): Keras's shapes and parameter counts.
     */
    @Test
    void readsKeras2sMnistCnnConfig() {
        Sequential model = Sequential.fromJson(KerasFixtures.file(
                "deeplearning4j__dl4j-test-resources/examples/mnist_cnn/mnist_cnn_tf_keras_2_config.json"));
        MaxPooling2D pooling = (MaxPooling2D) model.layers().get(2);
        assertEquals("max_pooling2d_1", pooling.name());
        assertEquals(Shape.of(12, 12, 64), pooling.outputShape(Shape.of(24, 24, 64)));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        assertTrue(table.contains(" max_pooling2d_1 (MaxPoolin  (None, 12, 12, 64)        0"), table);
        assertTrue(table.contains(" flatten_1 (Flatten)         (None, 9216)              0"), table);
        assertTrue(table.contains("Total params: 1,199,882"), table);
        Backend.clearSession();
        assertEquals(model.toJson(), Sequential.fromJson(model.toJson()).toJson());
    }

    /** One SGD step of MSE through same-padded average and max pooling: Keras's weights after it. */
    @Test
    void trainsAStepAsKeras() throws Exception {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "train_step.keras"));
        INDArray x = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "train_step_x.npy").toFile());
        INDArray y = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "train_step_y.npy").toFile());
        Map<String, INDArray> after = Nd4j.createFromNpzFile(KerasFixtures.file(FOLDER + "train_step_weights.npz")
                .toFile());

        List<INDArray> before = model.getWeights();

        model.fit(x, y, Fit.epochs(1).batchSize((int) x.size(0)).shuffle(false).verbose(0));

        List<INDArray> weights = model.getWeights();
        assertTrue(before.get(0).sub(weights.get(0)).amaxNumber().doubleValue() > 1e-3, "the step moved the kernel");
        assertEquals(after.size(), weights.size());
        for (int i = 0; i < weights.size(); i++) {
            assertClose(after.get("w" + i), weights.get(i), 1e-6);
        }
    }
}
