package io.github.keras4j.keras;

import io.github.keras4j.Model;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.internal.ModelSize;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Layers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sequential model as the config tree Keras's {@code model.to_json()} writes and the {@code training_config}
 * Keras stores with a compiled model; and back. Writes tf.keras 2.x's layout
 * ({@code {"class_name": "Sequential", "config": {"name": ..., "layers": [InputLayer, Dense, ...]}}}); reads the
 * layouts of Keras 1, Keras 2 (standalone and tf.keras) and Keras 3.
 */
public final class ModelConfig {

    /** The layer types keras4j reads, in the order its errors list them: {@link Layers}'s class names. */
    public static final List<String> SUPPORTED_LAYERS = Layers.classNames();

    private ModelConfig() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // writing

    /** {@code model.to_json()}'s tree: the architecture, without weights or training settings. */
    public static Map<String, Object> modelConfig(Model model) {
        List<Object> layers = new ArrayList<>();
        long[] inputShape = model.inputShape();
        List<Layer> modelLayers = model.layers();
        Layer input = new InputLayer(inputShape).name(modelLayers.get(0).name() + "_input")
                .dtype(modelLayers.get(0).dtype());
        layers.add(entry(input.className(), input.config()));
        for (Layer layer : modelLayers) {
            Map<String, Object> config = layer.config();
            if (layer == modelLayers.get(0)) {
                // tf.keras 2.x (and Keras 2.0-2.3, which have no InputLayer entry) put the input shape on the first
                // layer too.
                config = firstLayerConfig(config, inputShape);
            }
            layers.add(entry(layer.className(), config));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("layers", layers);
        Map<String, Object> tree = entry("Sequential", config);
        // The Keras version whose layout this is; Keras's loaders read it.
        tree.put("keras_version", "2.11.0");
        tree.put("backend", "tensorflow");
        return tree;
    }

    /** Keras's batch shape: {@code [null, ...inputShape]}. */
    private static List<Object> batchShape(long[] inputShape) {
        List<Object> shape = new ArrayList<>();
        shape.add(null);
        for (long size : inputShape) {
            shape.add(size == Shape.NONE ? null : size);
        }
        return shape;
    }

    private static Map<String, Object> firstLayerConfig(Map<String, Object> config, long[] inputShape) {
        Map<String, Object> withShape = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : config.entrySet()) {
            withShape.put(entry.getKey(), entry.getValue());
            if (entry.getKey().equals("trainable")) {
                withShape.put("batch_input_shape", batchShape(inputShape));
            }
        }
        return withShape;
    }

    /**
     * The {@code training_config} Keras stores with a compiled model: loss, metrics and the optimizer's config (null
     * when the model is not compiled).
     */
    public static Map<String, Object> trainingConfig(Model model) {
        return model.isCompiled() ? TrainingConfigs.trainingConfig(model) : null;
    }

    private static Map<String, Object> entry(String className, Map<String, Object> config) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", className);
        entry.put("config", config);
        return entry;
    }

    // ---------------------------------------------------------------------------------------------------------
    // reading

    /**
     * The model a {@code to_json()} tree (or a {@code .keras} file's {@code config.json}, or an HDF5 file's
     * {@code model_config}) describes, with new weights. Reads Keras 1, Keras 2 (standalone and tf.keras) and
     * Keras 3 layouts: Sequential models, and functional models whose layers form one chain.
     *
     * @param source what the tree came from, for error messages
     * @throws UnsupportedOperationException naming the layer type, its position and the supported types for a
     *     layer keras4j cannot express, or naming the key, the layer and the value for a setting it cannot honour
     */
    public static Sequential fromModelConfig(Map<String, ?> tree, String source) {
        ModelLayout layout = ModelLayout.of(tree, source);
        Sequential model = layout.name() != null ? new Sequential(layout.name()) : new Sequential();
        Shape shape = null;
        for (int position = 0; position < layout.layers().size(); position++) {
            Layer layer = LayerConfigs.read(layout.layers().get(position), position, source, shape,
                    layout.kerasVersion());
            model.add(layer);
            // An InputLayer's output is the shape it declares, as a first layer's with a declared input shape.
            shape = shape == null ? (layer.declaredShape() == null ? null : layer.outputShape(layer.declaredShape()))
                    : layer.outputShape(shape);
        }
        requireFits(model, source);
        return model;
    }

    /**
     * Refuses a model whose weights this JVM cannot hold, before any is created (the parameter count computed in
     * {@code long} from the layers, {@link ModelSize}). A model without an input shape is left to fail where its
     * input is needed.
     */
    private static void requireFits(Model model, String source) {
        if (model.layers().isEmpty()) {
            return;
        }
        long[] inputShape;
        try {
            inputShape = model.inputShape();
        } catch (IllegalStateException noInputShape) {
            return;
        }
        ModelSize.requireFits(model.layers(), inputShape, source);
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value, String where) {
        if (value instanceof List) {
            return (List<Object>) value;
        }
        throw new IllegalArgumentException(where + ": expected a shape array, found " + KerasJson.describe(value));
    }

    /**
     * Compiles {@code model} as a Keras {@code training_config} (Keras 1 and 2, tf.keras) or Keras 3
     * {@code compile_config} says: loss, metrics and optimizer.
     *
     * @param source what the config came from, for error messages
     */
    public static void compile(Model model, Map<String, ?> trainingConfig, String source) {
        TrainingConfigs.compile(model, trainingConfig, source);
    }
}
