package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.NoiseLayers;
import io.github.keras4j.engine.step.ShapeLayers;
import io.github.keras4j.layers.dl4j.ChannelsLastSpatialDropout;
import io.github.keras4j.layers.dl4j.SequenceAsImageLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/**
 * Dropout of whole features of a sequence: in training each sample's features are dropped (over every timestep) with
 * probability {@code rate} and the others scaled by {@code 1 / (1 - rate)}; the identity at inference. Keras's
 * {@code keras.layers.SpatialDropout1D(rate)}. Takes sequences {@code (timesteps, features)} and passes a timestep mask
 * on. Draws from the model's seeded random generator. No weights.
 */
public final class SpatialDropout1D extends SpatialDropout<SpatialDropout1D> {

    /** Keras's {@code SpatialDropout1D}; Keras 1 called {@code rate} {@code p}. */
    public static final LayerType<SpatialDropout1D> TYPE = LayerType.of("SpatialDropout1D",
            SpatialDropout1D::fromConfig)
            .keras1Keys("p", "rate")
            .firstOnSequences();

    /** {@code SpatialDropout1D(rate)}: the fraction of features dropped, in [0, 1). */
    public SpatialDropout1D(double rate) {
        super(rate);
    }

    private static SpatialDropout1D fromConfig(LayerConfig config) {
        SpatialDropout1D layer = new SpatialDropout1D(config.number("rate"));
        readSharedKeys(config);
        return layer;
    }

    @Override
    public LayerType<SpatialDropout1D> type() {
        return TYPE;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "sequences (timesteps, features)", inputUnits);
    }

    @Override
    void checkInput(Shape inputShape) {
        SpatialLayers.requireSequences(this, inputShape);
    }

    /** DL4J's {@code DropoutLayer} dropping the channels of the sequence seen as a one-pixel-wide NHWC image. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return SequenceAsImageLayer.named(new DropoutLayer.Builder()
                .dropOut(new ChannelsLastSpatialDropout(1.0 - rate())).name(name()).build());
    }

    /** SpatialDropout2D's compiled form on the sequence seen as a one-pixel-wide image; the mask passes on. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return ShapeLayers.asImage(setup, NoiseLayers::of, true);
    }

    /** Compiled on sequences of known length, masked or not (the timestep mask passes by it). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return true;
    }
}
