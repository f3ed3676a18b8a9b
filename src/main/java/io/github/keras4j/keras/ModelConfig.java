package io.github.keras4j.keras;

import io.github.keras4j.Sequential;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.internal.ModelSize;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.ELU;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LeakyReLU;
import io.github.keras4j.layers.PReLU;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.layers.Softmax;
import io.github.keras4j.layers.ThresholdedReLU;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The layer types keras4j reads, in the order its errors list them. */
    public static final List<String> SUPPORTED_LAYERS = List.of("Dense", "Conv2D", "Flatten", "Dropout", "Activation",
            "BatchNormalization", "ELU", "LeakyReLU", "ReLU", "Softmax", "ThresholdedReLU", "PReLU", "InputLayer");

    private ModelConfig() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // writing

    /** {@code model.to_json()}'s tree: the architecture, without weights or training settings. */
    public static Map<String, Object> modelConfig(Sequential model) {
        List<Object> layers = new ArrayList<>();
        long[] inputShape = model.inputShape();
        List<Layer> modelLayers = model.layers();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("batch_input_shape", batchShape(inputShape));
        input.put("dtype", modelLayers.get(0).dtype());
        input.put("sparse", false);
        input.put("ragged", false);
        input.put("name", modelLayers.get(0).name() + "_input");
        layers.add(entry("InputLayer", input));
        for (Layer layer : modelLayers) {
            Map<String, Object> config = layerConfig(layer);
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
            shape.add(size);
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

    private static Map<String, Object> layerConfig(Layer layer) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", layer.name());
        config.put("trainable", true);
        config.put("dtype", layer.dtype());
        if (layer instanceof Dense dense) {
            config.put("units", dense.units());
            config.put("activation", dense.activation().kerasName());
            config.put("use_bias", dense.useBias());
            config.put("kernel_initializer", initializer(dense.kernelInitializer()));
            config.put("bias_initializer", initializer(dense.biasInitializer()));
            config.put("kernel_regularizer", regularizer(dense.kernelRegularizer()));
            config.put("bias_regularizer", regularizer(dense.biasRegularizer()));
            config.put("activity_regularizer", null);
            config.put("kernel_constraint", null);
            config.put("bias_constraint", null);
        } else if (layer instanceof Conv2D conv) {
            // tf.keras 2.x's key order.
            config.put("filters", conv.filters());
            config.put("kernel_size", intList(conv.kernelSize()));
            config.put("strides", intList(conv.strides()));
            config.put("padding", conv.padding().kerasName());
            config.put("data_format", "channels_last");
            config.put("dilation_rate", List.of(1, 1));
            config.put("groups", 1);
            config.put("activation", conv.activation().kerasName());
            config.put("use_bias", conv.useBias());
            config.put("kernel_initializer", initializer(conv.kernelInitializer()));
            config.put("bias_initializer", initializer(conv.biasInitializer()));
            config.put("kernel_regularizer", regularizer(conv.kernelRegularizer()));
            config.put("bias_regularizer", regularizer(conv.biasRegularizer()));
            config.put("activity_regularizer", null);
            config.put("kernel_constraint", null);
            config.put("bias_constraint", null);
        } else if (layer instanceof Flatten) {
            config.put("data_format", "channels_last");
        } else if (layer instanceof Dropout dropout) {
            config.put("rate", dropout.rate());
            config.put("noise_shape", null);
            config.put("seed", null);
        } else if (layer instanceof Activation activation) {
            config.put("activation", activation.activation().kerasName());
        } else if (layer instanceof BatchNormalization batchNorm) {
            config.put("axis", -1);
            config.put("momentum", batchNorm.momentum());
            config.put("epsilon", batchNorm.epsilon());
            config.put("center", batchNorm.center());
            config.put("scale", batchNorm.scale());
            config.put("beta_initializer", initializer(Initializers.get("zeros")));
            config.put("gamma_initializer", initializer(Initializers.get("ones")));
            config.put("moving_mean_initializer", initializer(Initializers.get("zeros")));
            config.put("moving_variance_initializer", initializer(Initializers.get("ones")));
            config.put("beta_regularizer", null);
            config.put("gamma_regularizer", null);
            config.put("beta_constraint", null);
            config.put("gamma_constraint", null);
        } else if (layer instanceof ELU elu) {
            config.put("alpha", elu.alpha());
        } else if (layer instanceof LeakyReLU leaky) {
            // Keras 2's key; Keras 3 reads it too (and writes negative_slope).
            config.put("alpha", leaky.negativeSlope());
        } else if (layer instanceof ReLU relu) {
            config.put("max_value", relu.maxValue().isPresent() ? relu.maxValue().getAsDouble() : null);
            config.put("negative_slope", relu.negativeSlope());
            config.put("threshold", relu.threshold());
        } else if (layer instanceof Softmax) {
            config.put("axis", -1);
        } else if (layer instanceof ThresholdedReLU thresholded) {
            config.put("theta", thresholded.theta());
        } else if (layer instanceof PReLU prelu) {
            config.put("alpha_initializer", initializer(prelu.alphaInitializer()));
            config.put("alpha_regularizer", null);
            config.put("alpha_constraint", null);
            config.put("shared_axes", prelu.sharedAxes() == null ? null : List.of(1));
        } else {
            throw new UnsupportedOperationException("layer " + layer + " cannot be written as a Keras config; "
                    + "supported: " + String.join(", ", SUPPORTED_LAYERS));
        }
        return config;
    }

    private static List<Object> intList(int[] values) {
        List<Object> list = new ArrayList<>();
        for (int value : values) {
            list.add(value);
        }
        return list;
    }

    private static Map<String, Object> initializer(Initializer initializer) {
        return entry(initializer.className(), new LinkedHashMap<>(initializer.config()));
    }

    private static Map<String, Object> regularizer(Regularizer regularizer) {
        return regularizer == null ? null : entry(regularizer.className(), new LinkedHashMap<>(regularizer.config()));
    }

    /**
     * The {@code training_config} Keras stores with a compiled model: loss, metrics and the optimizer's config.
     *
     * @throws UnsupportedOperationException for a metric whose arguments its name does not carry
     */
    public static Map<String, Object> trainingConfig(Sequential model) {
        if (!model.isCompiled()) {
            return null;
        }
        List<Object> metrics = new ArrayList<>();
        int units = model.outputUnits();
        int labelColumns = model.loss().sparseLabels() ? 1 : units;
        for (Metric metric : model.metrics()) {
            if (!metric.equals(fromName(metric.kerasName(), units, labelColumns))) {
                throw new UnsupportedOperationException("metric " + metric + " has arguments that its name does not "
                        + "carry, which keras4j cannot write in a training config yet");
            }
            metrics.add(metric.kerasName());
        }
        Optimizer optimizer = model.optimizer();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("loss", model.loss().kerasName());
        config.put("metrics", metrics);
        config.put("weighted_metrics", null);
        config.put("loss_weights", null);
        config.put("optimizer_config", entry(optimizer.className(), new LinkedHashMap<>(optimizer.config())));
        return config;
    }

    /** The metric a name gives once compiled, or null if the name is not one Keras knows. */
    private static Metric fromName(String name, int units, int labelColumns) {
        try {
            return Metrics.resolveAll(List.of(Metrics.get(name)), units, labelColumns).get(0);
        } catch (IllegalArgumentException unknownName) {
            return null;
        }
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
        long[] shape = null;
        for (int position = 0; position < layout.layers().size(); position++) {
            Layer layer = LayerConfigs.read(layout.layers().get(position), position, source, shape);
            model.add(layer);
            shape = layer instanceof InputLayer input ? input.inputShape()
                    : shape == null ? (layer.inputShape() == null ? null : layer.outputShape(layer.inputShape()))
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
    private static void requireFits(Sequential model, String source) {
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
    public static void compile(Sequential model, Map<String, ?> trainingConfig, String source) {
        TrainingConfigs.compile(model, trainingConfig, source);
    }
}
