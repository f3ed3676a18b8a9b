package io.github.keras4j.keras;

import io.github.keras4j.Sequential;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.Optimizers;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Sequential model as the config tree Keras's {@code model.to_json()} writes (tf.keras 2.x layout:
 * {@code {"class_name": "Sequential", "config": {"name": ..., "layers": [InputLayer, Dense, ...]}}}) and the
 * {@code training_config} Keras stores with a compiled model; and back.
 */
public final class ModelConfig {

    /** The layer types keras4j reads, in the order its errors list them. */
    public static final List<String> SUPPORTED_LAYERS = List.of("Dense", "Dropout", "Activation",
            "BatchNormalization", "InputLayer");

    private ModelConfig() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // writing

    /** {@code model.to_json()}'s tree: the architecture, without weights or training settings. */
    public static Map<String, Object> modelConfig(Sequential model) {
        List<Object> layers = new ArrayList<>();
        long inputUnits = model.inputUnits();
        List<Layer> modelLayers = model.layers();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("batch_input_shape", Arrays.asList(null, inputUnits));
        input.put("dtype", modelLayers.get(0).dtype());
        input.put("sparse", false);
        input.put("ragged", false);
        input.put("name", modelLayers.get(0).name() + "_input");
        layers.add(entry("InputLayer", input));
        for (Layer layer : modelLayers) {
            layers.add(entry(layer.className(), layerConfig(layer)));
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
        } else {
            throw new UnsupportedOperationException("layer " + layer + " cannot be written as a Keras config; "
                    + "supported: " + String.join(", ", SUPPORTED_LAYERS));
        }
        return config;
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
     * The model a {@code to_json()} tree describes, with new weights.
     *
     * @param source what the tree came from, for error messages
     */
    public static Sequential fromModelConfig(Map<String, ?> tree, String source) {
        String className = KerasJson.string(tree, "class_name", source);
        if (!"Sequential".equals(className)) {
            throw new UnsupportedOperationException(source + " describes a " + className + " model; keras4j reads "
                    + "Sequential models");
        }
        Map<String, Object> config = KerasJson.object(tree, "config", source);
        Sequential model = config.get("name") instanceof String name ? new Sequential(name) : new Sequential();
        List<Object> layers = KerasJson.array(config, "layers", source);
        for (int position = 0; position < layers.size(); position++) {
            String where = source + ", layer " + position;
            if (!(layers.get(position) instanceof Map<?, ?> layerEntry)) {
                throw new IllegalArgumentException(where + ": expected a layer object, found "
                        + KerasJson.describe(layers.get(position)));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) layerEntry;
            String layerClass = KerasJson.string(entry, "class_name", where);
            Config layerConfig = new Config(KerasJson.object(entry, "config", where), where + " (" + layerClass + ")");
            model.add(layer(layerClass, layerConfig, position, where));
            layerConfig.requireAllRead();
        }
        return model;
    }

    private static Layer layer(String className, Config config, int position, String where) {
        Layer layer;
        switch (className) {
            case "InputLayer" -> {
                List<Object> shape = config.list("batch_input_shape");
                config.optional("sparse", false);
                config.optional("ragged", false);
                config.read("name");
                config.read("dtype");
                return new InputLayer(featureCount(shape, where));
            }
            case "Dense" -> {
                Dense dense = new Dense(config.integer("units"), Activations.get(config.string("activation")))
                        .useBias(config.bool("use_bias"))
                        .kernelInitializer(initializer(config.map("kernel_initializer"), where))
                        .biasInitializer(initializer(config.map("bias_initializer"), where))
                        .kernelRegularizer(regularizer(config.mapOrNull("kernel_regularizer"), where))
                        .biasRegularizer(regularizer(config.mapOrNull("bias_regularizer"), where));
                config.mustBeNull("activity_regularizer", "kernel_constraint", "bias_constraint");
                layer = dense;
            }
            case "Dropout" -> {
                layer = new Dropout(config.number("rate"));
                config.mustBeNull("noise_shape", "seed");
            }
            case "Activation" -> layer = new Activation(config.string("activation"));
            case "BatchNormalization" -> {
                Object axis = config.read("axis");
                if (!(Objects.equals(axis, -1) || Objects.equals(axis, List.of(-1)))) {
                    throw new UnsupportedOperationException(where + ": BatchNormalization over axis " + axis
                            + " is not supported; only the last axis (-1)");
                }
                layer = new BatchNormalization().momentum(config.number("momentum"))
                        .epsilon(config.number("epsilon")).center(config.bool("center")).scale(config.bool("scale"));
                requireConstant(config.map("beta_initializer"), 0, where);
                requireConstant(config.map("gamma_initializer"), 1, where);
                requireConstant(config.map("moving_mean_initializer"), 0, where);
                requireConstant(config.map("moving_variance_initializer"), 1, where);
                config.mustBeNull("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
            }
            default -> throw new UnsupportedOperationException("unsupported layer type '" + className
                    + "' at position " + position + "; supported: " + String.join(", ", SUPPORTED_LAYERS));
        }
        if (!Boolean.TRUE.equals(config.optional("trainable", true))) {
            throw new UnsupportedOperationException(where + ": non-trainable (frozen) layers are not supported yet");
        }
        layer = layer.name(config.string("name"));
        Object dtype = config.optional("dtype", layer.dtype());
        layer = layer.dtype(String.valueOf(dtype));
        Object shape = config.optional("batch_input_shape", null);
        return shape == null ? layer : layer.inputDim(featureCount(asList(shape, where), where));
    }

    private static void requireConstant(Map<String, Object> entry, double value, String where) {
        Initializer initializer = initializer(entry, where);
        if (initializer.constantValue().isEmpty() || initializer.constantValue().getAsDouble() != value) {
            throw new UnsupportedOperationException(where + ": BatchNormalization initializer " + entry
                    + " is not supported; DL4J starts these weights at " + value);
        }
    }

    private static long featureCount(List<Object> shape, String where) {
        if (shape.size() != 2 || shape.get(0) != null || !(shape.get(1) instanceof Number features)) {
            throw new UnsupportedOperationException(where + ": input shape " + shape + " is not supported; only "
                    + "[null, features]");
        }
        return features.longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value, String where) {
        if (value instanceof List) {
            return (List<Object>) value;
        }
        throw new IllegalArgumentException(where + ": expected a shape array, found " + KerasJson.describe(value));
    }

    private static Initializer initializer(Map<String, Object> entry, String where) {
        return Initializers.fromConfig(KerasJson.string(entry, "class_name", where),
                configOf(entry, where));
    }

    private static Regularizer regularizer(Map<String, Object> entry, String where) {
        return entry == null ? null : Regularizers.fromConfig(KerasJson.string(entry, "class_name", where),
                configOf(entry, where));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> configOf(Map<String, Object> entry, String where) {
        Object config = entry.get("config");
        return config == null ? Map.of() : KerasJson.object(entry, "config", where);
    }

    /**
     * Compiles {@code model} as a Keras {@code training_config} says: loss, metrics and optimizer.
     *
     * @param source what the config came from, for error messages
     */
    public static void compile(Sequential model, Map<String, ?> trainingConfig, String source) {
        Config config = new Config(trainingConfig, source + ", training_config");
        String loss = config.string("loss");
        List<Metric> metrics = new ArrayList<>();
        Object metricList = config.optional("metrics", null);
        if (metricList != null) {
            for (Object metric : asList(metricList, source + ", training_config metrics")) {
                if (!(metric instanceof String name)) {
                    throw new UnsupportedOperationException(source + ": metric " + metric + " is not supported; "
                            + "keras4j reads metrics given by name");
                }
                metrics.add(Metrics.get(name));
            }
        }
        config.mustBeNull("weighted_metrics", "loss_weights");
        Map<String, Object> optimizerEntry = config.map("optimizer_config");
        Optimizer optimizer = Optimizers.fromConfig(KerasJson.string(optimizerEntry, "class_name", source),
                configOf(optimizerEntry, source));
        config.requireAllRead();
        model.compile(optimizer, Losses.get(loss), metrics.toArray(new Metric[0]));
    }

    /** A config object whose every key must be read, so that nothing in a file is silently ignored. */
    private static final class Config {
        private final Map<String, ?> values;
        private final String where;
        private final Set<String> read = new TreeSet<>();

        Config(Map<String, ?> values, String where) {
            this.values = values;
            this.where = where;
        }

        Object read(String key) {
            read.add(key);
            return values.get(key);
        }

        Object optional(String key, Object otherwise) {
            read.add(key);
            return values.containsKey(key) && values.get(key) != null ? values.get(key) : otherwise;
        }

        Object required(String key) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(where + ": missing \"" + key + "\"");
            }
            return read(key);
        }

        String string(String key) {
            if (required(key) instanceof String text) {
                return text;
            }
            throw wrongType(key, "a string");
        }

        double number(String key) {
            if (required(key) instanceof Number number) {
                return number.doubleValue();
            }
            throw wrongType(key, "a number");
        }

        int integer(String key) {
            if (required(key) instanceof Number number && number.doubleValue() == number.intValue()) {
                return number.intValue();
            }
            throw wrongType(key, "an integer");
        }

        boolean bool(String key) {
            if (required(key) instanceof Boolean flag) {
                return flag;
            }
            throw wrongType(key, "true or false");
        }

        List<Object> list(String key) {
            return asList(required(key), where + " \"" + key + "\"");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            if (required(key) instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw wrongType(key, "an object");
        }

        Map<String, Object> mapOrNull(String key) {
            return read(key) == null ? null : map(key);
        }

        void mustBeNull(String... keys) {
            for (String key : keys) {
                if (read(key) != null) {
                    throw new UnsupportedOperationException(where + ": \"" + key + "\" = " + values.get(key)
                            + " is not supported by keras4j");
                }
            }
        }

        void requireAllRead() {
            Set<String> unread = new TreeSet<>(values.keySet());
            unread.removeAll(read);
            if (!unread.isEmpty()) {
                throw new IllegalArgumentException(where + ": unknown keys " + unread + "; keras4j would ignore "
                        + "them, so it refuses the config");
            }
        }

        private IllegalArgumentException wrongType(String key, String expected) {
            return new IllegalArgumentException(where + ": \"" + key + "\" must be " + expected + ", found "
                    + KerasJson.describe(values.get(key)));
        }
    }
}
