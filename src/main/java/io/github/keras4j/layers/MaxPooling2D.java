package io.github.keras4j.layers;

import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;

/**
 * The maximum of each {@code poolSize} window of channels-last images, Keras's {@code keras.layers.MaxPooling2D}:
 * {@code new MaxPooling2D()} is {@code MaxPooling2D()} (pool (2, 2), strides the pool size, padding "valid"),
 * {@code new MaxPooling2D(3).strides(2).padding("same")} is {@code MaxPooling2D(3, strides=2, padding='same')}. No
 * weights; channels-last data only.
 */
public final class MaxPooling2D extends Pooling2D<MaxPooling2D> {

    /** Keras's {@code MaxPooling2D} (also spelt {@code MaxPool2D}); Keras 1 called {@code padding} {@code border_mode}. */
    public static final LayerType<MaxPooling2D> TYPE = LayerType.of("MaxPooling2D",
            config -> readPooling(MaxPooling2D::new, config))
            .aliases("MaxPool2D")
            .keras1Keys(KERAS1_KEYS)
            .firstOnImages();

    /** {@code MaxPooling2D()}: a (2, 2) window. */
    public MaxPooling2D() {
        this(DEFAULT_POOL_SIZE);
    }

    /** {@code MaxPooling2D(pool_size)}: one size for both axes, or (height, width). */
    public MaxPooling2D(int... poolSize) {
        super(poolSize);
    }

    @Override
    public LayerType<MaxPooling2D> type() {
        return TYPE;
    }

    @Override
    PoolingType dl4jPoolingType() {
        return PoolingType.MAX;
    }
}
