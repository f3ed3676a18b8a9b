package io.github.keras4j.keras;

import io.github.keras4j.internal.ConfigReader;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LayerType;
import io.github.keras4j.layers.Layers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of a Keras config, of any Keras version, as a keras4j layer: the keys every layer has are read here, the
 * type's own keys by its {@link LayerType} (found in {@link Layers}). The type's Keras 1 key names are renamed to
 * Keras 2's first ({@code output_dim} to {@code units}, {@code p} to {@code rate}, {@code W_regularizer} to
 * {@code kernel_regularizer}...); absent keys take Keras's constructor defaults, as Keras's {@code from_config} does.
 */
final class LayerConfigs {

    /** Keras 1 key → Keras 2 key of every layer type; each type adds its own ({@link LayerType#keras1Keys()}). */
    private static final Map<String, String> KERAS1_KEYS = Map.of("input_dtype", "dtype");

    private LayerConfigs() {
    }

    /** The layer of one entry of a model's layer list, checked against the shape the layers before it give. */
    static Layer read(Map<String, Object> entry, int position, String source, Shape incomingShape, int kerasVersion) {
        String where = source + ", layer " + position;
        ConfigReader outer = ConfigReader.kerasJson(entry, where);
        String className = outer.string("class_name");
        ModelLayout.checkModule(outer, "keras.layers", className);
        // Keras 3's build_config repeats the input shape, which keras4j derives from the layers before.
        outer.accept("build_config");
        Map<String, Object> raw = outer.map("config");
        outer.requireAllRead();
        LayerType<?> type = type(className, position);
        String at = where + " (" + className + ")";
        LayerConfigReader config = new LayerConfigReader(keras2Keys(type, raw, at), at, position, kerasVersion);
        Layer layer = type.fromConfig(config);
        if (type.isModelInput()) {
            config.requireAllRead();
            return layer;
        }
        if (!Boolean.TRUE.equals(config.optional("trainable", true))) {
            throw new UnsupportedOperationException(at + ": non-trainable (frozen) layers are not supported yet");
        }
        layer = layer.name(config.string("name"));
        layer = layer.dtype(computeType(config, type, layer.dtype()));
        long[] declared = declaredShape(config, layer.declaredShape(), type.isReadingInputDim());
        config.requireAllRead();
        if (declared == null) {
            return layer;
        }
        if (position == 0 || incomingShape == null) {
            return layer.inputShape(declared);
        }
        // Keras uses only the first layer's input shape; a later one that contradicts the model is a broken file.
        if (!Shape.of(declared).accepts(incomingShape)) {
            throw new IllegalArgumentException(at + ": declares input shape " + Arrays.toString(declared)
                    + " but the layers before it give " + incomingShape.sizesText());
        }
        return layer;
    }

    /**
     * A layer inside a wrapper's config ({@code Bidirectional}'s {@code layer}): read as a model's layer is, except
     * that an InputLayer cannot be one; a declared input shape stays on the layer for the wrapper to take.
     */
    static Layer readNested(Map<String, Object> entry, String where, int kerasVersion) {
        ConfigReader outer = ConfigReader.kerasJson(entry, where);
        String className = outer.string("class_name");
        ModelLayout.checkModule(outer, "keras.layers", className);
        outer.accept("build_config");
        Map<String, Object> raw = outer.map("config");
        outer.requireAllRead();
        LayerType<?> type = Layers.find(className).filter(found -> !found.isModelInput()).orElseThrow(
                () -> new UnsupportedOperationException(where + ": unsupported layer type '" + className + "'"));
        String at = where + " (" + className + ")";
        LayerConfigReader config = new LayerConfigReader(keras2Keys(type, raw, at), at, 0, kerasVersion);
        Layer layer = type.fromConfig(config);
        if (!Boolean.TRUE.equals(config.optional("trainable", true))) {
            throw new UnsupportedOperationException(at + ": non-trainable (frozen) layers are not supported yet");
        }
        layer = layer.name(config.string("name"));
        layer = layer.dtype(computeType(config, type, layer.dtype()));
        long[] declared = declaredShape(config, layer.declaredShape(), type.isReadingInputDim());
        config.requireAllRead();
        return declared == null ? layer : layer.inputShape(declared);
    }

    /** The layer's float type: its dtype, unless that is an integer type of a layer taking integer indices. */
    private static String computeType(LayerConfigReader config, LayerType<?> type, String otherwise) {
        String dtype = config.dtype(config.read("dtype"), otherwise);
        return type.takesIntegerInput() && dtype.matches("u?int(8|16|32|64)") ? otherwise : dtype;
    }

    /**
     * The registered type of a layer's class name.
     *
     * @throws UnsupportedOperationException naming the class, its position and the supported types
     */
    static LayerType<?> type(Object className, int position) {
        String name = className instanceof String text ? text : null;
        return Layers.find(name).orElseThrow(() -> {
            String suggestion = Layers.suggestion(name);
            return new UnsupportedOperationException("unsupported layer type '" + className + "' at position "
                    + position + (suggestion == null ? "; supported: " : "; did you mean '" + suggestion
                    + "'? supported: ") + String.join(", ", Layers.classNames()));
        });
    }

    private static Map<String, Object> keras2Keys(LayerType<?> type, Map<String, Object> raw, String where) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String key = entry.getKey();
            String renamed = type.keras1Keys().getOrDefault(key, KERAS1_KEYS.getOrDefault(key, key));
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

    /**
     * The input shape a layer declares (Keras 2's {@code batch_input_shape}, Keras 1's {@code input_dim}, the number of
     * features of each step for Keras 1's recurrent layers, which read it with their {@code input_length} themselves:
     * {@code typeDeclared}).
     */
    private static long[] withBatchAxis(long[] sizes) {
        long[] shape = new long[sizes.length + 1];
        shape[0] = 1;
        System.arraycopy(sizes, 0, shape, 1, sizes.length);
        return shape;
    }

    private static long[] declaredShape(LayerConfigReader config, Shape typeDeclared, boolean typeReadsInputDim) {
        Object shape = config.read("batch_input_shape");
        Object inputDim = typeReadsInputDim ? null : config.read("input_dim");
        if (shape != null) {
            List<Object> list = config.list(shape);
            if (list.size() == 2 && list.get(0) == null && list.get(1) == null && config.position() > 0) {
                // Keras 2.0 writes [null, null] on later layers; it says nothing.
                return inputDim instanceof Number number && typeDeclared == null ? new long[] {number.longValue()}
                        : null;
            }
            long[] declared = config.batchShape(list);
            if (inputDim instanceof Number number && number.longValue() != declared[declared.length - 1]) {
                throw new IllegalArgumentException(config.where() + ": input_dim " + inputDim + " contradicts "
                        + "batch_input_shape " + shape);
            }
            if (typeDeclared != null && !typeDeclared.matches(withBatchAxis(declared))) {
                throw new IllegalArgumentException(config.where() + ": input_length and input_dim "
                        + typeDeclared.sizesText() + " contradict batch_input_shape " + shape);
            }
            return declared;
        }
        return inputDim instanceof Number number && typeDeclared == null ? new long[] {number.longValue()} : null;
    }
}
