package io.github.keras4j.keras;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
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
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One layer of a Keras config, of any Keras version, as a keras4j layer. Keras 1's key names are renamed to
 * Keras 2's first ({@code output_dim} to {@code units}, {@code p} to {@code rate}, {@code W_regularizer} to
 * {@code kernel_regularizer}...); absent keys take Keras's constructor defaults, as Keras's {@code from_config} does.
 */
final class LayerConfigs {

    /** Keras 1 key → Keras 2 key, for every layer type (each Keras 1 key has one meaning). */
    private static final Map<String, String> KERAS1_KEYS = Map.of(
            "output_dim", "units", "bias", "use_bias", "W_regularizer", "kernel_regularizer",
            "b_regularizer", "bias_regularizer", "W_constraint", "kernel_constraint", "b_constraint", "bias_constraint",
            "input_dtype", "dtype");

    private LayerConfigs() {
    }

    /** The layer's class name and its Keras 2 config (Keras 1's keys renamed), checked for Keras 3's module. */
    static Layer read(Map<String, Object> entry, int position, String source, long[] incomingShape) {
        String where = source + ", layer " + position;
        ConfigObject outer = new ConfigObject(entry, where);
        String className = outer.string("class_name");
        ModelLayout.checkModule(outer, "keras.layers", className);
        // Keras 3's build_config repeats the input shape, which keras4j derives from the layers before.
        outer.accept("build_config");
        Map<String, Object> raw = outer.map("config");
        outer.requireAllRead();
        String at = where + " (" + className + ")";
        ConfigObject config = new ConfigObject(keras2Keys(className, raw, at), at);
        Layer layer = layer(className, config, position, at);
        if (layer instanceof InputLayer) {
            config.requireAllRead();
            return layer;
        }
        if (!Boolean.TRUE.equals(config.optional("trainable", true))) {
            throw new UnsupportedOperationException(at + ": non-trainable (frozen) layers are not supported yet");
        }
        layer = layer.name(config.string("name"));
        layer = layer.dtype(dtype(config.read("dtype"), layer.dtype(), at));
        long[] declared = declaredShape(config, at);
        config.requireAllRead();
        if (declared == null) {
            return layer;
        }
        if (position == 0 || incomingShape == null) {
            return layer.inputShape(declared);
        }
        // Keras uses only the first layer's input shape; a later one that contradicts the model is a broken file.
        if (!java.util.Arrays.equals(declared, incomingShape)) {
            throw new IllegalArgumentException(at + ": declares input shape " + java.util.Arrays.toString(declared)
                    + " but the layers before it give " + java.util.Arrays.toString(incomingShape));
        }
        return layer;
    }

    private static Map<String, Object> keras2Keys(String className, Map<String, Object> raw, String where) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String key = entry.getKey();
            String renamed = KERAS1_KEYS.getOrDefault(key, key);
            if ("Dropout".equals(className) && "p".equals(key)) {
                renamed = "rate";
            } else if ("init".equals(key)) {
                renamed = "PReLU".equals(className) ? "alpha_initializer" : "kernel_initializer";
            }
            if (!renamed.equals(key) && raw.containsKey(renamed)) {
                throw new IllegalArgumentException(where + ": both Keras 1's \"" + key + "\" and Keras 2's \""
                        + renamed + "\" are given");
            }
            Object value = entry.getValue();
            if (!renamed.equals(key) && renamed.endsWith("_constraint") && value != null) {
                // Named as the file spells it, so that the user finds it.
                throw new UnsupportedOperationException(where + ": \"" + key + "\" = " + KerasJson.write(value)
                        + " is not supported by keras4j");
            }
            if (renamed.endsWith("_regularizer")) {
                value = Keras1Objects.regularizer(value, where);
            } else if (renamed.endsWith("_initializer") && value instanceof String name) {
                value = Keras1Objects.initializer(name, where);
            }
            config.put(renamed, value);
        }
        return config;
    }

    private static Layer layer(String className, ConfigObject config, int position, String where) {
        switch (className) {
            case "InputLayer" -> {
                Object shape = config.has("batch_shape") ? config.read("batch_shape")
                        : config.has("batch_input_shape") ? config.read("batch_input_shape") : null;
                if (shape == null && config.has("input_shape")) {
                    // Keras 3.0's InputLayer wrote the shape without the batch axis.
                    List<Object> inner = new java.util.ArrayList<>();
                    inner.add(null);
                    inner.addAll(ModelConfig.asList(config.read("input_shape"), where));
                    shape = inner;
                }
                if (shape == null) {
                    throw new IllegalArgumentException(where + ": missing \"batch_shape\" or \"batch_input_shape\"");
                }
                config.mustBe("sparse", false);
                config.mustBe("ragged", false);
                config.mustBe("optional", false);
                config.accept("name", "batch_size");
                String dtype = dtype(config.read("dtype"), "float32", where);
                long[] inputShape = shape(ModelConfig.asList(shape, where), where);
                if (position != 0) {
                    throw new UnsupportedOperationException(where + ": an InputLayer must come first");
                }
                // The InputLayer's dtype is the model's input type; each layer carries its own compute dtype.
                Objects.requireNonNull(dtype);
                return new InputLayer(inputShape);
            }
            case "Dense" -> {
                Dense dense = new Dense(config.integer("units"), activation(config.optional("activation", "linear"),
                        where))
                        .useBias(config.bool("use_bias", true))
                        .kernelInitializer(initializer(config.optional("kernel_initializer", "glorot_uniform"), where))
                        .biasInitializer(initializer(config.optional("bias_initializer", "zeros"), where))
                        .kernelRegularizer(regularizer(config.mapOrNull("kernel_regularizer"), where))
                        .biasRegularizer(regularizer(config.mapOrNull("bias_regularizer"), where));
                config.mustBeNull("activity_regularizer", "kernel_constraint", "bias_constraint", "lora_rank",
                        "quantization_config");
                config.accept("lora_alpha");
                return dense;
            }
            case "Conv2D" -> {
                config.mustBe("data_format", "channels_last");
                Object dilation = config.read("dilation_rate");
                if (!(dilation == null || Objects.equals(dilation, 1) || Objects.equals(dilation, List.of(1, 1)))) {
                    throw new UnsupportedOperationException(where + ": dilation_rate " + KerasJson.write(dilation)
                            + " is not supported; only 1");
                }
                Object groups = config.read("groups");
                if (!(groups == null || Objects.equals(groups, 1))) {
                    throw new UnsupportedOperationException(where + ": groups " + groups + " is not supported; only 1");
                }
                Conv2D conv = new Conv2D(config.integer("filters"), pair(config.required("kernel_size"), "kernel_size",
                        where))
                        .strides(pair(config.optional("strides", List.of(1, 1)), "strides", where))
                        .padding(String.valueOf(config.optional("padding", "valid")))
                        .activation(activation(config.optional("activation", "linear"), where))
                        .useBias(config.bool("use_bias", true))
                        .kernelInitializer(initializer(config.optional("kernel_initializer", "glorot_uniform"), where))
                        .biasInitializer(initializer(config.optional("bias_initializer", "zeros"), where))
                        .kernelRegularizer(regularizer(config.mapOrNull("kernel_regularizer"), where))
                        .biasRegularizer(regularizer(config.mapOrNull("bias_regularizer"), where));
                config.mustBeNull("activity_regularizer", "kernel_constraint", "bias_constraint", "lora_rank");
                config.accept("lora_alpha");
                return conv;
            }
            case "Flatten" -> {
                Object format = config.read("data_format");
                if (!(format == null || "channels_last".equals(format))) {
                    throw new UnsupportedOperationException(where + ": data_format " + KerasJson.write(format)
                            + " is not supported; only channels_last");
                }
                return new Flatten();
            }
            case "Dropout" -> {
                Dropout dropout = new Dropout(config.number("rate"));
                config.mustBeNull("noise_shape");
                // A per-layer seed fixes Keras's own random stream; keras4j's dropout draws from the model's seed.
                config.accept("seed");
                return dropout;
            }
            case "Activation" -> {
                return new Activation(activation(config.required("activation"), where));
            }
            case "BatchNormalization" -> {
                Object axis = config.read("axis");
                if (!(axis == null || Objects.equals(axis, -1) || Objects.equals(axis, List.of(-1))
                        || Objects.equals(axis, 1) || Objects.equals(axis, List.of(1)))) {
                    throw new UnsupportedOperationException(where + ": BatchNormalization over axis " + axis
                            + " is not supported; only the feature axis (-1)");
                }
                Object mode = config.read("mode");
                if (mode != null && !Objects.equals(mode, 0)) {
                    throw new UnsupportedOperationException(where + ": Keras 1's BatchNormalization mode=" + mode
                            + " is not supported; only mode=0 (feature-wise, as Keras 2)");
                }
                BatchNormalization batchNorm = new BatchNormalization()
                        .momentum(config.number("momentum", 0.99)).epsilon(config.number("epsilon", 1e-3))
                        .center(config.bool("center", true)).scale(config.bool("scale", true));
                requireConstant(config, "beta_initializer", 0, where);
                requireConstant(config, "gamma_initializer", 1, where);
                requireConstant(config, "moving_mean_initializer", 0, where);
                requireConstant(config, "moving_variance_initializer", 1, where);
                config.mustBeNull("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
                        "renorm_clipping", "virtual_batch_size", "adjustment");
                config.mustBe("renorm", false);
                config.mustBe("synchronized", false);
                // tf.keras's choice of kernel (fused or not) and renorm's momentum when renorm is off change nothing.
                config.accept("fused", "renorm_momentum");
                return batchNorm;
            }
            case "ELU" -> {
                return new ELU(config.number("alpha", ELU.DEFAULT_ALPHA));
            }
            case "LeakyReLU" -> {
                if (config.has("alpha") && config.has("negative_slope")) {
                    throw new IllegalArgumentException(where + ": both Keras 2's \"alpha\" and Keras 3's "
                            + "\"negative_slope\" are given");
                }
                String key = config.has("negative_slope") ? "negative_slope" : "alpha";
                config.accept("alpha", "negative_slope");
                return new LeakyReLU(config.number(key, LeakyReLU.DEFAULT_NEGATIVE_SLOPE));
            }
            case "ReLU" -> {
                ReLU relu = new ReLU().negativeSlope(config.number("negative_slope", 0.0))
                        .threshold(config.number("threshold", 0.0));
                Object max = config.read("max_value");
                if (max == null) {
                    return relu;
                }
                if (!(max instanceof Number number)) {
                    throw config.wrongType("max_value", "a number or null");
                }
                return relu.maxValue(number.doubleValue());
            }
            case "Softmax" -> {
                Object axis = config.read("axis");
                if (!(axis == null || Objects.equals(axis, -1) || Objects.equals(axis, List.of(-1))
                        || Objects.equals(axis, 1))) {
                    throw new UnsupportedOperationException(where + ": Softmax over axis " + axis
                            + " is not supported; only the feature axis (-1)");
                }
                return new Softmax();
            }
            case "ThresholdedReLU" -> {
                return new ThresholdedReLU(config.number("theta", ThresholdedReLU.DEFAULT_THETA));
            }
            case "PReLU" -> {
                PReLU prelu = new PReLU().alphaInitializer(initializer(config.optional("alpha_initializer", "zeros"),
                        where));
                config.mustBeNull("alpha_regularizer", "alpha_constraint");
                Object axes = config.read("shared_axes");
                if (axes == null) {
                    return prelu;
                }
                List<Object> list = axes instanceof List<?> ? ModelConfig.asList(axes, where) : List.of(axes);
                int[] shared = new int[list.size()];
                for (int i = 0; i < shared.length; i++) {
                    if (!(list.get(i) instanceof Integer axis)) {
                        throw config.wrongType("shared_axes", "a list of axis numbers");
                    }
                    shared[i] = axis;
                }
                return prelu.sharedAxes(shared);
            }
            default -> throw new UnsupportedOperationException("unsupported layer type '" + className
                    + "' at position " + position + "; supported: " + String.join(", ", ModelConfig.SUPPORTED_LAYERS));
        }
    }

    /** The input shape a layer declares (Keras 2's {@code batch_input_shape}, Keras 1's {@code input_dim}). */
    private static long[] declaredShape(ConfigObject config, String where) {
        Object shape = config.read("batch_input_shape");
        Object inputDim = config.read("input_dim");
        if (shape != null) {
            List<Object> list = ModelConfig.asList(shape, where);
            if (list.size() == 2 && list.get(0) == null && list.get(1) == null) {
                // Keras 2.0 writes [null, null] on later layers; it says nothing.
                return inputDim instanceof Number number ? new long[] {number.longValue()} : null;
            }
            long[] declared = shape(list, where);
            if (inputDim instanceof Number number && (declared.length != 1 || number.longValue() != declared[0])) {
                throw new IllegalArgumentException(where + ": input_dim " + inputDim + " contradicts "
                        + "batch_input_shape " + shape);
            }
            return declared;
        }
        return inputDim instanceof Number number ? new long[] {number.longValue()} : null;
    }

    /** A batch shape without its batch axis: {@code [null, features]} or {@code [null, height, width, channels]}. */
    static long[] shape(List<Object> shape, String where) {
        boolean known = (shape.size() == 2 || shape.size() == 4) && shape.get(0) == null;
        long[] sizes = new long[Math.max(0, shape.size() - 1)];
        for (int i = 1; known && i < shape.size(); i++) {
            known = shape.get(i) instanceof Number size;
            sizes[i - 1] = known ? ((Number) shape.get(i)).longValue() : 0;
        }
        if (!known) {
            throw new UnsupportedOperationException(where + ": input shape " + KerasJson.write(shape)
                    + " is not supported; only [null, features] or [null, height, width, channels]");
        }
        return sizes;
    }

    /** Keras's {@code kernel_size} or {@code strides}: one integer or a pair. */
    private static int[] pair(Object value, String key, String where) {
        List<Object> list = value instanceof List<?> ? ModelConfig.asList(value, where) : List.of(value);
        int[] result = new int[list.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(list.get(i) instanceof Integer size)) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be an integer or a pair of "
                        + "integers, found " + KerasJson.write(value));
            }
            result[i] = size;
        }
        return result;
    }

    /** A dtype: a name, or Keras 3's {@code DTypePolicy} object (tf.keras's {@code Policy}) holding one. */
    static String dtype(Object value, String otherwise, String where) {
        if (value == null) {
            return otherwise;
        }
        if (value instanceof String name) {
            return name;
        }
        if (value instanceof Map<?, ?> policy && ("DTypePolicy".equals(policy.get("class_name"))
                || "Policy".equals(policy.get("class_name")))
                && policy.get("config") instanceof Map<?, ?> config && config.get("name") instanceof String name) {
            return name;
        }
        throw new IllegalArgumentException(where + ": dtype " + KerasJson.write(value) + " is not a float type name "
                + "or a DTypePolicy");
    }

    /** An activation name; Keras 3 may write a built-in function as {@code {"class_name": "function", "config": name}}. */
    private static Activations activation(Object value, String where) {
        if (value instanceof String name) {
            return Activations.get(name);
        }
        if (value instanceof Map<?, ?> function && "function".equals(function.get("class_name"))
                && function.get("config") instanceof String name) {
            return Activations.get(name);
        }
        throw new UnsupportedOperationException(where + ": activation " + KerasJson.write(value) + " is not "
                + "supported; keras4j reads built-in activations by name");
    }

    private static void requireConstant(ConfigObject config, String key, double value, String where) {
        Object entry = config.read(key);
        if (entry == null) {
            return;
        }
        Initializer initializer = initializer(entry, where);
        if (initializer.constantValue().isEmpty() || initializer.constantValue().getAsDouble() != value) {
            throw new UnsupportedOperationException(where + ": BatchNormalization " + key + " "
                    + KerasJson.write(entry) + " is not supported; DL4J starts these weights at " + value);
        }
    }

    static Initializer initializer(Object value, String where) {
        if (value instanceof String name) {
            return Initializers.get(name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": an initializer must be a name or an object, found "
                    + KerasJson.describe(value));
        }
        ConfigObject entry = new ConfigObject(cast(map), where + ", initializer");
        String className = entry.string("class_name");
        ModelLayout.checkModule(entry, "keras.initializers", className);
        Map<String, Object> config = entry.mapOrNull("config");
        entry.accept("__passive_serialization__");
        entry.requireAllRead();
        return Initializers.fromConfig(className, config == null ? Map.of() : config);
    }

    static Regularizer regularizer(Map<String, Object> entry, String where) {
        if (entry == null) {
            return null;
        }
        ConfigObject object = new ConfigObject(entry, where + ", regularizer");
        String className = object.string("class_name");
        ModelLayout.checkModule(object, "keras.regularizers", className);
        Map<String, Object> config = object.mapOrNull("config");
        object.requireAllRead();
        return Regularizers.fromConfig(className, config == null ? Map.of() : config);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
