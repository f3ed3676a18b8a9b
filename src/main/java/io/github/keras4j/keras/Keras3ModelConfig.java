package io.github.keras4j.keras;

import io.github.keras4j.Model;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sequential model as Keras 3 serializes it into a {@code .keras} file's {@code config.json}
 * ({@code serialize_keras_object(model)}, checked against Keras 3.15): every object with its {@code module},
 * {@code class_name}, {@code config} and {@code registered_name}; the layers' Keras 3 configs
 * ({@link Layer#keras3Config()}) after an {@code InputLayer}; the shapes each layer was built for; and the
 * {@code compile_config} of a compiled model, made from the {@code training_config} keras4j writes for Keras 2
 * ({@link ModelConfig#trainingConfig}) with the optimizer's Keras 3 config and the loss and metric objects in Keras 3's
 * form.
 */
final class Keras3ModelConfig {

    private Keras3ModelConfig() {
    }

    /** The {@code config.json} tree of {@code model}. */
    static Map<String, Object> of(Model model) {
        List<Layer> modelLayers = model.layers();
        Shape shape = model.inputShapeOf();
        String dtype = modelLayers.get(0).dtype();
        List<Object> layers = new ArrayList<>();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("batch_shape", batchShape(shape));
        // Token indices come in as Keras's default integer type.
        input.put("dtype", modelLayers.get(0).type().takesIntegerInput() ? "int32" : dtype);
        input.put("sparse", false);
        input.put("ragged", false);
        input.put("name", "input_layer");
        input.put("optional", false);
        layers.add(Layer.keras3Object("keras.layers", "InputLayer", input));
        for (Layer layer : modelLayers) {
            Map<String, Object> entry = Layer.keras3Object("keras.layers", layer.className(), layer.keras3Config(shape));
            if (layer.keras3Builds()) {
                entry.put("build_config", Map.of("input_shape", batchShape(shape)));
            }
            layers.add(entry);
            shape = layer.outputShape(shape);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("trainable", true);
        config.put("dtype", Layer.keras3DtypePolicy(dtype));
        config.put("layers", layers);
        config.put("build_input_shape", batchShape(model.inputShapeOf()));
        Map<String, Object> tree = Layer.keras3Object("keras", "Sequential", config);
        tree.put("build_config", Map.of("input_shape", batchShape(model.inputShapeOf())));
        if (model.isCompiled()) {
            tree.put("compile_config", compileConfig(model));
        }
        return tree;
    }

    /** Keras 3's {@code compile_config}: what {@code model.compile} was given, as Keras 3's {@code compile} takes it. */
    static Map<String, Object> compileConfig(Model model) {
        Map<String, Object> training = ModelConfig.trainingConfig(model);
        Optimizer optimizer = model.optimizer();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("optimizer", Layer.keras3Object("keras.optimizers", optimizer.className(), optimizer.keras3Config()));
        config.put("loss", keras3Form(training.get("loss"), "keras.losses"));
        config.put("loss_weights", training.get("loss_weights"));
        List<Object> metrics = new ArrayList<>();
        if (training.get("metrics") instanceof List<?> written) {
            for (Object metric : written) {
                metrics.add(keras3Form(metric, "keras.metrics"));
            }
        }
        // Keras 3 keeps what compile was given: no metrics is None, not an empty list.
        config.put("metrics", metrics.isEmpty() ? null : metrics);
        config.put("weighted_metrics", training.get("weighted_metrics"));
        config.put("run_eagerly", false);
        config.put("steps_per_execution", 1);
        config.put("jit_compile", false);
        return config;
    }

    /** A name stays a name; a tf.keras 2.x {@code {"class_name", "config"}} object gets Keras 3's module. */
    private static Object keras3Form(Object value, String module) {
        if (value instanceof Map<?, ?> object && object.containsKey("class_name") && !object.containsKey("module")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) object.get("config");
            return Layer.keras3Object(module, (String) object.get("class_name"), config == null ? Map.of() : config);
        }
        return value;
    }

    /** Keras's batch shape: {@code [null, ...shape]}. */
    /** Keras's batch shape: None for the batch and for an unknown size (a sequence's timesteps). */
    static List<Object> batchShape(Shape shape) {
        return Layer.keras3BatchShape(shape);
    }
}
