package io.github.keras4j.layers;

import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;

/**
 * The maximum of each {@code poolSize} window of timesteps, Keras's {@code keras.layers.MaxPooling1D}:
 * {@code new MaxPooling1D()} is {@code MaxPooling1D()} (pool 2, strides the pool size, padding "valid"),
 * {@code new MaxPooling1D(3).strides(2).padding("same")} is {@code MaxPooling1D(3, strides=2, padding='same')}. No
 * weights; channels-last data only.
 */
public final class MaxPooling1D extends Pooling1D<MaxPooling1D> {

    /**
     * Keras's {@code MaxPooling1D} (also spelt {@code MaxPool1D}); Keras 1 called its arguments {@code pool_length},
     * {@code stride} and {@code border_mode}.
     */
    public static final LayerType<MaxPooling1D> TYPE = LayerType.of("MaxPooling1D",
            config -> readPooling(MaxPooling1D::new, config))
            .aliases("MaxPool1D")
            .keras1Keys(KERAS1_KEYS)
            .firstOnSequences();

    /** {@code MaxPooling1D()}: a window of 2 timesteps. */
    public MaxPooling1D() {
        this(DEFAULT_POOL_SIZE);
    }

    /** {@code MaxPooling1D(pool_size)}. */
    public MaxPooling1D(int poolSize) {
        super(poolSize);
    }

    @Override
    public LayerType<MaxPooling1D> type() {
        return TYPE;
    }

    @Override
    PoolingType dl4jPoolingType() {
        return PoolingType.MAX;
    }
}
