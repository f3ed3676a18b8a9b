package io.github.keras4j.keras;

import static io.github.keras4j.keras.KerasFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.optimizers.Nadam;
import io.github.keras4j.optimizers.RMSprop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real Keras 1, 2 and 3 files (src/test/resources/keras, see shared/keras-models/README.md) loaded with
 * {@code Sequential.load} or {@code fromJson} + {@code loadWeights}: predictions against the ones Keras saved, the
 * layers and compile settings they describe, and training after loading.
 */
class KerasModelFilesTest {

    private static final String DL4J = "deeplearning4j__dl4j-test-resources/";
    private static final String KONDUIT = "KonduitAI__dl4j-test-resources/";
    private static final String FASTML = "fastmachinelearning__example-models/keras/";
    private static final INDArray XOR = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final INDArray XOR_Y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});

    @BeforeEach
    void session() {
        Backend.clearSession();
    }

    /** The layers as "Dense(512, relu)", "Dropout(0.2)", "Activation(softmax)", for compact assertions. */
    static List<String> layers(Sequential model) {
        List<String> described = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Dense dense) {
                described.add("Dense(" + dense.units() + ", " + dense.activation().kerasName() + ")");
            } else if (layer instanceof Dropout dropout) {
                described.add("Dropout(" + dropout.rate() + ")");
            } else if (layer instanceof Activation activation) {
                described.add("Activation(" + activation.activation().kerasName() + ")");
            } else {
                described.add(layer.className());
            }
        }
        return described;
    }

    // ---------------------------------------------------------------------------------------------------------
    // gold predictions

    @ParameterizedTest
    @ValueSource(strings = {"mnist_mlp_tf_keras_1", "mnist_mlp_tf_keras_2"})
    void mnistMlpConfigAndWeightsMatchKeras(String name) {
        String folder = DL4J + "examples/mnist_mlp/";
        Sequential model = Sequential.fromJson(KerasFixtures.file(folder + name + "_config.json"));
        model.loadWeights(KerasFixtures.large(folder + name + "_weights.h5"));
        KerasFixtures.Gold gold = KerasFixtures.gold(KerasFixtures.large(folder + name + "_inputs_and_outputs.h5"));
        assertClose(gold.predictions(), model.predict(gold.inputs(), 32, 0), 1e-5);
    }

    @Test
    void sparseCrossEntropyModelMatchesKerasFromTheModelFileAndFromConfigPlusWeights() {
        String folder = KONDUIT + "examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_";
        KerasFixtures.Gold gold = KerasFixtures.gold(folder + "inputs_and_outputs.h5");
        // Standalone Keras 2.3's RMSprop (epsilon outside the square root) with decay 1e-6.
        Path file = KerasFixtures.file(folder + "model.h5");
        Sequential model = Sequential.load(file);
        assertTrue(model.isCompiled());
        assertEquals("RMSprop", model.optimizer().className());
        assertEquals("sparse_categorical_crossentropy", model.loss().kerasName());
        assertClose(gold.predictions(), model.predict(gold.inputs(), 32, 0), 1e-5);
        Sequential uncompiled = Sequential.load(file, false);
        assertFalse(uncompiled.isCompiled());
        assertClose(gold.predictions(), uncompiled.predict(gold.inputs(), 32, 0), 1e-5);

        Sequential fromConfig = Sequential.fromJson(KerasFixtures.file(folder + "config.json"));
        fromConfig.loadWeights(KerasFixtures.file(folder + "weights.h5"));
        assertClose(gold.predictions(), fromConfig.predict(gold.inputs(), 32, 0), 1e-5);

        // Trains on its gold inputs, with Keras's own predicted classes as labels.
        INDArray labels = gold.predictions().argMax(1).reshape(-1, 1).castTo(DataType.FLOAT);
        History history = model.fit(gold.inputs(), labels, Fit.epochs(2).verbose(0));
        List<Double> losses = history.get("loss");
        assertTrue(Double.isFinite(losses.get(1)) && losses.get(1) < losses.get(0), losses.toString());
    }

    /** Keras 1.2.2 and 2.1.3 files whose kernel is arange(24) as 4 x 6 and bias arange(6): the output is x.W + b. */
    @ParameterizedTest
    @ValueSource(strings = {"dense_tensorflow_1.h5", "dense_tensorflow_2.h5"})
    void arangeWeightsGiveExactlyXTimesWPlusB(String file) {
        Sequential model = Sequential.load(KerasFixtures.file(DL4J + "weights/" + file));
        assertEquals(List.of("Dense(6, linear)"), layers(model));
        INDArray kernel = Nd4j.arange(24).reshape(4, 6).castTo(DataType.FLOAT);
        INDArray bias = Nd4j.arange(6).castTo(DataType.FLOAT);
        assertEquals(kernel, model.getWeights(0).get(0));
        assertEquals(bias, model.getWeights(0).get(1));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 0, 0, 0}, {0, 0, 0, 1}, {1, 2, 3, 4}, {-1, 0.5f, 0, 2}});
        assertEquals(x.mmul(kernel).addRowVector(bias), model.predict(x));
        assertEquals("mse", model.loss().kerasName().equals("mean_squared_error") ? "mse" : model.loss().kerasName());
        assertEquals("Adam", model.optimizer().className());
    }

    // ---------------------------------------------------------------------------------------------------------
    // loads: layers and compile settings

    @ParameterizedTest
    @CsvSource({
        "adadelta, Adadelta, 1.0",
        "adagrad, Adagrad, 0.009999999776482582",
        "adam, Adam, 0.0010000000474974513",
        "adamax, Adamax, 0.0020000000949949026",
        "sgd, SGD, 0.009999999776482582"})
    void optimizerFilesCompileWithTheirOptimizerAndHyperparameters(String file, String className, double rate) {
        Path path = KerasFixtures.file(DL4J + "optimizers/" + file + ".h5");
        Sequential model = Sequential.load(path);
        assertTrue(model.isCompiled());
        assertEquals(className, model.optimizer().className());
        assertEquals(rate, model.optimizer().learningRate(), 1e-12);
        assertEquals("categorical_crossentropy", model.loss().kerasName());
        assertEquals(List.of("loss", "accuracy"), model.metricsNames());
        Map<String, Object> saved = savedOptimizerConfig(path);
        Map<String, Object> config = model.optimizer().config();
        for (String key : List.of("epsilon", "rho", "beta_1", "beta_2", "momentum", "nesterov")) {
            if (saved.containsKey(key)) {
                Object expected = saved.get(key);
                Object actual = config.get(key);
                if (expected instanceof Number number) {
                    assertEquals(number.doubleValue(), ((Number) actual).doubleValue(), 1e-12, key);
                } else {
                    assertEquals(expected, actual, key);
                }
            }
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, inputs(model));
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, model.outputUnits());
        y.putScalar(0, 0, 1);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % model.outputUnits(), 1);
        }
        History history = model.fit(x, y, Fit.epochs(2).verbose(0));
        assertTrue(history.get("loss").stream().allMatch(Double::isFinite), history.get("loss").toString());
    }

    /** Standalone Keras 2.0's RMSprop and Nadam load with the update rules that Keras version computed. */
    @ParameterizedTest
    @CsvSource({"rmsprop, RMSprop, true, 1.0", "nadam, Nadam, false, 0.004"})
    void standaloneKerasOptimizersLoadWithTheirOwnRules(String file, String className, boolean epsilonOutside,
            double scheduleDecay) {
        Path path = KerasFixtures.file(DL4J + "optimizers/" + file + ".h5");
        Sequential model = Sequential.load(path);
        assertEquals(className, model.optimizer().className());
        if (model.optimizer() instanceof RMSprop rmsprop) {
            assertEquals(epsilonOutside, rmsprop.epsilonOutsideSqrt());
        } else {
            assertEquals(scheduleDecay, ((Nadam) model.optimizer()).scheduleDecay(), 1e-9);
        }
        assertEquals(List.of("Dense(64, relu)", "Dense(10, softmax)"), layers(model));
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, inputs(model));
        INDArray y = Nd4j.eye(10).castTo(DataType.FLOAT).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8));
        History history = model.fit(x, y, Fit.epochs(2).verbose(0));
        assertTrue(history.get("loss").stream().allMatch(Double::isFinite), history.get("loss").toString());
    }

    private static long inputs(Sequential model) {
        return model.inputUnits();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> savedOptimizerConfig(Path path) {
        try (KerasH5File h5 = KerasH5File.open(path, "a Keras model")) {
            Map<String, Object> training = KerasJson.read(h5.stringAttribute("", "training_config"), path.toString());
            return (Map<String, Object>) ((Map<String, Object>) training.get("optimizer_config")).get("config");
        }
    }

    @Test
    void elephasSequentialLoadsCompiledAndTrains() {
        Sequential model = Sequential.load(KerasFixtures.file(DL4J + "elephas/elephas_sequential.h5"));
        assertEquals("categorical_crossentropy", model.loss().kerasName());
        assertEquals("SGD", model.optimizer().className());
        assertEquals(8, model.layers().size());
        assertEquals("Dense", model.layers().get(0).className());
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, model.inputUnits());
        INDArray y = Nd4j.eye(model.outputUnits()).castTo(DataType.FLOAT).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(16, model.outputUnits())));
        INDArray xs = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, y.rows()));
        History history = model.fit(xs, y, Fit.epochs(2).verbose(0));
        assertTrue(history.get("loss").stream().allMatch(Double::isFinite));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp_1.h5", "mlp_119.h5", "act_2.h5", "act_8.h5", "act_14.h5"})
    void tfKerasFilesLoad(String file) {
        Sequential model = Sequential.load(KerasFixtures.file(KONDUIT + "tfkeras/" + file));
        assertFalse(model.layers().isEmpty());
        assertTrue(model.layers().get(0) instanceof Dense, layers(model).toString());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, model.inputUnits());
        assertEquals(3, model.predict(x).rows());
    }

    @ParameterizedTest
    @CsvSource({
        "KERAS_1layer.json, KERAS_1layer_weights.h5, 'Dense(32, relu), Dense(1, sigmoid)'",
        "KERAS_3layer.json, KERAS_3layer_weights.h5, 'Dense(64, relu), Dense(32, relu), Dense(32, relu), Dense(5, softmax)'",
        "KERAS_3layer_batch_norm.json, KERAS_3layer_batch_norm_weights.h5, 'Dense(64, linear), BatchNormalization, "
                + "Activation(relu), Dense(32, linear), BatchNormalization, Activation(relu), Dense(32, linear), "
                + "BatchNormalization, Activation(relu), Dense(5, linear), BatchNormalization, Activation(softmax)'"})
    void fastMachineLearningConfigsTakeTheirWeights(String config, String weights, String expectedLayers) {
        Sequential model = Sequential.fromJson(KerasFixtures.file(FASTML + config));
        assertEquals(expectedLayers, String.join(", ", layers(model)));
        Path file = KerasFixtures.file(FASTML + weights);
        model.loadWeights(file);
        try (KerasH5File h5 = KerasH5File.open(file, "weights")) {
            assertClose(h5.dataset("fc1_relu/fc1_relu/kernel:0"), model.getWeights(0).get(0), 0);
        }
    }

    /** tfscope: a Keras 1.2.2 model file, and a config with a save_weights file named .weight (another snapshot). */
    @Test
    void tfScopeModelFileAndConfigPlusWeightsFileLoad() {
        String folder = DL4J + "tfscope/";
        Path modelFile = KerasFixtures.file(folder + "model.h5");
        Sequential whole = Sequential.load(modelFile);
        assertEquals(List.of("Dense(256, tanh)", "Dense(2, linear)"), layers(whole));
        assertFalse(whole.isCompiled(), "model.h5 has no training_config");
        try (KerasH5File h5 = KerasH5File.open(modelFile, "model")) {
            assertClose(h5.dataset("model_weights/dense_2/global/policy_net/dense_2_W:0"), whole.getWeights(1).get(0),
                    0);
        }
        Path weightsFile = KerasFixtures.file(folder + "model.weight");
        Sequential pair = Sequential.fromJson(KerasFixtures.file(folder + "model.json"));
        pair.loadWeights(weightsFile);
        assertEquals(layers(whole), layers(pair));
        try (KerasH5File h5 = KerasH5File.open(weightsFile, "weights")) {
            assertClose(h5.dataset("dense_1/global/shared/dense_1_W:0"), pair.getWeights(0).get(0), 0);
            assertClose(h5.dataset("dense_2/global/policy_net/dense_2_b:0"), pair.getWeights(1).get(1), 0);
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 70);
        INDArray hidden = org.nd4j.linalg.ops.transforms.Transforms.tanh(
                x.mmul(pair.getWeights(0).get(0)).addRowVector(pair.getWeights(0).get(1)));
        assertClose(hidden.mmul(pair.getWeights(1).get(0)).addRowVector(pair.getWeights(1).get(1)), pair.predict(x),
                1e-4);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keras 3

    @ParameterizedTest
    @ValueSource(strings = {"edycoleee__ml2025/xor_model.h5", "mehmetsefabalik__neuralnet/xor_model.keras"})
    void keras3XorModelsLoadPredictAndTrain(String file) {
        Sequential model = Sequential.load(KerasFixtures.file(file));
        assertTrue(model.isCompiled());
        assertEquals("binary_crossentropy", model.loss().kerasName());
        assertEquals("Adam", model.optimizer().className());
        assertEquals(0.001, model.optimizer().learningRate(), 1e-9);
        assertEquals(2, model.layers().size());
        INDArray before = model.predict(XOR, 32, 0);
        assertEquals(4, before.rows());
        History history = model.fit(XOR, XOR_Y, Fit.epochs(5).verbose(0));
        List<Double> losses = history.get("loss");
        assertTrue(losses.stream().allMatch(Double::isFinite), losses.toString());
        assertTrue(losses.get(4) < losses.get(0), losses.toString());
    }

    @Test
    void keras3ArchivePredictsWhatItsWeightsSay() {
        Sequential model = Sequential.load(KerasFixtures.file("mehmetsefabalik__neuralnet/xor_model.keras"));
        assertEquals(List.of("Dense(4, tanh)", "Dense(1, sigmoid)"), layers(model));
        INDArray predicted = model.predict(XOR, 32, 0);
        INDArray hidden = org.nd4j.linalg.ops.transforms.Transforms.tanh(XOR.mmul(model.getWeights(0).get(0)).addRowVector(model.getWeights(0).get(1)));
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(hidden.mmul(model.getWeights(1).get(0))
                .addRowVector(model.getWeights(1).get(1)));
        assertClose(expected, predicted, 1e-6);
        assertTrue(predicted.getDouble(0, 0) < 0.5 && predicted.getDouble(1, 0) > 0.5, predicted.toString());
    }

    /** Keras 2's Embedding over 3 tokens, flattened into a Dense: custom_loss.h5 (compiled with logcosh). */
    @Test
    void anEmbeddingModelLoadsCompiledAndLooksUpItsTokens() {
        Sequential model = Sequential.load(KerasFixtures.file(KONDUIT + "examples/custom_loss.h5"));
        assertEquals(List.of("Embedding", "Flatten", "Dense"),
                model.layers().stream().map(layer -> layer.className()).toList());
        assertTrue(model.isCompiled());
        INDArray embeddings = model.getWeights(0).get(0);
        INDArray kernel = model.getWeights(2).get(0);
        int[] tokens = {6, 0, 3};
        double expected = model.getWeights(2).get(1).getDouble(0);
        for (int t = 0; t < tokens.length; t++) {
            for (int d = 0; d < 4; d++) {
                expected += embeddings.getDouble(tokens[t], d) * kernel.getDouble(t * 4 + d, 0);
            }
        }
        assertEquals(Math.max(0, expected), model.predict(new int[][] {tokens}).getDouble(0, 0), 1e-6);
    }

    // ---------------------------------------------------------------------------------------------------------
    // layers keras4j does not have: ModelConfig's one-line error, with the file named

    @ParameterizedTest
    @CsvSource({
        DL4J + "examples/lambda/sequential_lambda.h5, Lambda",
        KONDUIT + "tfkeras/tfop_0.h5, TensorFlowOpLayer",
        KONDUIT + "tfkeras/misc_3.h5, AlphaDropout"})
    void unsupportedLayersGiveOneClearError(String file, String layerType) {
        Path path = KerasFixtures.file(file);
        RuntimeException error = assertThrows(RuntimeException.class, () -> Sequential.load(path));
        assertTrue(error instanceof UnsupportedOperationException || error instanceof IllegalArgumentException,
                error.toString());
        assertTrue(error.getMessage().startsWith(path.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("'" + layerType + "'"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }
}
