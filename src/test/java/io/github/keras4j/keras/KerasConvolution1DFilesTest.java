package io.github.keras4j.keras;

import static io.github.keras4j.keras.KerasFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Conv1D;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.MaxPooling1D;
import io.github.keras4j.optimizers.SGD;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Keras's own 1-D convolution, 1-D and global pooling and LayerNormalization against keras4j's: Keras 3.15
 * (TensorFlow 2.21) models, files, outputs and training steps written by
 * {@code keras4j__keras3-gold/conv1d/make_conv1d_gold.py}, and Keras 1.2.2, 2.0.4 and 2.1.2 configs with Conv1D,
 * MaxPooling1D and GlobalMaxPooling1D from deeplearning4j/dl4j-test-resources (commit ec81bfb5,
 * modelimport/keras/configs/; configs only, their repository has no outputs for them).
 */
class KerasConvolution1DFilesTest {

    private static final String FOLDER = "keras4j__keras3-gold/conv1d/";
    private static final String DL4J = "deeplearning4j__dl4j-test-resources/configs/";

    private static final List<String> TYPES = List.of("Conv1D", "MaxPooling1D", "AveragePooling1D",
            "GlobalAveragePooling1D", "GlobalMaxPooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
            "LayerNormalization");

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> gold(String file, String key) throws IOException {
        Map<String, Object> gold = KerasJson.read(Files.readString(KerasFixtures.file(FOLDER + file)), file);
        return (List<Map<String, Object>>) gold.get(key);
    }

    static Stream<Arguments> cases() throws IOException {
        return gold("conv1d_cases.json", "cases").stream().map(entry -> Arguments.of(entry.get("name"), entry));
    }

    @SuppressWarnings("unchecked")
    private static Sequential withWeights(Map<String, Object> gold, String name) {
        Sequential model = ModelConfig.fromModelConfig((Map<String, Object>) gold.get("model"), name);
        List<INDArray> weights = new ArrayList<>();
        for (Object weight : (List<Object>) gold.get("weights")) {
            weights.add(KerasFixtures.array(weight));
        }
        model.setWeights(weights);
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void predictsAsKeras(String name, Map<String, Object> gold) {
        Sequential model = withWeights(gold, name);
        INDArray x = KerasFixtures.array(gold.get("x"));
        INDArray expected = KerasFixtures.array(gold.get("y"));
        assertClose(expected, model.predict(x, 32, 0), 1e-5);

        // keras4j's Keras 3 config of these layer types is Keras's, key by key.
        List<Map<String, Object>> kerasLayers = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String,
                Object>) gold.get("model")).get("config")).get("layers");
        List<Map<String, Object>> kerasModelLayers = kerasLayers.stream()
                .filter(layer -> !"InputLayer".equals(layer.get("class_name"))).toList();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            if (TYPES.contains(layer.className())) {
                assertEquals(kerasModelLayers.get(i).get("config"), layer.keras3Config(), layer.toString());
            }
        }

        // What keras4j writes reads back to the same model, its weights in Keras's layout both ways.
        List<INDArray> weights = model.getWeights();
        Backend.clearSession();
        Sequential again = Sequential.fromJson(model.toJson());
        again.setWeights(weights);
        assertEquals(model.toJson(), again.toJson());
        assertClose(expected, again.predict(x, 2, 0), 1e-5);
    }

    @Test
    void kerasFilesOfASequenceCnnPredictAsKeras() {
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "cnn1d_input.npy").toFile());
        INDArray expected = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "cnn1d_predictions.npy").toFile());
        for (String file : List.of("cnn1d.keras", "cnn1d.h5")) {
            Backend.clearSession();
            Sequential model = Sequential.load(KerasFixtures.file(FOLDER + file));
            assertEquals(List.of("Conv1D", "LayerNormalization", "MaxPooling1D", "Conv1D", "AveragePooling1D",
                    "GlobalAveragePooling1D", "Dense"), model.layers().stream().map(layer -> layer.className())
                    .toList(), file);
            assertTrue(model.isCompiled(), file);
            assertClose(expected, model.predict(input, 32, 0), 1e-5);

            // Keras 3's .weights.h5 numbers its groups per class, the layers without weights included.
            Backend.clearSession();
            Sequential rebuilt = Sequential.fromJson(model.toJson());
            rebuilt.loadWeights(KerasFixtures.file(FOLDER + "cnn1d.weights.h5"));
            assertClose(expected, rebuilt.predict(input, 32, 0), 1e-5);
        }
    }

    @Test
    void kerasFileOfAnImageModelWithGlobalPoolingPredictsAsKeras() {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "images.keras"));
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "images_input.npy").toFile());
        INDArray expected = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "images_predictions.npy").toFile());
        assertEquals(List.of("Conv2D", "LayerNormalization", "GlobalMaxPooling2D", "Dense"),
                model.layers().stream().map(layer -> layer.className()).toList());
        assertClose(expected, model.predict(input, 32, 0), 1e-5);
    }

    /**
     * keras4j writes the .keras file Keras wrote: its entries, every group, dataset and attribute of its weights (the
     * optimizer's variables too) and config.json key by key (as {@code KerasFileWriterTest} checks the other layers).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cnn1d", "images"})
    void writesTheKerasArchiveKerasWrote(String name, @TempDir Path directory) throws IOException {
        Path gold = KerasFixtures.file(FOLDER + name + ".keras");
        Path written = directory.resolve(name + ".keras");
        Sequential.load(gold).save(written);
        assertEquals(KerasFileWriterTest.entries(gold), KerasFileWriterTest.entries(written));
        Path goldWeights = extract(gold, directory.resolve("gold.weights.h5"));
        Path writtenWeights = extract(written, directory.resolve("written.weights.h5"));
        assertEquals(H5Layout.of(goldWeights, KerasFileWriterTest::withoutSessionNumber), H5Layout.of(writtenWeights));
        KerasFileWriterTest.assertSameValues(goldWeights, writtenWeights, H5Layout.of(goldWeights).keySet());
        Map<String, Object> kerasConfig = KerasJson.read(KerasFileWriterTest.text(gold, "config.json"), "gold");
        // Keras 3 wrote an empty compile_config for the model it only predicted with; keras4j writes none for a model
        // that is not compiled (KerasFileWriterTest.anUncompiledModelHasNoTrainingConfigAndNoOptimizer).
        if (Map.of().equals(kerasConfig.get("compile_config"))) {
            kerasConfig.remove("compile_config");
        }
        KerasFileWriterTest.assertSameConfig(kerasConfig,
                KerasJson.read(KerasFileWriterTest.text(written, "config.json"), "written"), "");
    }

    private static Path extract(Path archive, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile());
                InputStream in = zip.getInputStream(zip.getEntry(ModelFileFormat.KERAS3_WEIGHTS))) {
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void summaryShowsKerasShapesAndCounts() {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "cnn1d.keras"));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        // Keras's own summary of that model: (None, 12, 6) 60, (None, 12, 6) 12, (None, 6, 6) 0, (None, 3, 5) 95,
        // (None, 2, 5) 0, (None, 5) 0, (None, 3) 18.
        assertTrue(table.contains("(None, 12, 6)             60"), table);
        assertTrue(table.contains("(None, 12, 6)             12"), table);
        assertTrue(table.contains("(None, 6, 6)              0"), table);
        assertTrue(table.contains("(None, 3, 5)              95"), table);
        assertTrue(table.contains("(None, 2, 5)              0"), table);
        assertTrue(table.contains("(None, 5)                 0"), table);
        assertTrue(table.contains("Total params: 185"), table);
    }

    static Stream<Arguments> steps() throws IOException {
        return gold("train_steps.json", "steps").stream().map(entry -> Arguments.of(entry.get("name"), entry));
    }

    /** One SGD step on one batch: Keras's loss before it and Keras's weights after it (the gradients of each layer). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    @SuppressWarnings("unchecked")
    void trainsAStepAsKeras(String name, Map<String, Object> gold) {
        Sequential model = withWeights(gold, name);
        model.compile(new SGD(((Number) gold.get("learning_rate")).doubleValue()), (String) gold.get("loss"));
        INDArray x = KerasFixtures.array(gold.get("x"));
        INDArray y = KerasFixtures.array(gold.get("y"));
        double[] scores = model.evaluate(x, y, (int) x.size(0), 0);
        assertEquals(((Number) gold.get("keras_loss")).doubleValue(), scores[0], 1e-5, "Keras's loss");

        List<INDArray> before = model.getWeights();
        model.fit(x, y, Fit.epochs(1).batchSize((int) x.size(0)).shuffle(false).verbose(0));
        List<INDArray> after = model.getWeights();
        List<Object> expected = (List<Object>) gold.get("weights_after");
        assertEquals(expected.size(), after.size());
        assertTrue(before.get(0).sub(after.get(0)).amaxNumber().doubleValue() > 1e-4, "the step moved the weights");
        for (int i = 0; i < after.size(); i++) {
            assertClose(KerasFixtures.array(expected.get(i)), after.get(i), 1e-5);
        }
    }

    /** Keras 1.2.2's Convolution1D (nb_filter, filter_length, subsample_length, border_mode) and pool_length, stride. */
    @Test
    void readsKeras1sConvolution1DAndMaxPooling1D() {
        Sequential model = Sequential.fromJson(KerasFixtures.file(DL4J + "keras1/keras1_tf_embedding_conv1d_config.json"));
        Conv1D conv = (Conv1D) model.layers().get(1);
        assertEquals("convolution1d_1", conv.name());
        assertEquals(1, conv.filters());
        assertEquals(3, conv.kernelSize());
        assertEquals(1, conv.strides());
        assertEquals(Conv1D.Padding.VALID, conv.padding());
        MaxPooling1D pooling = (MaxPooling1D) model.layers().get(2);
        assertEquals(3, pooling.poolSize());
        assertEquals(3, pooling.strides());
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        // Keras 1.2.2's shapes: (None, 98, 1) 301, (None, 32, 1), (None, 30, 1) 4, (None, 10, 1), (None, 10) 0, (None, 1) 11.
        assertTrue(table.contains("(None, 98, 1)             301"), table);
        assertTrue(table.contains("(None, 32, 1)             0"), table);
        assertTrue(table.contains("(None, 30, 1)             4"), table);
        assertTrue(table.contains("(None, 10, 1)             0"), table);
        assertTrue(table.contains("Total params: 1,000,316"), table);
        Backend.clearSession();
        assertEquals(model.toJson(), Sequential.fromJson(model.toJson()).toJson());
    }

    /** Keras 2.0.4's Conv1D and MaxPooling1D (one-element lists), and Keras 2.1.2's functional chain to GlobalMaxPooling1D. */
    @Test
    void readsKeras2sConv1DPoolingAndGlobalPoolingConfigs() {
        Sequential model = Sequential.fromJson(KerasFixtures.file(DL4J + "keras2/keras2_conv1d_pooling1d_tf_config.json"));
        assertEquals(Shape.of(198, 1), model.layers().get(1).outputShape(Shape.of(200, 100)));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        assertTrue(table.contains("(None, 66, 1)             0"), table);
        assertTrue(table.contains("(None, 64, 1)             4"), table);
        assertTrue(table.contains("Total params: 1,100,327"), table);

        Backend.clearSession();
        Sequential functional = Sequential.fromJson(KerasFixtures.file(DL4J + "keras2/conv1d_dilation_tf_keras_2_config.json"));
        lines.clear();
        functional.summary(lines::add);
        table = String.join("\n", lines);
        assertTrue(table.contains("(None, 132, 3)            3003"), table);
        assertTrue(table.contains(" global_max_pooling1d_3 (Gl  (None, 3)                 0"), table);
        assertTrue(table.contains("Total params: 7,513,883"), table);
    }
}
