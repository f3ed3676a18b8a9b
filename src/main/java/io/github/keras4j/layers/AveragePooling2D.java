package io.github.keras4j.layers;

import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;

/**
 * The mean of each {@code poolSize} window of channels-last images, Keras's {@code keras.layers.AveragePooling2D}:
 * {@code new AveragePooling2D(2)} is {@code AveragePooling2D(2)} (strides the pool size, padding "valid"),
 * {@code new AveragePooling2D(3).strides(2).padding("same")} is {@code AveragePooling2D(3, strides=2,
 * padding='same')}. With "same" padding a window on the border averages the cells inside the image only, as Keras.
 * {@code new AveragePooling2D()} takes tf.keras 2.x's default pool size (2, 2) (Keras 3 has none). No weights;
 * channels-last data only.
 */
public final class AveragePooling2D extends Pooling2D<AveragePooling2D> {

    /** Keras's {@code AveragePooling2D} (also spelt {@code AvgPool2D}); Keras 1 called {@code padding} {@code border_mode}. */
    public static final LayerType<AveragePooling2D> TYPE = LayerType.of("AveragePooling2D",
            config -> readPooling(AveragePooling2D::new, config))
            .aliases("AvgPool2D")
            .keras1Keys(KERAS1_KEYS)
            .firstOnImages();

    /** {@code AveragePooling2D()} with tf.keras 2.x's (2, 2) window. */
    public AveragePooling2D() {
        this(DEFAULT_POOL_SIZE);
    }

    /** {@code AveragePooling2D(pool_size)}: one size for both axes, or (height, width). */
    public AveragePooling2D(int... poolSize) {
        super(poolSize);
    }

    @Override
    public LayerType<AveragePooling2D> type() {
        return TYPE;
    }

    @Override
    PoolingType dl4jPoolingType() {
        return PoolingType.AVG;
    }
}
