package io.github.keras4j.keras;

import static io.github.keras4j.keras.KerasFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Bidirectional;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.optimizers.SGD;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's own recurrent layers against keras4j's: Keras 3.15 (TensorFlow 2.21) models, files, outputs and training
 * steps written by {@code keras4j__keras3-gold/recurrent/make_recurrent_gold.py}, and Keras 1.2.2 and 2.0 files with
 * Keras's outputs from deeplearning4j/dl4j-test-resources (commit ec81bfb5, modelimport/keras/): examples/simple_lstm,
 * examples/simple_rnn, fullconfigs/lstm (a two-layer LSTM over 4 steps with Keras 2's hard_sigmoid), weights/ (Keras 1
 * and 2 model files with LSTM, Bidirectional, Embedding and SimpleRNN), examples/masking.
 */
class KerasRecurrentFilesTest {

    private static final String FOLDER = "keras4j__keras3-gold/recurrent/";
    private static final String DL4J = "deeplearning4j__dl4j-test-resources/";

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
        return gold("recurrent_cases.json", "cases").stream().map(entry -> Arguments.of(entry.get("name"), entry));
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

    /** Keras's outputs, where a mask is given only at the timesteps that count. */
    private static void assertKerasOutputs(Map<String, Object> gold, INDArray actual, double tolerance) {
        INDArray expected = KerasFixtures.array(gold.get("y"));
        if (gold.containsKey("mask")) {
            INDArray mask = KerasFixtures.array(gold.get("mask"));
            INDArray counted = mask.reshape(mask.size(0), mask.size(1), 1);
            expected = expected.mul(counted.broadcast(expected.shape()));
            actual = actual.castTo(DataType.FLOAT).mul(counted.broadcast(expected.shape()));
        }
        assertClose(expected, actual, tolerance);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predictsAsKeras(String name, Map<String, Object> gold) {
        Sequential model = withWeights(gold, name);
        INDArray x = KerasFixtures.array(gold.get("x"));
        assertKerasOutputs(gold, model.predict(x, 32, 0), 1e-5);

        // What keras4j writes reads back to the same model.
        List<INDArray> weights = model.getWeights();
        Backend.clearSession();
        Sequential again = Sequential.fromJson(model.toJson());
        again.setWeights(weights);
        assertEquals(model.toJson(), again.toJson());
        assertKerasOutputs(gold, again.predict(x, 2, 0), 1e-5);
    }

    @Test
    void kerasFilesOfATextModelPredictAsKeras() {
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "text_input.npy").toFile());
        INDArray expected = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "text_predictions.npy").toFile());
        for (String file : List.of("text_model.keras", "text_model.h5")) {
            Backend.clearSession();
            Sequential model = Sequential.load(KerasFixtures.file(FOLDER + file));
            assertEquals(List.of("Embedding", "Bidirectional", "GRU", "Dense"),
                    model.layers().stream().map(layer -> layer.className()).toList(), file);
            assertTrue(model.isCompiled(), file);
            assertClose(expected, model.predict(input, 32, 0), 1e-5);

            // Keras 3's .weights.h5 keeps a recurrent layer's weights in its cell, a wrapper's in its inner layers.
            Backend.clearSession();
            Sequential rebuilt = Sequential.fromJson(model.toJson());
            rebuilt.loadWeights(KerasFixtures.file(FOLDER + "text_model.weights.h5"));
            assertClose(expected, rebuilt.predict(input, 32, 0), 1e-5);
        }
        Bidirectional bidirectional = (Bidirectional) Sequential.load(KerasFixtures.file(FOLDER + "text_model.keras"))
                .layers().get(1);
        assertTrue(bidirectional.forwardLayer().name().startsWith("forward_lstm"), bidirectional.forwardLayer().name());
        assertTrue(bidirectional.backwardLayer().goBackwards());
    }

    @Test
    void aTaggerWithTimeDistributedDensePredictsAsKerasWhereTheMaskCounts() {
        Sequential model = Sequential.load(KerasFixtures.file(FOLDER + "tagger.keras"));
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "tagger_input.npy").toFile());
        INDArray expected = Nd4j.createFromNpyFile(KerasFixtures.file(FOLDER + "tagger_predictions.npy").toFile());
        INDArray mask = model.layers().get(0).computeMask(input);
        INDArray counted = mask.reshape(mask.size(0), mask.size(1), 1).broadcast(expected.shape());
        assertClose(expected.mul(counted), model.predict(input, 32, 0).mul(counted), 1e-5);
    }

    static Stream<Arguments> steps() throws IOException {
        return gold("train_steps.json", "steps").stream().map(entry -> Arguments.of(entry.get("name"), entry));
    }

    /**
     * One SGD step on one batch of masked sequences: Keras's loss before it (padded timesteps out of the loss, the mean
     * over the rest) and Keras's weights after it (the gradients through time, through the masks).
     */
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
        assertTrue(before.get(1).sub(after.get(1)).amaxNumber().doubleValue() > 1e-4, "the step moved the weights");
        for (int i = 0; i < after.size(); i++) {
            assertClose(KerasFixtures.array(expected.get(i)), after.get(i), 1e-5);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keras 1 and 2 files (deeplearning4j/dl4j-test-resources)

    /**
     * Keras 1.2.2's LSTM (twelve per-gate weight arrays, i c f o) with Keras 1's hard_sigmoid, and Keras 2.0's
     * SimpleRNN. (simple_lstm_tf_keras_2's gold file holds the labels, not Keras's predictions.)
     */
    @ParameterizedTest
    @MethodSource("simpleLstmFiles")
    void keras1And2LstmAndSimpleRnnFilesPredictAsKeras(String prefix) {
        Sequential model = Sequential.fromJson(KerasFixtures.file(DL4J + prefix + "_config.json"));
        model.loadWeights(KerasFixtures.file(DL4J + prefix + "_weights.h5"));
        try (KerasH5File h5 = KerasH5File.open(KerasFixtures.file(DL4J + prefix + "_inputs_and_outputs.h5"),
                "a Keras gold file")) {
            INDArray inputs = h5.dataset("inputs/" + h5.members("inputs").get(0));
            INDArray expected = h5.dataset("predictions/" + h5.members("predictions").get(0));
            // Outputs up to about 40: float32's rounding, 1e-5 relative.
            assertClose(expected, model.predict(inputs, 32, 0),
                    1e-5 * Math.max(1, expected.amaxNumber().doubleValue()));
        }
    }

    static Stream<String> simpleLstmFiles() {
        return Stream.of("examples/simple_lstm/simple_lstm_tf_keras_1", "examples/simple_rnn/simple_rnn_tf_keras_2");
    }

    @Test
    void keras1sHardSigmoidIsKeras1s() {
        Sequential model = Sequential.fromJson(KerasFixtures.file(DL4J
                + "examples/simple_lstm/simple_lstm_tf_keras_1_config.json"));
        LSTM lstm = (LSTM) model.layers().get(0);
        assertEquals(io.github.keras4j.activations.Activations.HARD_SIGMOID, lstm.recurrentActivation());
        assertEquals(0.2, lstm.dropout());
    }

    /** A Keras 2.0.8 (Theano) model of two LSTMs over 4 timesteps and its predictions for 283 sequences. */
    @Test
    void keras2sTwoLayerLstmPredictsAsKeras() {
        String folder = DL4J + "fullconfigs/lstm/";
        Sequential model = Sequential.fromJson(KerasFixtures.file(folder + "lstm_th_keras_2_config.json"));
        model.loadWeights(KerasFixtures.file(folder + "lstm_th_keras_2_weights.h5"));
        INDArray input = Nd4j.createFromNpyFile(KerasFixtures.file(folder + "inputs.npy").toFile());
        INDArray expected = Nd4j.createFromNpyFile(KerasFixtures.file(folder + "predictions.npy").toFile());
        assertClose(expected.reshape(expected.length(), 1), model.predict(input, 64, 0), 1e-5);
    }

    /** Keras 1.2.2 and 2 model files saved by dl4j-test-resources's scripts: they load, and the Keras 1 ones fuse. */
    @ParameterizedTest
    @MethodSource("modelFiles")
    void keras1And2ModelFilesLoad(String file, String layers) {
        Sequential model = Sequential.load(KerasFixtures.file(DL4J + "weights/" + file), false);
        assertEquals(layers, String.join(" ", model.layers().stream().map(layer -> layer.className()).toList()));
        long[] shape = model.inputShape();
        long steps = shape[0] == -1 ? 3 : shape[0];
        INDArray input = shape.length == 1 ? Nd4j.zeros(DataType.FLOAT, 2, steps).addi(1)
                : Nd4j.rand(DataType.FLOAT, 2, steps, shape[1]);
        INDArray output = model.predict(input, 32, 0);
        assertEquals(2, output.size(0));
        assertTrue(output.isMatrix() || output.rank() == 3);
    }

    static Stream<Arguments> modelFiles() {
        return Stream.of(Arguments.of("lstm_tensorflow_1.h5", "LSTM"), Arguments.of("lstm_tensorflow_2.h5", "LSTM"),
                Arguments.of("bidirectional_lstm_tensorflow_1.h5", "Bidirectional"),
                Arguments.of("bidirectional_lstm_tensorflow_2.h5", "Bidirectional"),
                Arguments.of("embedding_lstm_tensorflow_1.h5", "Embedding LSTM"),
                Arguments.of("embedding_lstm_tensorflow_2.h5", "Embedding LSTM"),
                Arguments.of("simple_rnn_tensorflow_1.h5", "SimpleRNN"),
                Arguments.of("simple_rnn_tensorflow_2.h5", "SimpleRNN"));
    }

    /** Keras 1's per-gate arrays fused in Keras 2's gate order give the outputs of the gates computed apart. */
    @Test
    void keras1PerGateWeightsFuseInKeras2sOrder() {
        Sequential keras1 = Sequential.load(KerasFixtures.file(DL4J + "weights/bidirectional_lstm_tensorflow_1.h5"),
                false);
        Bidirectional layer = (Bidirectional) keras1.layers().get(0);
        assertEquals(10, ((LSTM) layer.forwardLayer()).units());
        try (KerasH5File h5 = KerasH5File.open(KerasFixtures.file(DL4J + "weights/bidirectional_lstm_tensorflow_1.h5"),
                "a Keras 1 model")) {
            String group = "model_weights/bidirectional_1/";
            INDArray kernel = keras1.getWeights(0).get(0);
            // Keras 2's kernel is [W_i, W_f, W_c, W_o]; Keras 1's file holds W_i, W_c, W_f, W_o apart.
            assertClose(h5.dataset(group + "forward_lstm_1_W_f:0"), kernel.get(NDArrayIndex.all(),
                    NDArrayIndex.interval(10, 20)), 0);
            assertClose(h5.dataset(group + "backward_lstm_1_b_c:0"), keras1.getWeights(0).get(5).get(
                    NDArrayIndex.interval(20, 30)), 0);
        }
    }

    /** Keras 2.2's Masking before an LSTM (examples/masking): padding after a sequence changes nothing. */
    @Test
    void keras2sMaskingModelLoadsAndMasks() {
        Sequential model = Sequential.load(KerasFixtures.file(DL4J + "examples/masking/masking_zero_lstm.h5"), false);
        assertEquals(List.of("Masking", "LSTM"), model.layers().stream().map(layer -> layer.className()).toList());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 10, 42);
        INDArray padded = x.dup();
        padded.get(NDArrayIndex.all(), NDArrayIndex.interval(7, 10), NDArrayIndex.all()).assign(0);
        INDArray shorter = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 7), NDArrayIndex.all()).dup();
        // The same layers on sequences of any length, to feed the 7 real steps alone.
        Sequential anyLength = new Sequential(new Masking().inputShape(Shape.NONE, 42),
                ((LSTM) model.layers().get(1)).name("lstm_any_length"));
        anyLength.setWeights(model.getWeights());
        assertClose(anyLength.predict(shorter, 32, 0), model.predict(padded, 32, 0), 1e-6);
        assertTrue(anyLength.predict(x, 32, 0).sub(model.predict(padded, 32, 0)).amaxNumber().doubleValue() > 1e-4,
                "the padded steps, unmasked, would change the output");
    }
}
