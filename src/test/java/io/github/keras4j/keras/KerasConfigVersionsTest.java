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
import io.github.keras4j.layers.ELU;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LeakyReLU;
import io.github.keras4j.layers.PReLU;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.layers.Softmax;
import io.github.keras4j.layers.ThresholdedReLU;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model config among the real Keras files (Keras 1.1 to 3.10, standalone Keras, tf.keras, Keras 3; JSON from
 * {@code to_json()}, {@code model_config} attributes of HDF5 files, a {@code .keras} file's {@code config.json})
 * either builds with the layers Keras describes, or fails with one clear line. Fixtures live under
 * {@code src/test/resources/keras/<owner__repo>/<path in that repository>}; a {@code .h5.model_config.json} or
 * {@code .h5.training_config.json} is the attribute of that name, copied out of the HDF5 file unchanged.
 */
class KerasConfigVersionsTest {

    private static final String VS = "VarianceScaling(1.0,fan_avg,uniform)";
    private static final String GU = "GlorotUniform";

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    static Stream<Arguments> modelConfigs() {
        String dl4j = "deeplearning4j__dl4j-test-resources/";
        String konduit = "KonduitAI__dl4j-test-resources/";
        String fml = "fastmachinelearning__example-models/keras/";
        String optimizerModel = "in 100 | Dense 64 relu " + VS + " | Dense 10 softmax " + VS;
        return Stream.of(
                // Keras 1.x: the layer list is the config; output_dim, init, p, W_regularizer...
                Arguments.of(dl4j + "configs/keras1/mlp_config.json", "in 4 | Dense 3 linear " + GU
                        + " | Activation relu | Dropout 0.2 | BatchNormalization 0.99 0.001 | Dense 2 tanh " + GU
                        + " | Dropout 0.2 | Dense 3 linear " + GU + " | Activation softmax"),
                Arguments.of(dl4j + "configs/keras1/mnist_mlp_constraint_tf_keras_1_config.json",
                        "error: layer 0 (Dense): \"W_constraint\" = {\"m\":2.0,\"name\":\"MaxNorm\",\"axis\":0} is not "
                                + "supported by keras4j"),
                Arguments.of(dl4j + "examples/mnist_mlp/mnist_mlp_tf_keras_1_config.json", "in 784 | Dense 512 linear "
                        + GU + " | Activation relu | Dropout 0.2 | Dense 512 linear " + GU + " | Activation relu"
                        + " | Dropout 0.2 | Dense 10 linear " + GU + " | Activation softmax"),
                Arguments.of(dl4j + "tfscope/model.json", "in 70 | Dense 256 tanh " + GU + " | Dense 2 linear " + GU),
                Arguments.of(dl4j + "weights/dense_tensorflow_1.h5.model_config.json", "in 4 | Dense 6 linear " + GU),
                // Keras 2.0-2.1: still a plain list, Keras 2 keys
                Arguments.of(dl4j + "configs/keras2/keras2_mlp_config.json", "in 4 | Dense 3 elu " + VS
                        + " | Activation relu | Dropout 0.2 | BatchNormalization 0.99 0.001 | Dense 2 selu " + VS
                        + " | Dropout 0.2 | Dense 3 linear " + VS + " | Activation softmax"),
                // Dense on sequences (2 timesteps of 10 features) maps each timestep, as Keras 2's Dense does.
                Arguments.of(dl4j + "configs/keras2/l1l2_regularizer_dense_tf_keras_2_config.json", "in 2x10 | Dense 64 "
                        + "linear " + VS + " l1l2(0.0,0.009999999776482582) | Activation softmax | Dropout 0.2 | Dense 64 "
                        + "linear " + VS + " | Flatten | Dense 1 linear " + VS + " | Activation relu"),
                Arguments.of(dl4j + "configs/keras2/mnist_mlp_constraint_tf_keras_2_config.json",
                        "error: layer 0 (Dense): \"kernel_constraint\" = {\"class_name\":\"MaxNorm\",\"config\":"
                                + "{\"max_value\":2.0,\"axis\":0}} is not supported by keras4j"),
                Arguments.of(dl4j + "configs/keras2/prelu_config_tf_keras_2.json", "in 100 | Dense 64 relu " + VS
                        + " | PReLU shared 0.0 | Dense 10 softmax " + VS),
                Arguments.of(dl4j + "examples/mnist_mlp/mnist_mlp_tf_keras_2_config.json", "in 784 | Dense 512 relu "
                        + VS + " | Dropout 0.2 | Dense 512 relu " + VS + " | Dropout 0.2 | Dense 10 softmax " + VS),
                Arguments.of(dl4j + "weights/dense_tensorflow_2.h5.model_config.json", "in 4 | Dense 6 linear " + VS),
                Arguments.of(dl4j + "optimizers/adam.h5.model_config.json", optimizerModel),
                Arguments.of(dl4j + "optimizers/sgd.h5.model_config.json", optimizerModel),
                // Keras 2.2-2.3: {"name", "layers"}
                Arguments.of(dl4j + "configs/keras2/model_2_2_4.json", "in 784 | Dense 512 relu " + VS
                        + " | Dropout 0.2 | Dense 512 relu " + VS + " | Dropout 0.2 | Dense 10 softmax " + VS),
                Arguments.of(dl4j + "elephas/elephas_sequential.h5.model_config.json", null),
                Arguments.of(konduit + "examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_config.json",
                        "in 4 | Dense 3 linear " + VS + " | Activation softmax"),
                Arguments.of(konduit + "examples/activations/ELU_0_config.json", "in 16 | Dense 32 linear " + VS
                        + " | ELU 0.699999988079071"),
                Arguments.of(konduit + "examples/activations/LeakyReLU_0_config.json", "in 16 | Dense 32 linear " + VS
                        + " | LeakyReLU 0.5"),
                Arguments.of(konduit + "examples/activations/ReLU_0_config.json", "in 16 | Dense 32 linear " + VS
                        + " | ReLU max none slope 0.0 threshold 0.0"),
                Arguments.of(konduit + "examples/activations/Softmax_0_config.json", "in 16 | Dense 32 linear " + VS
                        + " | Softmax"),
                Arguments.of(konduit + "examples/activations/ThresholdReLU_0_config.json", "in 16 | Dense 32 linear "
                        + VS + " | ThresholdedReLU 0.699999988079071"),
                Arguments.of(konduit + "examples/activations/ELU_0_model.h5.model_config.json", "in 16 | Dense 32 "
                        + "linear " + VS + " | ELU 0.699999988079071"),
                // functional models that are one chain (Keras 2.1, tf.keras 2.x)
                Arguments.of(fml + "KERAS_1layer.json", "in 10 | Dense 32 relu VarianceScaling(1.0,fan_in,uniform)"
                        + " l1l2(0.0,0.0) | Dense 1 sigmoid VarianceScaling(1.0,fan_in,uniform) l1l2(0.0,0.0)"),
                Arguments.of(fml + "KERAS_3layer.json", null),
                Arguments.of(fml + "KERAS_3layer_batch_norm.json", null),
                Arguments.of(konduit + "tfkeras/act_14.h5.model_config.json", "in 2 | Dense 4 softplus " + GU),
                Arguments.of(konduit + "tfkeras/mlp_1.h5.model_config.json", "in 3 | Dense 6 linear " + GU
                        + " | Activation sigmoid | Dropout 0.2"),
                Arguments.of(konduit + "tfkeras/mlp_119.h5.model_config.json", null),
                Arguments.of(konduit + "tfkeras/misc_3.h5.model_config.json", "error: unsupported layer type "
                        + "'AlphaDropout' at position 2; supported: " + String.join(", ", ModelConfig.SUPPORTED_LAYERS)),
                Arguments.of(konduit + "tfkeras/tfop_0.h5.model_config.json", "error: unsupported layer type "
                        + "'TensorFlowOpLayer' at position 1; supported: "
                        + String.join(", ", ModelConfig.SUPPORTED_LAYERS)),
                // layers keras4j cannot express
                Arguments.of(fml + "keras_bnn.json", "error: unsupported layer type 'BinaryDense' at position 0; "
                        + "supported: " + String.join(", ", ModelConfig.SUPPORTED_LAYERS)),
                Arguments.of(fml + "qkeras_3layer.json", "error: unsupported layer type 'QDense' at position 1; "
                        + "supported: " + String.join(", ", ModelConfig.SUPPORTED_LAYERS)),
                Arguments.of(dl4j + "examples/lambda/sequential_lambda.h5.model_config.json", "error: unsupported "
                        + "layer type 'Lambda' at position 1; supported: "
                        + String.join(", ", ModelConfig.SUPPORTED_LAYERS)),
                Arguments.of(dl4j + "fullconfigs/cnn/cnn_batch_norm.h5.model_config.json", "in 10x10x3 | Conv2D 1 "
                        + "3x3 stride 1x1 valid linear | BatchNormalization 0.99 0.001 | Activation relu | Conv2D 1 "
                        + "3x3 stride 1x1 valid linear | Flatten | Dense 1 linear VarianceScaling(1.0,fan_avg,uniform)"),
                // Embedding over 3 tokens, flattened (its custom loss is the training config's, not read here).
                Arguments.of(konduit + "examples/custom_loss.h5.model_config.json", "in 3 | Embedding | Flatten | Dense "
                        + "1 relu " + VS),
                // Keras 3: module, registered_name, DTypePolicy, batch_shape, build_config
                Arguments.of("mehmetsefabalik__neuralnet/xor_model.keras.config.json", "in 2 | Dense 4 tanh " + GU
                        + " | Dense 1 sigmoid " + GU),
                Arguments.of("edycoleee__ml2025/xor_model.h5.model_config.json", "in 2 | Dense 4 relu " + GU
                        + " | Dense 1 sigmoid " + GU));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelConfigs")
    void readsEveryModelConfig(String fixture, String expected) throws IOException {
        Map<String, Object> tree = KerasJson.read(resource(fixture), fixture);
        if (expected != null && expected.startsWith("error: ")) {
            RuntimeException error = assertThrows(RuntimeException.class,
                    () -> ModelConfig.fromModelConfig(tree, fixture));
            assertTrue(error instanceof UnsupportedOperationException || error instanceof IllegalArgumentException,
                    error.toString());
            assertTrue(error.getMessage().endsWith(expected.substring("error: ".length())), error.getMessage());
            assertEquals(1, error.getMessage().lines().count());
            return;
        }
        Sequential model = ModelConfig.fromModelConfig(tree, fixture);
        String described = describe(model);
        if (expected != null) {
            assertEquals(expected, described);
        } else {
            assertTrue(described.startsWith("in "), described);
        }
        // What keras4j writes reads back to the same model.
        Backend.clearSession();
        assertEquals(model.toJson(), Sequential.fromJson(model.toJson()).toJson());
    }

    static String describe(Sequential model) {
        List<String> parts = new ArrayList<>();
        parts.add("in " + java.util.Arrays.stream(model.inputShape()).mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining("x")));
        for (Layer layer : model.layers()) {
            parts.add(describe(layer));
        }
        return String.join(" | ", parts);
    }

    static String describe(Layer layer) {
        if (layer instanceof Dense dense) {
            String text = "Dense " + dense.units() + " " + dense.activation().kerasName() + " "
                    + initializer(dense.kernelInitializer().className(), dense.kernelInitializer().config());
            if (!dense.useBias()) {
                text += " nobias";
            }
            if (dense.kernelRegularizer() != null) {
                text += String.format(Locale.ROOT, " l1l2(%s,%s)", dense.kernelRegularizer().l1(),
                        dense.kernelRegularizer().l2());
            }
            return text;
        }
        if (layer instanceof io.github.keras4j.layers.Conv2D conv) {
            return "Conv2D " + conv.filters() + " " + conv.kernelSize()[0] + "x" + conv.kernelSize()[1] + " stride "
                    + conv.strides()[0] + "x" + conv.strides()[1] + " " + conv.padding().kerasName() + " "
                    + conv.activation().kerasName();
        }
        if (layer instanceof Activation activation) {
            return "Activation " + activation.activation().kerasName();
        }
        if (layer instanceof Dropout dropout) {
            return "Dropout " + dropout.rate();
        }
        if (layer instanceof BatchNormalization batchNorm) {
            return "BatchNormalization " + batchNorm.momentum() + " " + batchNorm.epsilon();
        }
        if (layer instanceof ELU elu) {
            return "ELU " + elu.alpha();
        }
        if (layer instanceof LeakyReLU leaky) {
            return "LeakyReLU " + leaky.negativeSlope();
        }
        if (layer instanceof ReLU relu) {
            return "ReLU max " + (relu.maxValue().isPresent() ? relu.maxValue().getAsDouble() : "none") + " slope "
                    + relu.negativeSlope() + " threshold " + relu.threshold();
        }
        if (layer instanceof Softmax) {
            return "Softmax";
        }
        if (layer instanceof ThresholdedReLU thresholded) {
            return "ThresholdedReLU " + thresholded.theta();
        }
        if (layer instanceof PReLU prelu) {
            return "PReLU " + (prelu.sharedAxes() == null ? "per-feature " : "shared ")
                    + prelu.alphaInitializer().constantValue().getAsDouble();
        }
        return layer.className();
    }

    private static String initializer(String className, Map<String, Object> config) {
        if (className.equals("VarianceScaling")) {
            return "VarianceScaling(" + config.get("scale") + "," + config.get("mode") + "," + config.get("distribution")
                    + ")";
        }
        return className;
    }

    static String resource(String fixture) throws IOException {
        try (InputStream in = KerasConfigVersionsTest.class.getResourceAsStream("/keras/" + fixture)) {
            if (in == null) {
                throw new IOException("missing test resource /keras/" + fixture);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
