package io.github.keras4j.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * The mean over every timestep of sequences {@code (timesteps, features)}, Keras's {@code
 * keras.layers.GlobalAveragePooling1D}: {@code new GlobalAveragePooling1D()} is {@code GlobalAveragePooling1D()},
 * {@code new GlobalAveragePooling1D().keepdims(true)} is {@code GlobalAveragePooling1D(keepdims=True)}. No weights;
 * channels-last data only.
 */
public final class GlobalAveragePooling1D extends GlobalPooling<GlobalAveragePooling1D> {

    /** Keras's {@code GlobalAveragePooling1D} (also spelt {@code GlobalAvgPool1D}). */
    public static final LayerType<GlobalAveragePooling1D> TYPE = LayerType.of("GlobalAveragePooling1D",
            config -> readPooling(new GlobalAveragePooling1D(), config))
            .aliases("GlobalAvgPool1D")
            .firstOnSequences();

    /** {@code GlobalAveragePooling1D()}. */
    public GlobalAveragePooling1D() {
    }

    @Override
    public LayerType<GlobalAveragePooling1D> type() {
        return TYPE;
    }

    /**
     * Keras's mean leaves masked timesteps out (an {@code Embedding} with {@code mask_zero} before it): DL4J's pooling
     * over a timestep mask does the same. The output is not masked.
     */
    @Override
    public boolean maskedOutput(boolean maskedInput) {
        return false;
    }

    @Override
    boolean pooling1D() {
        return true;
    }

    @Override
    PoolingType dl4jPoolingType() {
        return PoolingType.AVG;
    }
}
