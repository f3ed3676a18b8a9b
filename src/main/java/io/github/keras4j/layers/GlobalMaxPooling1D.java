package io.github.keras4j.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * The maximum over every timestep of sequences {@code (timesteps, features)}, Keras's {@code
 * keras.layers.GlobalMaxPooling1D}: {@code new GlobalMaxPooling1D()} is {@code GlobalMaxPooling1D()}, {@code new
 * GlobalMaxPooling1D().keepdims(true)} is {@code GlobalMaxPooling1D(keepdims=True)}. No weights; channels-last data
 * only.
 */
public final class GlobalMaxPooling1D extends GlobalPooling<GlobalMaxPooling1D> {

    /** Keras's {@code GlobalMaxPooling1D} (also spelt {@code GlobalMaxPool1D}). */
    public static final LayerType<GlobalMaxPooling1D> TYPE = LayerType.of("GlobalMaxPooling1D",
            config -> readPooling(new GlobalMaxPooling1D(), config))
            .aliases("GlobalMaxPool1D")
            .firstOnSequences();

    /** {@code GlobalMaxPooling1D()}. */
    public GlobalMaxPooling1D() {
    }

    @Override
    public LayerType<GlobalMaxPooling1D> type() {
        return TYPE;
    }

    @Override
    boolean pooling1D() {
        return true;
    }

    @Override
    PoolingType dl4jPoolingType() {
        return PoolingType.MAX;
    }
}
