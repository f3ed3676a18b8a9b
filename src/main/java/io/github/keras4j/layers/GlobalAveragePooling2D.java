package io.github.keras4j.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * The mean over every pixel of channels-last images {@code (height, width, channels)}, Keras's {@code
 * keras.layers.GlobalAveragePooling2D}: {@code new GlobalAveragePooling2D()} is {@code GlobalAveragePooling2D()},
 * {@code new GlobalAveragePooling2D().keepdims(true)} is {@code GlobalAveragePooling2D(keepdims=True)}. No weights;
 * channels-last data only.
 */
public final class GlobalAveragePooling2D extends GlobalPooling<GlobalAveragePooling2D> {

    /** Keras's {@code GlobalAveragePooling2D} (also spelt {@code GlobalAvgPool2D}). */
    public static final LayerType<GlobalAveragePooling2D> TYPE = LayerType.of("GlobalAveragePooling2D",
            config -> readPooling(new GlobalAveragePooling2D(), config))
            .aliases("GlobalAvgPool2D")
            .firstOnImages();

    /** {@code GlobalAveragePooling2D()}. */
    public GlobalAveragePooling2D() {
    }

    @Override
    public LayerType<GlobalAveragePooling2D> type() {
        return TYPE;
    }

    @Override
    boolean pooling1D() {
        return false;
    }

    @Override
    PoolingType dl4jPoolingType() {
        return PoolingType.AVG;
    }
}
