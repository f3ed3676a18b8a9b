package io.github.keras4j.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * The maximum over every pixel of channels-last images {@code (height, width, channels)}, Keras's {@code
 * keras.layers.GlobalMaxPooling2D}: {@code new GlobalMaxPooling2D()} is {@code GlobalMaxPooling2D()}, {@code new
 * GlobalMaxPooling2D().keepdims(true)} is {@code GlobalMaxPooling2D(keepdims=True)}. No weights; channels-last data
 * only.
 */
public final class GlobalMaxPooling2D extends GlobalPooling<GlobalMaxPooling2D> {

    /** Keras's {@code GlobalMaxPooling2D} (also spelt {@code GlobalMaxPool2D}). */
    public static final LayerType<GlobalMaxPooling2D> TYPE = LayerType.of("GlobalMaxPooling2D",
            config -> readPooling(new GlobalMaxPooling2D(), config))
            .aliases("GlobalMaxPool2D")
            .firstOnImages();

    /** {@code GlobalMaxPooling2D()}. */
    public GlobalMaxPooling2D() {
    }

    @Override
    public LayerType<GlobalMaxPooling2D> type() {
        return TYPE;
    }

    @Override
    boolean pooling1D() {
        return false;
    }

    @Override
    PoolingType dl4jPoolingType() {
        return PoolingType.MAX;
    }
}
