package io.github.keras4j.layers;

import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;

/**
 * The mean of each {@code poolSize} window of timesteps, Keras's {@code keras.layers.AveragePooling1D}: {@code new
 * AveragePooling1D()} is {@code AveragePooling1D(2)} (pool 2, which Keras 3 requires; strides the pool size, padding
 * "valid"), {@code new AveragePooling1D(3).strides(2).padding("same")} is {@code AveragePooling1D(3, strides=2,
 * padding='same')}. No weights; channels-last data only.
 */
public final class AveragePooling1D extends Pooling1D<AveragePooling1D> {

    /**
     * Keras's {@code AveragePooling1D} (also spelt {@code AvgPool1D}); Keras 1 called its arguments
     * {@code pool_length}, {@code stride} and {@code border_mode}.
     */
    public static final LayerType<AveragePooling1D> TYPE = LayerType.of("AveragePooling1D",
            config -> readPooling(AveragePooling1D::new, config))
            .aliases("AvgPool1D")
            .keras1Keys(KERAS1_KEYS)
            .firstOnSequences();

    /** {@code AveragePooling1D()}: a window of 2 timesteps. */
    public AveragePooling1D() {
        this(DEFAULT_POOL_SIZE);
    }

    /** {@code AveragePooling1D(pool_size)}. */
    public AveragePooling1D(int poolSize) {
        super(poolSize);
    }

    @Override
    public LayerType<AveragePooling1D> type() {
        return TYPE;
    }

    @Override
    PoolingType dl4jPoolingType() {
        return PoolingType.AVG;
    }
}
