package io.github.keras4j.keras;

import static io.github.keras4j.keras.KerasFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3.15's own shape and noise layers (TensorFlow 2.21) against keras4j's: models, files and outputs written by
 * {@code keras4j__keras3-gold/shapes/make_shapes_gold.py} (committed, so no Python is needed here).
 */
class KerasShapesFilesTest {

    private static final String FOLDER = "keras4j__keras3-gold/shapes/";

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() throws IOException {
        Map<String, Object> gold = KerasJson.read(Files.readString(KerasFixtures.file(FOLDER + "shapes_cases.json")),
                "shapes_cases.json");
        return ((List<Map<String, Object>>) gold.get("cases")).stream()
                .map(entry -> Arguments.of(entry.get("name"), entry));
    }

    /**
     * Each layer and argument: Keras's prediction from Keras's to_json(), the layer's config as Keras wrote it (tf.keras
     * 2.x's keys for to_json, Keras 3's for config.json), and the same prediction after keras4j's own JSON.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void computesAsKeras(String name, Map<String, Object> gold) {
        Map<String, Object> kerasModel = (Map<String, Object>) gold.get("model");
        Sequential model = ModelConfig.fromModelConfig(kerasModel, name);
        INDArray x = KerasFixtures.array(gold.get("x"));
        INDArray expected = KerasFixtures.array(gold.get("y"));

        assertClose(expected, model.predict(x, 32, 0), 1e-6);

        Map<String, Object> kerasLayer = ((List<Map<String, Object>>) ((Map<String, Object>) kerasModel.get("config"))
                .get("layers")).get(1);
        Layer layer = model.layers().get(0);
        assertEquals(kerasLayer.get("class_name"), layer.className());
        Map<String, Object> keras3 = (Map<String, Object>) ((Map<String, Object>) gold.get("keras3_layer"))
                .get("config");
        assertEquals(keras3, layer.keras3Config(), "Keras 3's get_config()");
        Map<String, Object> kerasConfig = new LinkedHashMap<>((Map<String, Object>) kerasLayer.get("config"));
        Map<String, Object> written = new LinkedHashMap<>(layer.config());
        for (String key : List.of("name", "trainable", "dtype", "data_format")) {
            kerasConfig.remove(key);
            written.remove(key);
        }
        if (kerasConfig.containsKey("rate") && kerasConfig.containsKey("seed") && !kerasConfig.containsKey("stddev")
                && written.containsKey("noise_shape")) {
            // Keras 3's to_json() of a spatial dropout is its get_config(); tf.keras 2.x's also wrote noise_shape.
            written.remove("noise_shape");
        }
        assertEquals(kerasConfig, written, "the layer's own keys");

        Backend.clearSession();
        assertClose(expected, Sequential.fromJson(model.toJson()).predict(x, 32, 0), 1e-6);
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("images.keras", List.of("ZeroPadding2D", "Conv2D", "Cropping2D", "UpSampling2D",
                        "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "Permute", "Conv2D", "Reshape",
                        "Dense")),
                Arguments.of("images.h5", List.of("ZeroPadding2D", "Conv2D", "Cropping2D", "UpSampling2D",
                        "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "Permute", "Conv2D", "Reshape",
                        "Dense")),
                Arguments.of("sequences.keras", List.of("ZeroPadding1D", "Dense", "Cropping1D", "UpSampling1D",
                        "SpatialDropout1D", "GaussianNoise", "Permute", "Reshape", "LSTM", "RepeatVector", "GRU")),
                Arguments.of("sequences.h5", List.of("ZeroPadding1D", "Dense", "Cropping1D", "UpSampling1D",
                        "SpatialDropout1D", "GaussianNoise", "Permute", "Reshape", "LSTM", "RepeatVector", "GRU")),
                Arguments.of("features.keras", List.of("Dense", "Reshape", "ZeroPadding2D", "Conv2D", "Flatten",
                        "Dense")));
    }

    /** Trained Keras models through the layers predict as Keras did, from Keras's files and from keras4j's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void kerasFilesPredictAsKeras(String file, List<String> classes, @TempDir Path folder) {
        String stem = file.substring(0, file.indexOf('.'));
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + stem + "_input.npy").toFile());
        INDArray expected = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + stem + "_predictions.npy").toFile());
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + file));
        assertEquals(classes, model.layers().stream().map(Layer::className).toList(), file);
        assertClose(expected, model.predict(input, 32, 0), 1e-5);

        for (String saved : List.of("model.keras4j", "model.keras", "model.h5")) {
            Path path = folder.resolve(saved);
            model.save(path);
            Backend.clearSession();
            assertClose(expected, Sequential.load(path).predict(input, 32, 0), 1e-5);
        }
    }

    /**
     * One SGD step of MSE through the shape layers (padding, cropping, upsampling, permute, reshape, repeat): Keras's
     * weights after it, so the gradients through them are Keras's.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"train_step_images", "train_step_sequences"})
    void trainsAStepAsKeras(String name) throws Exception {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + name + ".keras"));
        INDArray x = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + name + "_x.npy").toFile());
        INDArray y = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + name + "_y.npy").toFile());
        Map<String, INDArray> after = Nd4j.createFromNpzFile(KerasFixtures.file(FOLDER + name + "_weights.npz")
                .toFile());
        List<INDArray> before = model.getWeights();

        model.fit(x, y, Fit.epochs(1).batchSize((int) x.size(0)).shuffle(false).verbose(0));

        List<INDArray> weights = model.getWeights();
        assertTrue(before.get(0).sub(weights.get(0)).amaxNumber().doubleValue() > 1e-4, "the step moved the kernel");
        assertEquals(after.size(), weights.size());
        for (int i = 0; i < weights.size(); i++) {
            assertClose(after.get("w" + i), weights.get(i), 1e-6);
        }
    }

    /**
     * A Keras 1.2 model of every shape and noise layer in Keras 1's spellings (length, sigma, p, dim_ordering,
     * padding dictionaries), the kerasJson fuzzer's seed: read, built and written back as tf.keras 2.x's keys.
     */
    @Test
    void readsKeras1sSpellingsOfEveryLayer() throws IOException {
        Sequential model = Sequential.fromJson(Files.readString(Path.of("src/test/resources/io/github/keras4j/fuzz/"
                + "LoaderFuzzTestInputs/kerasJson/valid_shapes_keras1.json")));
        assertEquals(List.of("ZeroPadding2D", "Cropping2D", "UpSampling2D", "SpatialDropout2D", "GaussianNoise",
                "Permute", "Reshape", "ZeroPadding1D", "Cropping1D", "UpSampling1D", "SpatialDropout1D",
                "GaussianDropout", "Flatten", "Dense", "RepeatVector", "Flatten"),
                model.layers().stream().map(Layer::className).toList());
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 6, 6, 1);
        assertEquals(List.of(2L, 6L), List.of(model.predict(x, 32, 0).shape()[0], model.predict(x, 32, 0).shape()[1]));
        String json = model.toJson();
        assertTrue(json.contains("\"size\":2") && json.contains("\"stddev\":0.1") && !json.contains("\"sigma\"")
                && !json.contains("\"length\""), json);
        Backend.clearSession();
        assertEquals(json, Sequential.fromJson(json).toJson());
    }

    @Test
    void summaryShowsKerasShapes() {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "sequences.keras"));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        // Keras's own summary of that model.
        assertTrue(table.contains("(None, 9, 3)"), table);
        assertTrue(table.contains("(None, 12, 4)"), table);
        assertTrue(table.contains("(None, 4, 12)"), table);
        assertTrue(table.contains("(None, 6, 8)"), table);
        assertTrue(table.contains("(None, 3, 5)"), table);
        assertTrue(table.contains("(None, 3, 2)"), table);
    }
}
