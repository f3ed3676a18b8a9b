package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares the model's input shape (without the batch axis): Keras's {@code keras.layers.InputLayer(input_shape=(2,))}
 * or {@code keras.Input(shape=(2,))}. As in Keras, it is not listed in {@code model.layers()} and has no weights.
 */
public final class InputLayer extends FluentLayer<InputLayer> {

    /** Keras's {@code InputLayer}: the model's input, not one of its layers. */
    public static final LayerType<InputLayer> TYPE = LayerType.of("InputLayer", InputLayer::fromConfig)
            .firstOnImages()
            .firstOnSequences()
            .modelInput();

    /** {@code InputLayer(input_shape=shape)}: a number of features, or images (height, width, channels). */
    public InputLayer(long... shape) {
        declareInputShape(shape);
    }

    private static InputLayer fromConfig(LayerConfig config) {
        Object shape = config.has("batch_shape") ? config.read("batch_shape")
                : config.has("batch_input_shape") ? config.read("batch_input_shape") : null;
        if (shape == null && config.has("input_shape")) {
            // Keras 3.0's InputLayer wrote the shape without the batch axis.
            List<Object> inner = new ArrayList<>();
            inner.add(null);
            inner.addAll(config.list(config.read("input_shape")));
            shape = inner;
        }
        if (shape == null) {
            throw new IllegalArgumentException(config.where() + ": missing \"batch_shape\" or \"batch_input_shape\"");
        }
        config.mustBe("sparse", false);
        config.mustBe("ragged", false);
        config.mustBe("optional", false);
        config.accept("name", "batch_size");
        // The InputLayer's dtype is the model's input type; each layer carries its own compute dtype.
        config.dtype(config.read("dtype"), "float32");
        long[] inputShape = config.batchShape(config.list(shape));
        if (config.position() != 0) {
            throw new UnsupportedOperationException(config.where() + ": an InputLayer must come first");
        }
        return new InputLayer(inputShape);
    }

    @Override
    public LayerType<InputLayer> type() {
        return TYPE;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    /** The shape it declares, unchanged. */
    @Override
    public Shape outputShape(Shape inputShape) {
        return inputShape;
    }

    /** tf.keras 2.x's InputLayer config: its keys only, none of a layer's ({@code trainable}). */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        writeConfig(config);
        return config;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        List<Object> batchShape = new ArrayList<>();
        batchShape.add(null);
        for (long size : inputShape()) {
            batchShape.add(size == Shape.NONE ? null : size);
        }
        config.put("batch_input_shape", batchShape);
        config.put("dtype", dtype());
        config.put("sparse", false);
        config.put("ragged", false);
        config.put("name", name());
    }

    /** The model's input has no DL4J layer: the translator gives DL4J the input type instead. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        throw new UnsupportedOperationException("an InputLayer declares the model's input shape; it is not one of "
                + "the model's layers and has no DL4J layer");
    }
}
