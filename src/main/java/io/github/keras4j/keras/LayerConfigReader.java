package io.github.keras4j.keras;

import io.github.keras4j.Shape;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.internal.ConfigReader;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LayerConfig;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One layer's Keras config (Keras 1's keys already renamed) as the layer types read it: {@link ConfigReader}'s typed,
 * every-key-read getters, and the Keras objects layers hold (activations, initializers, regularizers, shapes, dtypes),
 * read in one place for every layer type.
 */
final class LayerConfigReader extends ConfigReader implements LayerConfig {

    /** Counts of a layer (units, filters): a config from elsewhere may hold 0, -1 or 2147483647. */
    private static final Set<String> COUNT_KEYS = Set.of("units", "filters");

    private final int position;
    private final int kerasVersion;

    LayerConfigReader(Map<String, ?> values, String where, int position, int kerasVersion) {
        super(values, where, "", Dialect.KERAS_JSON);
        this.position = position;
        this.kerasVersion = kerasVersion;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public int kerasVersion() {
        return kerasVersion;
    }

    @Override
    public String json(Object value) {
        return KerasJson.write(value);
    }

    @Override
    public int integer(String key) {
        return COUNT_KEYS.contains(key) ? integer(key, 1, Integer.MAX_VALUE) : super.integer(key);
    }

    @Override
    public Activations activation(String key) {
        return activation(required(key));
    }

    @Override
    public Activations activation(String key, Activations otherwise) {
        Object value = read(key);
        return value == null ? otherwise : activation(value);
    }

    /**
     * An activation name; Keras 3 may write a built-in function as {@code {"class_name": "function", "config": name}}.
     * Keras 3 redefined {@code hard_sigmoid}: a Keras 3 file's is {@link Activations#KERAS3_HARD_SIGMOID}.
     */
    private Activations activation(Object value) {
        String name = value instanceof String text ? text
                : value instanceof Map<?, ?> function && "function".equals(function.get("class_name"))
                        && function.get("config") instanceof String text ? text : null;
        if (name != null) {
            Activations activation = Activations.get(name);
            return activation == Activations.HARD_SIGMOID && kerasVersion >= 3 ? Activations.KERAS3_HARD_SIGMOID
                    : activation;
        }
        throw new UnsupportedOperationException(where() + ": activation " + KerasJson.write(value) + " is not "
                + "supported; keras4j reads built-in activations by name");
    }

    @Override
    public Initializer initializer(String key, String otherwise) {
        Object value = optional(key, otherwise);
        if (value == null) {
            return null;
        }
        if (value instanceof String name) {
            return Initializers.get(name);
        }
        if (!(value instanceof Map<?, ?>)) {
            throw wrongType(key, "an initializer's name or object");
        }
        ConfigReader entry = child(key);
        String className = entry.string("class_name");
        ModelLayout.checkModule(entry, "keras.initializers", className);
        ConfigReader config = entry.child("config");
        // Serialization bookkeeping: Keras 3 numbers an initializer object that several weights share.
        entry.accept("__passive_serialization__", "shared_object_id");
        entry.requireAllRead();
        return Initializers.fromConfig(className, config);
    }

    @Override
    public Regularizer regularizer(String key) {
        if (mapOrNull(key) == null) {
            return null;
        }
        ConfigReader object = child(key);
        String className = object.string("class_name");
        ModelLayout.checkModule(object, "keras.regularizers", className);
        ConfigReader config = object.child("config");
        object.requireAllRead();
        return Regularizers.fromConfig(className, config);
    }

    @Override
    public Layer layer(String key) {
        Map<String, Object> entry = mapOrNull(key);
        return entry == null ? null : LayerConfigs.readNested(entry, where() + ", " + key, kerasVersion);
    }

    @Override
    public List<Object> list(Object value) {
        return ModelConfig.asList(value, where());
    }

    @Override
    public long[] batchShape(List<Object> shape) {
        // A fixed batch size (Keras 2.0 wrote one for stateless models too) only restricts the batches Keras takes;
        // keras4j's models take any.
        boolean known = shape.size() >= 2 && shape.size() <= 4 && (shape.get(0) == null
                || shape.get(0) instanceof Integer batch && batch > 0);
        long[] sizes = new long[Math.max(0, shape.size() - 1)];
        for (int i = 1; known && i < shape.size(); i++) {
            // The number of timesteps (the first axis of a sequence, or of token indices) may be unknown.
            boolean unknownSteps = i == 1 && shape.size() <= 3 && shape.get(i) == null;
            known = unknownSteps || shape.get(i) instanceof Number;
            sizes[i - 1] = unknownSteps ? Shape.NONE : known ? ((Number) shape.get(i)).longValue() : 0;
        }
        if (!known) {
            throw new UnsupportedOperationException(where() + ": input shape " + KerasJson.write(shape)
                    + " is not supported; only [null, features], [null, timesteps, features] or [null, height, "
                    + "width, channels]");
        }
        return sizes;
    }

    @Override
    public String dtype(Object value, String otherwise) {
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
        throw new IllegalArgumentException(where() + ": dtype " + KerasJson.write(value) + " is not a float type "
                + "name or a DTypePolicy");
    }
}
