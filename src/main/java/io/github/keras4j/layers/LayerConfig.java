package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.regularizers.Regularizer;
import java.util.List;

/**
 * The Keras config of one layer as its {@link LayerType} reads it (Keras's {@code from_config}), already in Keras 2's
 * spelling (the type's Keras 1 keys renamed). Every key must be read, accepted or refused: the model reader fails on
 * keys nobody read, so nothing in a file is silently ignored. Getters with a default take Keras's constructor default
 * when the key is absent or null, as {@code cls(**config)} does. Errors name the file, the layer's position and class
 * ({@link #where()}), the key and the value.
 *
 * <p>The model reader ({@code keras.LayerConfigs}) implements it; layer types only read.
 */
public interface LayerConfig {

    /** Where the config is, for messages: {@code "model.h5, layer 2 (Dense)"}. */
    String where();

    /** The layer's position in the file's layer list (0 for the first). */
    int position();

    /** The major version of the Keras that wrote the file (1, 2 or 3), where a name's meaning differs between them. */
    int kerasVersion();

    boolean has(String key);

    /** The raw value (null when absent), marked as read. */
    Object read(String key);

    /** The raw value, or {@code otherwise} when absent or null. */
    Object optional(String key, Object otherwise);

    /** The raw value; a missing key is an error. */
    Object required(String key);

    String string(String key);

    double number(String key);

    double number(String key, double otherwise);

    int integer(String key);

    boolean bool(String key, boolean otherwise);

    /** Keys whose only supported value is null (or absent): a constraint, a quantizer... */
    void mustBeNull(String... keys);

    /** A key whose only supported value is {@code expected} (or absent/null, meaning Keras's default). */
    void mustBe(String key, Object expected);

    /** Keys that do not change what is computed (bookkeeping, placement, a layer's own seed): read and accepted. */
    void accept(String... keys);

    /** The error for a key holding a value of the wrong type: {@code "\"rate\" must be a number, found ..."}. */
    IllegalArgumentException wrongType(String key, String expected);

    /** The value as Keras's JSON, for messages. */
    String json(Object value);

    /** A required activation: a name, or Keras 3's {@code {"class_name": "function", "config": name}}. */
    Activations activation(String key);

    /** An activation, or {@code otherwise} when absent or null. */
    Activations activation(String key, Activations otherwise);

    /** An initializer (a name or a {@code {class_name, config}} object), else the one of Keras name {@code otherwise} (null: none). */
    Initializer initializer(String key, String otherwise);

    /** A regularizer object, or null when absent or null. */
    Regularizer regularizer(String key);

    /** Keras's {@code kernel_size}, {@code strides}, {@code pool_size}...: one integer or a tuple, as given. */
    int[] integers(String key);

    /** {@link #integers(String)}, or {@code otherwise} when absent or null. */
    int[] integers(String key, int[] otherwise);

    /**
     * The layer a wrapper holds under {@code key} ({@code Bidirectional}'s {@code layer}, {@code TimeDistributed}'s),
     * read as the model reader reads a layer (its class name, Keras 1 keys, name and dtype, in any Keras version's
     * spelling); null when the key is absent or null.
     */
    Layer layer(String key);

    /** A value that must be a list (a shape), else an error. */
    List<Object> list(Object value);

    /** A batch shape without its batch axis: {@code [null, features]} or {@code [null, height, width, channels]}. */
    long[] batchShape(List<Object> shape);

    /** A dtype: a name, or Keras 3's {@code DTypePolicy} object holding one; {@code otherwise} when null. */
    String dtype(Object value, String otherwise);
}
