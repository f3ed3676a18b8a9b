package io.github.keras4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.regularizers.Regularizers;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Models as the JSON tf.keras 2.x's {@code model.to_json()} writes, and back. */
class ModelConfigTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static Sequential model() {
        Sequential model = new Sequential();
        model.add(new Dense(16, "relu").inputDim(2).kernelRegularizer(Regularizers.l2(0.01)));
        model.add(new Dropout(0.25));
        model.add(new Dense(8).biasInitializer("ones"));
        model.add(new Activation("tanh"));
        model.add(new BatchNormalization().momentum(0.9));
        model.add(new Dense(1, "sigmoid"));
        return model;
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesKeras2Layout() {
        Map<String, Object> tree = KerasJson.read(model().toJson(), "test");
        assertEquals("Sequential", tree.get("class_name"));
        Map<String, Object> config = (Map<String, Object>) tree.get("config");
        assertEquals("sequential", config.get("name"));
        List<Map<String, Object>> layers = (List<Map<String, Object>>) config.get("layers");
        assertEquals(List.of("InputLayer", "Dense", "Dropout", "Dense", "Activation", "BatchNormalization", "Dense"),
                layers.stream().map(l -> l.get("class_name")).toList());
        Map<String, Object> input = (Map<String, Object>) layers.get(0).get("config");
        assertEquals(Arrays.asList(null, 2), input.get("batch_input_shape"));
        assertEquals("dense_input", input.get("name"));
        Map<String, Object> dense = (Map<String, Object>) layers.get(1).get("config");
        assertEquals(List.of("name", "trainable", "batch_input_shape", "dtype", "units", "activation", "use_bias", "kernel_initializer",
                "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                "kernel_constraint", "bias_constraint"), List.copyOf(dense.keySet()));
        assertEquals(16, dense.get("units"));
        assertEquals("relu", dense.get("activation"));
        assertEquals("float32", dense.get("dtype"));
        assertEquals("GlorotUniform", ((Map<String, Object>) dense.get("kernel_initializer")).get("class_name"));
        Map<String, Object> regularizer = (Map<String, Object>) dense.get("kernel_regularizer");
        assertEquals("L2", regularizer.get("class_name"));
        assertEquals(0.01, ((Map<String, Object>) regularizer.get("config")).get("l2"));
        assertEquals(0.25, ((Map<String, Object>) layers.get(2).get("config")).get("rate"));
        assertEquals(0.9, ((Map<String, Object>) layers.get(5).get("config")).get("momentum"));
    }

    @Test
    void readsBackWhatItWrites() {
        Sequential original = model();
        String json = original.toJson();
        Backend.clearSession();
        Sequential copy = Sequential.fromJson(json);
        assertEquals(json, copy.toJson());
        assertEquals(original.layers().size(), copy.layers().size());
        assertEquals(0.01, ((Dense) copy.layers().get(0)).kernelRegularizer().l2());
    }

    @Test
    void refusesWhatItCannotHonour() {
        String conv = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 4]}},"
                + "{\"class_name\": \"Conv3D\", \"config\": {\"name\": \"c\"}}]}}";
        UnsupportedOperationException layer = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(conv));
        // The list is the registry's (LayersTest checks what it holds), so that adding a layer does not touch this.
        assertEquals("unsupported layer type 'Conv3D' at position 1; supported: "
                + String.join(", ", ModelConfig.SUPPORTED_LAYERS), layer.getMessage());
        assertTrue(ModelConfig.SUPPORTED_LAYERS.containsAll(List.of("Dense", "Conv2D", "Flatten", "Dropout",
                "Activation", "BatchNormalization", "ELU", "LeakyReLU", "ReLU", "Softmax", "ThresholdedReLU", "PReLU",
                "InputLayer")), ModelConfig.SUPPORTED_LAYERS.toString());

        String unknownKey = model().toJson().replace("\"rate\":0.25", "\"rate\":0.25,\"surprise\":1");
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> Sequential.fromJson(unknownKey));
        assertTrue(key.getMessage().contains("unknown keys [surprise]"), key.getMessage());

        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> Sequential.fromJson("{\"class_name\": "));
        assertTrue(broken.getMessage().startsWith("the JSON given is not valid JSON"), broken.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotLastWins() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KerasJson.read("{\"class_name\": \"Sequential\",\n \"class_name\": \"Model\"}", "config.json"));
        assertTrue(error.getMessage().startsWith("config.json is not valid JSON: Duplicate field 'class_name'"),
                error.getMessage());
    }

    /**
     * What {@code toJson} writes has the structure real Keras 2 files have: a tf.keras 2.x file (a functional chain
     * whose layers are a Sequential's) and a standalone Keras 2.3.1 one, read and written back, give every layer the
     * same class, the same config keys and the same values (initializers: the same class where tf.keras names it
     * as keras4j does; Keras 2.3.1 writes glorot_uniform as its VarianceScaling form).
     */
    @ParameterizedTest
    @CsvSource({"KonduitAI__dl4j-test-resources/tfkeras/mlp_1.h5.model_config.json, true",
        "KonduitAI__dl4j-test-resources/examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_config.json, false"})
    @SuppressWarnings("unchecked")
    void writesTheStructureOfRealKeras2Files(String fixture, boolean sameInitializerNames) throws IOException {
        Map<String, Object> original = KerasJson.read(Files.readString(KerasFixtures.file(fixture)), fixture);
        Map<String, Object> written = ModelConfig.modelConfig(ModelConfig.fromModelConfig(original, fixture));
        List<Map<String, Object>> originalLayers = layersBesidesInput(original);
        List<Map<String, Object>> writtenLayers = layersBesidesInput(written);
        assertEquals(originalLayers.size(), writtenLayers.size());
        for (int i = 0; i < originalLayers.size(); i++) {
            assertEquals(originalLayers.get(i).get("class_name"), writtenLayers.get(i).get("class_name"));
            Map<String, Object> expected = (Map<String, Object>) originalLayers.get(i).get("config");
            Map<String, Object> actual = (Map<String, Object>) writtenLayers.get(i).get("config");
            if (!"Sequential".equals(original.get("class_name"))) {
                actual.remove("batch_input_shape"); // a functional model's layers leave it to the InputLayer
            }
            assertEquals(expected.keySet(), actual.keySet(), "layer " + i);
            for (String key : expected.keySet()) {
                if (key.endsWith("_initializer")) {
                    if (sameInitializerNames) {
                        assertEquals(((Map<String, Object>) expected.get(key)).get("class_name"),
                                ((Map<String, Object>) actual.get(key)).get("class_name"), key);
                    }
                } else {
                    assertEquals(String.valueOf(expected.get(key)), String.valueOf(actual.get(key)), key);
                }
            }
        }
        Map<String, Object> input = (Map<String, Object>) ((List<Map<String, Object>>) ((Map<String, Object>) written
                .get("config")).get("layers")).get(0).get("config");
        assertEquals(List.of("batch_input_shape", "dtype", "sparse", "ragged", "name"), List.copyOf(input.keySet()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layersBesidesInput(Map<String, Object> tree) {
        List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<String, Object>) tree.get("config"))
                .get("layers");
        return layers.stream().filter(layer -> !"InputLayer".equals(layer.get("class_name"))).toList();
    }
}
