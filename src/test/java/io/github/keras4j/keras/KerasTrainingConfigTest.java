package io.github.keras4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.losses.BinaryCrossentropy;
import io.github.keras4j.losses.CategoricalCrossentropy;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.losses.SparseCategoricalCrossentropy;
import io.github.keras4j.metrics.AUC;
import io.github.keras4j.metrics.BinaryAccuracy;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.metrics.Precision;
import io.github.keras4j.metrics.SparseCategoricalAccuracy;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.optimizers.Adadelta;
import io.github.keras4j.optimizers.Adagrad;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Adamax;
import io.github.keras4j.optimizers.Nadam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compile settings as each Keras stores them: the {@code training_config} attributes of real HDF5 files (Keras 1.x
 * to 3.x), Keras 3's {@code compile_config}, and the optimizer configs tf.keras 2.11-2.15 writes.
 */
class KerasTrainingConfigTest {

    private static final List<String> BASE_KEYS = List.of("name", "weight_decay", "clipnorm", "global_clipnorm",
            "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency", "jit_compile", "is_legacy_optimizer");

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    static Stream<Arguments> trainingConfigs() {
        String dl4j = "deeplearning4j__dl4j-test-resources/";
        String konduit = "KonduitAI__dl4j-test-resources/";
        // Standalone Keras's RMSprop (epsilon outside the square root) with a time-based learning-rate decay.
        String decayedRmsprop = "RMSprop{learning_rate=9.999999747378752E-5, decay=9.999999974752427E-7, "
                + "rho=0.8999999761581421, momentum=0.0, epsilon=1.0E-7, centered=false}";
        return Stream.of(
                Arguments.of(dl4j + "optimizers/adadelta.h5", "categorical_crossentropy [accuracy] "
                        + "Adadelta{learning_rate=1.0, rho=0.95, epsilon=1.0E-8}"),
                // Standalone Keras's Adagrad starts its accumulator at 0 (tf.keras: 0.1).
                Arguments.of(dl4j + "optimizers/adagrad.h5", "categorical_crossentropy [accuracy] "
                        + "Adagrad{learning_rate=0.009999999776482582, initial_accumulator_value=0.0, epsilon=1.0E-8}"),
                Arguments.of(dl4j + "optimizers/adam.h5", "categorical_crossentropy [accuracy] "
                        + "Adam{learning_rate=0.0010000000474974513, beta_1=0.8999999761581421, "
                        + "beta_2=0.9990000128746033, epsilon=1.0E-8, amsgrad=false}"),
                Arguments.of(dl4j + "optimizers/adamax.h5", "categorical_crossentropy [accuracy] "
                        + "Adamax{learning_rate=0.0020000000949949026, beta_1=0.8999999761581421, "
                        + "beta_2=0.9990000128746033, epsilon=1.0E-8}"),
                // Older Keras's variants write tf.keras 2.0-2.10's config, not tf.keras 2.11+'s (see below).
                Arguments.of(dl4j + "optimizers/nadam.h5", "categorical_crossentropy [accuracy] "
                        + "Nadam{learning_rate=0.0020000000949949026, beta_1=0.8999999761581421, "
                        + "beta_2=0.9990000128746033, epsilon=1.0E-8, schedule_decay=0.004}"),
                Arguments.of(dl4j + "optimizers/rmsprop.h5", "categorical_crossentropy [accuracy] "
                        + "RMSprop{learning_rate=0.0010000000474974513, decay=0.0, rho=0.8999999761581421, "
                        + "momentum=0.0, epsilon=1.0E-8, centered=false}"),
                Arguments.of(dl4j + "optimizers/sgd.h5", "categorical_crossentropy [accuracy] "
                        + "SGD{learning_rate=0.009999999776482582, momentum=0.0, nesterov=false}"),
                Arguments.of(dl4j + "elephas/elephas_sequential.h5", "categorical_crossentropy [acc] "
                        + "SGD{learning_rate=0.009999999776482582, momentum=0.0, nesterov=false}"),
                Arguments.of(dl4j + "weights/dense_tensorflow_1.h5", "mean_squared_error [] "
                        + "Adam{learning_rate=0.0010000000474974513, beta_1=0.8999999761581421, "
                        + "beta_2=0.9990000128746033, epsilon=1.0E-8, amsgrad=false}"),
                Arguments.of(dl4j + "weights/dense_tensorflow_2.h5", "mean_squared_error [] "
                        + "Adam{learning_rate=0.0010000000474974513, beta_1=0.8999999761581421, "
                        + "beta_2=0.9990000128746033, epsilon=1.0E-7, amsgrad=false}"),
                Arguments.of(dl4j + "fullconfigs/cnn/cnn_batch_norm.h5", "mean_squared_error [] "
                        + "Adam{learning_rate=0.0010000000474974513, beta_1=0.8999999761581421, "
                        + "beta_2=0.9990000128746033, epsilon=1.0E-7, amsgrad=false}"),
                Arguments.of(konduit + "tfkeras/mlp_1.h5", "mean_squared_error [] "
                        + "SGD{learning_rate=0.01, momentum=0.0, nesterov=false}"),
                Arguments.of(konduit + "tfkeras/mlp_119.h5", "mean_squared_error [] "
                        + "SGD{learning_rate=0.01, momentum=0.0, nesterov=false}"),
                Arguments.of(konduit + "examples/custom_loss.h5", "log_cosh [] "
                        + "SGD{learning_rate=0.009999999776482582, momentum=0.8999999761581421, nesterov=false}"),
                Arguments.of(konduit + "examples/activations/ELU_0_model.h5",
                        "mean_squared_error [mae] " + decayedRmsprop),
                Arguments.of(konduit + "examples/activations/LeakyReLU_0_model.h5",
                        "mean_squared_error [mae] " + decayedRmsprop),
                Arguments.of(konduit + "examples/activations/ReLU_0_model.h5",
                        "mean_squared_error [mae] " + decayedRmsprop),
                Arguments.of(konduit + "examples/activations/Softmax_0_model.h5",
                        "mean_squared_error [mae] " + decayedRmsprop),
                Arguments.of(konduit + "examples/activations/ThresholdReLU_0_model.h5",
                        "mean_squared_error [mae] " + decayedRmsprop),
                Arguments.of(konduit + "examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_model.h5",
                        "sparse_categorical_crossentropy [accuracy] " + decayedRmsprop),
                Arguments.of("edycoleee__ml2025/xor_model.h5", "binary_crossentropy [accuracy] "
                        + "Adam{learning_rate=0.0010000000474974513, beta_1=0.9, beta_2=0.999, epsilon=1.0E-7, "
                        + "amsgrad=false}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainingConfigs")
    void compilesEveryTrainingConfig(String file, String expected) throws IOException {
        String fixture = file + ".training_config.json";
        Map<String, Object> config = KerasJson.read(KerasConfigVersionsTest.resource(fixture), fixture);
        Sequential model = modelFor(config);
        if (expected.startsWith("error: ")) {
            UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                    () -> ModelConfig.compile(model, config, fixture));
            assertTrue(error.getMessage().endsWith(expected.substring("error: ".length())), error.getMessage());
            return;
        }
        ModelConfig.compile(model, config, fixture);
        assertEquals(expected, compiled(model));
    }

    /** A model whose output suits the loss: softmax classes for categorical losses, one sigmoid unit for binary. */
    private static Sequential modelFor(Map<String, Object> config) {
        Sequential model = new Sequential();
        String loss = String.valueOf(config.get("loss"));
        if (loss.contains("binary")) {
            model.add(new Dense(1, "sigmoid").inputDim(2));
        } else if (loss.contains("categorical")) {
            model.add(new Dense(3, "softmax").inputDim(2));
        } else {
            model.add(new Dense(2).inputDim(2));
        }
        return model;
    }

    private static String compiled(Sequential model) {
        // The hyperparameters only: the base optimizer keys every config carries are at their "off" values.
        Map<String, Object> hyperparameters = new LinkedHashMap<>(model.optimizer().config());
        hyperparameters.keySet().removeAll(BASE_KEYS);
        return model.loss().kerasName() + " " + model.metrics().stream().map(Metric::kerasName)
                .collect(Collectors.joining(", ", "[", "]")) + " " + model.optimizer().className() + hyperparameters;
    }

    @Test
    void keras3CompileConfigInsideKerasFile() throws IOException {
        String fixture = "mehmetsefabalik__neuralnet/xor_model.keras.config.json";
        Map<String, Object> tree = KerasJson.read(KerasConfigVersionsTest.resource(fixture), fixture);
        Sequential model = ModelConfig.fromModelConfig(tree, fixture);
        @SuppressWarnings("unchecked")
        Map<String, Object> compileConfig = (Map<String, Object>) tree.get("compile_config");
        ModelConfig.compile(model, compileConfig, fixture);
        assertEquals("binary_crossentropy [] Adam{learning_rate=0.0010000000474974513, beta_1=0.9, beta_2=0.999, "
                + "epsilon=1.0E-7, amsgrad=false}", compiled(model));
    }

    @Test
    void keras3LossAndMetricObjects() {
        Sequential model = modelFor(Map.of());
        ModelConfig.compile(model, KerasJson.read("""
                {"optimizer": {"module": "keras.optimizers", "class_name": "SGD", "config": {"name": "SGD",
                  "learning_rate": 0.05, "weight_decay": null, "clipnorm": null, "global_clipnorm": null,
                  "clipvalue": null, "use_ema": false, "ema_momentum": 0.99, "ema_overwrite_frequency": null,
                  "loss_scale_factor": null, "gradient_accumulation_steps": null, "momentum": 0.0, "nesterov": false},
                  "registered_name": null},
                 "loss": {"module": "keras.losses", "class_name": "MeanSquaredError",
                  "config": {"name": "mean_squared_error", "reduction": "sum_over_batch_size"}, "registered_name": null},
                 "loss_weights": null,
                 "metrics": [{"module": "keras.metrics", "class_name": "MeanAbsoluteError",
                  "config": {"name": "mean_absolute_error", "dtype": "float32"}, "registered_name": null}, "mse"],
                 "weighted_metrics": null, "run_eagerly": false, "steps_per_execution": 1, "jit_compile": true}
                """, "keras 3 compile_config"), "keras 3 compile_config");
        assertEquals("mean_squared_error [mean_absolute_error, mse] SGD{learning_rate=0.05, momentum=0.0, "
                + "nesterov=false}", compiled(model));

        Sequential logits = modelFor(Map.of());
        ModelConfig.compile(logits, KerasJson.read("""
                {"optimizer": "adam", "loss": {"module": "keras.losses", "class_name": "BinaryCrossentropy",
                  "config": {"name": "binary_crossentropy", "reduction": "sum_over_batch_size",
                  "from_logits": true, "label_smoothing": 0.0, "axis": -1}, "registered_name": null}}
                """, "t"), "t");
        assertEquals(new BinaryCrossentropy().fromLogits(true), logits.loss());

        UnsupportedOperationException ignoreClass = assertThrows(UnsupportedOperationException.class,
                () -> ModelConfig.compile(modelFor(Map.of()), KerasJson.read("""
                        {"optimizer": "adam", "loss": {"module": "keras.losses",
                          "class_name": "SparseCategoricalCrossentropy", "config": {"name": "scce",
                          "reduction": "sum_over_batch_size", "from_logits": false, "ignore_class": 0},
                          "registered_name": null}}
                        """, "t"), "t"));
        assertEquals("t, training_config, loss: SparseCategoricalCrossentropy: "
                + "ignore_class=0 is not supported by keras4j (a class whose samples count for nothing needs masked "
                + "reductions); only None", ignoreClass.getMessage());
    }

    @Test
    void tfKeras2MeanMetricWrappersInAListPerOutput() {
        // As tf.keras 2.x saves metrics=['accuracy'] after fit (public .h5 files hold exactly this), with a loss
        // named by its class and a loss object of tf.keras ("reduction": "auto").
        Sequential binary = new Sequential(new Dense(1, "sigmoid").inputDim(2));
        ModelConfig.compile(binary, KerasJson.read("""
                {"loss": "binary_crossentropy", "metrics": [[{"class_name": "MeanMetricWrapper", "config": {
                  "name": "accuracy", "dtype": "float32", "fn": "binary_accuracy"}}]], "weighted_metrics": null,
                 "loss_weights": null, "optimizer_config": {"class_name": "RMSprop", "config": {"name": "RMSprop",
                  "learning_rate": 0.001, "decay": 0.0, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-07,
                  "centered": false}}}
                """, "tf 2.4"), "tf 2.4");
        assertEquals(List.of("loss", "accuracy"), binary.metricsNames());
        assertEquals(List.of(new BinaryAccuracy().name("accuracy")), binary.metrics());

        Sequential sparse = modelFor(Map.of("loss", "categorical"));
        ModelConfig.compile(sparse, KerasJson.read("""
                {"loss": {"class_name": "SparseCategoricalCrossentropy", "config": {"reduction": "auto",
                  "name": "sparse_categorical_crossentropy", "from_logits": true, "ignore_class": null}},
                 "metrics": [[{"class_name": "MeanMetricWrapper", "config": {"name": "accuracy", "dtype": "float32",
                  "fn": "sparse_categorical_accuracy"}}]], "weighted_metrics": null, "loss_weights": null,
                 "optimizer_config": {"class_name": "Custom>Adam", "config": {"name": "Adam", "weight_decay": null,
                  "clipnorm": null, "global_clipnorm": null, "clipvalue": null, "use_ema": false,
                  "ema_momentum": 0.99, "ema_overwrite_frequency": null, "jit_compile": false,
                  "is_legacy_optimizer": false, "learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999,
                  "epsilon": 1e-07, "amsgrad": false}}}
                """, "tf 2.12"), "tf 2.12");
        assertEquals(new SparseCategoricalCrossentropy().fromLogits(true), sparse.loss());
        assertEquals(List.of(new SparseCategoricalAccuracy().name("accuracy")), sparse.metrics());
        Sequential byClassName = modelFor(Map.of("loss", "categorical"));
        ModelConfig.compile(byClassName, KerasJson.read("""
                {"loss": "SparseCategoricalCrossentropy", "metrics": [], "optimizer_config": {"class_name": "Adam",
                  "config": {"learning_rate": 0.001}}}
                """, "t"), "t");
        assertEquals(Losses.SPARSE_CATEGORICAL_CROSSENTROPY, byClassName.loss());
    }

    @Test
    void keras3SerializedFunctionsAndWrapperArguments() {
        // compile(loss=keras.losses.categorical_crossentropy, metrics=[keras.metrics.categorical_accuracy,
        // MeanMetricWrapper(binary_accuracy, name="ba", threshold=0.3)]) in Keras 3.15's .keras compile_config.
        Sequential model = modelFor(Map.of("loss", "categorical"));
        ModelConfig.compile(model, KerasJson.read("""
                {"loss": {"module": "builtins", "class_name": "function", "config": "categorical_crossentropy",
                  "registered_name": "function"}, "loss_weights": null,
                 "metrics": [{"module": "builtins", "class_name": "function", "config": "categorical_accuracy",
                  "registered_name": "function"}, {"module": "keras.metrics", "class_name": "MeanMetricWrapper",
                  "config": {"name": "ba", "dtype": "float32", "fn": {"module": "builtins", "class_name": "function",
                  "config": "binary_accuracy", "registered_name": "function"}, "threshold": 0.3},
                  "registered_name": null}],
                 "weighted_metrics": null, "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false,
                 "optimizer": "adam"}
                """, "k3"), "k3");
        assertEquals(Losses.CATEGORICAL_CROSSENTROPY, model.loss());
        assertEquals(List.of(Metrics.get("categorical_accuracy"), new BinaryAccuracy().threshold(0.3).name("ba")),
                model.metrics());

        // Written back as Keras writes a compiled model: names as names, objects with their config and dtype.
        Map<String, Object> written = ModelConfig.trainingConfig(model);
        assertEquals("categorical_crossentropy", written.get("loss"));
        assertEquals(List.of("categorical_accuracy", Map.of("class_name", "BinaryAccuracy", "config",
                Map.of("name", "ba", "dtype", "float32", "threshold", 0.3))), written.get("metrics"));
    }

    @Test
    void lossObjectsAndMetricObjectsAreWrittenWithTheirArguments() {
        Sequential model = modelFor(Map.of("loss", "categorical"));
        model.compile(new SGD(0.1), new CategoricalCrossentropy().labelSmoothing(0.2).name("cce"),
                Precision.named("p").thresholds(0.3), AUC.named("pr").curve("PR").numThresholds(20), Metrics.get("mse"));
        Map<String, Object> written = ModelConfig.trainingConfig(model);
        assertEquals(Map.of("class_name", "CategoricalCrossentropy", "config", Map.of("name", "cce",
                "reduction", "sum_over_batch_size", "from_logits", false, "label_smoothing", 0.2, "axis", -1)),
                written.get("loss"));
        List<?> metrics = (List<?>) written.get("metrics");
        Map<String, Object> precision = new LinkedHashMap<>();
        precision.put("name", "p");
        precision.put("dtype", "float32");
        precision.put("thresholds", 0.3);
        precision.put("top_k", null);
        precision.put("class_id", null);
        assertEquals(Map.of("class_name", "Precision", "config", precision), metrics.get(0));
        assertEquals(List.of("name", "dtype", "num_thresholds", "curve", "summation_method", "multi_label",
                "num_labels", "label_weights", "from_logits"),
                List.copyOf(((Map<?, ?>) ((Map<?, ?>) metrics.get(1)).get("config")).keySet()));
        assertEquals("PR", ((Map<?, ?>) ((Map<?, ?>) metrics.get(1)).get("config")).get("curve"));
        assertEquals("mse", metrics.get(2));
        Sequential again = modelFor(Map.of("loss", "categorical"));
        ModelConfig.compile(again, KerasJson.read(KerasJson.write(written), "written"), "written");
        assertEquals(model.loss(), again.loss());
        assertEquals(model.metrics(), again.metrics());
    }

    @Test
    void metricsKeras4jCannotComputeAreErrorsNamingThem() {
        assertEquals("t, training_config, metric Accuracy: metric class 'Accuracy' is not supported by keras4j; "
                + "supported: MeanMetricWrapper, AUC, BinaryAccuracy, CategoricalAccuracy, MeanAbsoluteError, "
                + "MeanSquaredError, Precision, Recall, SparseCategoricalAccuracy",
                compileError("{\"class_name\": \"Accuracy\", \"config\": {\"name\": \"accuracy\"}}"));
        assertEquals("t, training_config, metric MeanMetricWrapper: fn 'top_k_categorical_accuracy' is not supported "
                + "by keras4j; supported: binary_accuracy, categorical_accuracy, mean_absolute_error, "
                + "mean_squared_error, sparse_categorical_accuracy", compileError("{\"class_name\": "
                + "\"MeanMetricWrapper\", \"config\": {\"name\": \"top5\", \"fn\": "
                + "\"top_k_categorical_accuracy\"}}"));
        assertEquals("t, training_config, metric Precision: \"thresholds\" = [0.3,0.7] is not supported by keras4j: "
                + "a metric reports one number, so it takes one threshold", compileError("{\"class_name\": "
                + "\"Precision\", \"config\": {\"name\": \"p\", \"thresholds\": [0.3, 0.7]}}"));
        assertEquals("t, training_config, metric BinaryAccuracy: unknown keys [treshold]; keras4j would ignore them, "
                + "so it refuses the config; valid keys: dtype, name, threshold", compileError("{\"class_name\": \"BinaryAccuracy\", \"config\": "
                + "{\"name\": \"b\", \"treshold\": 0.3}}"));
        UnsupportedOperationException outputs = assertThrows(UnsupportedOperationException.class,
                () -> ModelConfig.compile(modelFor(Map.of()), KerasJson.read("{\"loss\": \"mse\", \"metrics\": "
                        + "[[\"mae\"], [\"mse\"]], \"optimizer\": \"adam\"}", "t"), "t"));
        assertEquals("t, training_config metrics: 2 lists of metrics are given for several outputs; a Sequential "
                + "model has one", outputs.getMessage());
    }

    private static String compileError(String metric) {
        Exception error = assertThrows(RuntimeException.class, () -> ModelConfig.compile(
                modelFor(Map.of("loss", "categorical")), KerasJson.read("{\"loss\": \"categorical_crossentropy\", "
                        + "\"metrics\": [" + metric + "], \"optimizer\": \"adam\"}", "t"), "t"));
        return error.getMessage();
    }

    @Test
    void tfKeras211To215Optimizers() {
        Sequential model = modelFor(Map.of());
        // tf.keras 2.14 registers its built-in optimizers under the package "Custom".
        ModelConfig.compile(model, KerasJson.read("""
                {"loss": "mse", "metrics": ["mae"], "weighted_metrics": null, "loss_weights": null,
                 "optimizer_config": {"class_name": "Custom>Adam", "config": {"name": "Adam", "weight_decay": null,
                  "clipnorm": null, "global_clipnorm": null, "clipvalue": null, "use_ema": false,
                  "ema_momentum": 0.99, "ema_overwrite_frequency": null, "jit_compile": true,
                  "is_legacy_optimizer": false, "learning_rate": 0.002, "beta_1": 0.9, "beta_2": 0.999,
                  "epsilon": 1e-07, "amsgrad": false}}}
                """, "tf 2.14"), "tf 2.14");
        assertEquals("mean_squared_error [mae] Adam{learning_rate=0.002, beta_1=0.9, beta_2=0.999, epsilon=1.0E-7, "
                + "amsgrad=false}", compiled(model));

        Sequential adagrad = modelFor(Map.of());
        ModelConfig.compile(adagrad, KerasJson.read("""
                {"loss": "mse", "metrics": [], "optimizer_config": {"class_name": "Adagrad", "config": {
                  "name": "Adagrad", "weight_decay": null, "clipnorm": null, "global_clipnorm": null,
                  "clipvalue": null, "use_ema": false, "ema_momentum": 0.99, "ema_overwrite_frequency": null,
                  "jit_compile": false, "is_legacy_optimizer": false, "learning_rate": 0.01,
                  "initial_accumulator_value": 0.1, "epsilon": 1e-07}}}
                """, "tf 2.12"), "tf 2.12");
        assertEquals("mean_squared_error [] Adagrad{learning_rate=0.01, initial_accumulator_value=0.1, "
                + "epsilon=1.0E-7}", compiled(adagrad));

        UnsupportedOperationException ema = assertThrows(UnsupportedOperationException.class,
                () -> ModelConfig.compile(modelFor(Map.of()), KerasJson.read("""
                        {"loss": "mse", "optimizer_config": {"class_name": "Adam", "config": {"use_ema": true}}}
                        """, "t"), "t"));
        assertEquals("Adam option use_ema=true is not supported by keras4j", ema.getMessage());

        // Keras 2.0-2.1 wrote epsilon=None for K.epsilon(); Keras 1 and 2 a learning-rate decay.
        Sequential keras20 = modelFor(Map.of());
        ModelConfig.compile(keras20, KerasJson.read("""
                {"loss": "mean_squared_error", "metrics": [], "optimizer_config": {"class_name": "Adam",
                  "config": {"lr": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": null, "decay": 0.0}}}
                """, "k2.0"), "k2.0");
        assertEquals(1e-7, keras20.optimizer().config().get("epsilon"));
        assertEquals(new SGD(0.01).decay(1e-6), optimizer("SGD", "{\"lr\": 0.01, \"momentum\": 0.0, "
                + "\"decay\": 1e-6, \"nesterov\": false}"));
        assertEquals(new Adam(0.01).decay(0.5), optimizer("Adam", "{\"name\": \"Adam\", \"learning_rate\": 0.01, "
                + "\"decay\": 0.5, \"beta_1\": 0.9, \"beta_2\": 0.999, \"epsilon\": 1e-07, \"amsgrad\": false}"));
        UnsupportedOperationException nadamDecay = assertThrows(UnsupportedOperationException.class,
                () -> optimizer("Nadam", "{\"learning_rate\": {\"class_name\": \"InverseTimeDecay\", \"config\": "
                        + "{\"initial_learning_rate\": 0.01, \"decay_steps\": 1, \"decay_rate\": 0.5}}}"));
        assertEquals("Nadam has no learning-rate decay in any Keras; received decay=0.5", nadamDecay.getMessage());
    }

    @Test
    void olderKerasRmspropAddsEpsilonOutsideTheSquareRoot() {
        // Keras 1.1 wrote neither decay nor momentum nor centered; standalone Keras 2 decay.
        assertEquals(new RMSprop(0.01).rho(0.9).epsilon(1e-8).epsilonOutsideSqrt(true),
                optimizer("RMSprop", "{\"lr\": 0.01, \"rho\": 0.9, \"epsilon\": 1e-08}"));
        assertEquals(new RMSprop(0.01).epsilonOutsideSqrt(true),
                optimizer("RMSprop", "{\"learning_rate\": 0.01, \"rho\": 0.9, \"decay\": 0.0, \"epsilon\": 1e-07}"));
        // tf.keras 2.0-2.10: outside without momentum, centered too; with momentum TF's kernel, inside.
        String tfKeras210 = "{\"name\": \"RMSprop\", \"learning_rate\": 0.001, \"decay\": 0.0, \"rho\": 0.9, "
                + "\"momentum\": %s, \"epsilon\": 1e-07, \"centered\": true}";
        assertEquals(new RMSprop().centered(true).epsilonOutsideSqrt(true),
                optimizer("RMSprop", String.format(tfKeras210, "0.0")));
        assertEquals(new RMSprop().centered(true).momentum(0.9),
                optimizer("RMSprop", String.format(tfKeras210, "0.9")));
        // tf.keras 2.11+ and Keras 3 write no decay.
        assertEquals(new RMSprop(), optimizer("RMSprop", "{\"name\": \"RMSprop\", \"learning_rate\": 0.001, "
                + "\"rho\": 0.9, \"momentum\": 0.0, \"epsilon\": 1e-07, \"centered\": false, "
                + "\"is_legacy_optimizer\": false}"));
    }

    @Test
    void olderKerasNadamReadsItsMomentumSchedule() {
        assertEquals(new Nadam(0.002).scheduleDecay(0.004), optimizer("Nadam", "{\"lr\": 0.002, \"beta_1\": 0.9, "
                + "\"beta_2\": 0.999, \"epsilon\": 1e-07, \"schedule_decay\": 0.004}"));
        // tf.keras 2.0-2.10 write the schedule as decay.
        assertEquals(new Nadam().scheduleDecay(0.01), optimizer("Nadam", "{\"name\": \"Nadam\", "
                + "\"learning_rate\": 0.001, \"decay\": 0.01, \"beta_1\": 0.9, \"beta_2\": 0.999, "
                + "\"epsilon\": 1e-07}"));
        assertEquals(new Nadam(), optimizer("Nadam", "{\"name\": \"Nadam\", \"learning_rate\": 0.001, "
                + "\"beta_1\": 0.9, \"beta_2\": 0.999, \"epsilon\": 1e-07, \"is_legacy_optimizer\": false}"));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> optimizer("Nadam", "{\"decay\": 0.004, \"schedule_decay\": 0.004}"));
        assertTrue(both.getMessage().endsWith("has both schedule_decay (standalone Keras) and decay (tf.keras "
                + "2.0-2.10), two names for its momentum schedule"), both.getMessage());
    }

    /** Keras 3's and tf.keras 2.11+'s InverseTimeDecay schedule is Keras 2's decay; other schedules are refused. */
    @Test
    void inverseTimeDecayIsTheDecay() {
        String keras3 = "{\"name\": \"SGD\", \"learning_rate\": {\"module\": \"keras.optimizers.schedules\", "
                + "\"class_name\": \"InverseTimeDecay\", \"config\": {\"initial_learning_rate\": 0.1, "
                + "\"decay_steps\": %s, \"decay_rate\": 0.5, \"staircase\": false, \"name\": \"InverseTimeDecay\"}, "
                + "\"registered_name\": null}, \"momentum\": 0.9, \"nesterov\": false}";
        assertEquals(new SGD(0.1).momentum(0.9).decay(0.5), optimizer("SGD", String.format(keras3, "1")));
        assertEquals(new SGD(0.1).momentum(0.9).decay(0.05), optimizer("SGD", String.format(keras3, "10")));
        UnsupportedOperationException staircase = assertThrows(UnsupportedOperationException.class,
                () -> optimizer("SGD", String.format(keras3, "1").replace("false, \"name\"", "true, \"name\"")));
        assertEquals("InverseTimeDecay with staircase=true is not supported by keras4j", staircase.getMessage());
        UnsupportedOperationException other = assertThrows(UnsupportedOperationException.class,
                () -> optimizer("SGD", String.format(keras3, "1").replace("InverseTimeDecay", "ExponentialDecay")));
        assertTrue(other.getMessage().contains("is not supported by keras4j (only InverseTimeDecay)"),
                other.getMessage());
        // The one decayed optimizer no older Keras computed (epsilon inside, no momentum) is written as this schedule.
        Map<String, Object> written = new RMSprop(0.01).decay(1e-3).config();
        assertFalse(written.containsKey("decay"));
        assertEquals("InverseTimeDecay", ((Map<?, ?>) written.get("learning_rate")).get("class_name"));
    }

    /** A saved model's training config keeps the older Keras's variants and the decay. */
    @Test
    void trainingConfigKeepsOlderKerasVariants() {
        for (Optimizer optimizer : List.of(new RMSprop(0.01).epsilonOutsideSqrt(true),
                new RMSprop().rho(0.5).centered(true).epsilonOutsideSqrt(true),
                new Nadam(0.002).scheduleDecay(0.004), new RMSprop(0.01).decay(1e-3),
                new RMSprop(0.01).epsilonOutsideSqrt(true).decay(1e-3), new RMSprop(0.01).momentum(0.5).decay(1e-3),
                new SGD(0.1).nesterov(true).momentum(0.9).decay(0.5), new Adagrad().initialAccumulatorValue(0).decay(2),
                new Adadelta(1.0).decay(0.1), new Adam().amsgrad(true).decay(1e-4), new Adamax().decay(1e-4))) {
            Sequential saved = modelFor(Map.of());
            saved.compile(optimizer, "mse");
            Sequential loaded = modelFor(Map.of());
            ModelConfig.compile(loaded, ModelConfig.trainingConfig(saved), "saved");
            assertEquals(optimizer, loaded.optimizer());
        }
    }

    private static Optimizer optimizer(String className, String config) {
        Sequential model = modelFor(Map.of());
        ModelConfig.compile(model, KerasJson.read("{\"loss\": \"mse\", \"optimizer_config\": {\"class_name\": \""
                + className + "\", \"config\": " + config + "}}", "t"), "t");
        return model.optimizer();
    }
}
