package io.github.keras4j.keras;

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
    static Layer read(Map<String, Object> entry, int position, String source, long[] incomingShape) {
        String where = source + ", layer " + position;
        ConfigObject outer = new ConfigObject(entry, where);
        String className = outer.string("class_name");
        ModelLayout.checkModule(outer, "keras.layers", className);
        // Keras 3's build_config repeats the input shape, which keras4j derives from the layers before.
        outer.accept("build_config");
        Map<String, Object> raw = outer.map("config");
        outer.requireAllRead();
        LayerType<?> type = type(className, position);
        String at = where + " (" + className + ")";
        LayerConfigReader config = new LayerConfigReader(keras2Keys(type, raw, at), at, position);
        Layer layer = type.fromConfig(config);
        if (type.isModelInput()) {
            config.requireAllRead();
            return layer;
        }
        if (!Boolean.TRUE.equals(config.optional("trainable", true))) {
            throw new UnsupportedOperationException(at + ": non-trainable (frozen) layers are not supported yet");
        }
        layer = layer.name(config.string("name"));
        layer = layer.dtype(config.dtype(config.read("dtype"), layer.dtype()));
        long[] declared = declaredShape(config);
        config.requireAllRead();
        if (declared == null) {
            return layer;
        }
        if (position == 0 || incomingShape == null) {
            return layer.inputShape(declared);
        }
        // Keras uses only the first layer's input shape; a later one that contradicts the model is a broken file.
        if (!Arrays.equals(declared, incomingShape)) {
            throw new IllegalArgumentException(at + ": declares input shape " + Arrays.toString(declared)
                    + " but the layers before it give " + Arrays.toString(incomingShape));
        }
        return layer;
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

    /** The input shape a layer declares (Keras 2's {@code batch_input_shape}, Keras 1's {@code input_dim}). */
    private static long[] declaredShape(LayerConfigReader config) {
        Object shape = config.read("batch_input_shape");
        Object inputDim = config.read("input_dim");
        if (shape != null) {
            List<Object> list = config.list(shape);
            if (list.size() == 2 && list.get(0) == null && list.get(1) == null) {
                // Keras 2.0 writes [null, null] on later layers; it says nothing.
                return inputDim instanceof Number number ? new long[] {number.longValue()} : null;
            }
            long[] declared = config.batchShape(list);
            if (inputDim instanceof Number number && (declared.length != 1 || number.longValue() != declared[0])) {
                throw new IllegalArgumentException(config.where() + ": input_dim " + inputDim + " contradicts "
                        + "batch_input_shape " + shape);
            }
            return declared;
        }
        return inputDim instanceof Number number ? new long[] {number.longValue()} : null;
    }
}
