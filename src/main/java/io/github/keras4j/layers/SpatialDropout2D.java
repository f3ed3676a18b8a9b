package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.NoiseLayers;
import io.github.keras4j.layers.dl4j.ChannelsLastSpatialDropout;
import io.github.keras4j.layers.dl4j.NoiseLayer;
import java.util.Map;

/**
 * Dropout of whole channels of an image: in training each sample's channels are dropped (at every pixel) with
 * probability {@code rate} and the others scaled by {@code 1 / (1 - rate)}; the identity at inference. Keras's
 * {@code keras.layers.SpatialDropout2D(rate)} on channels-last images ({@code data_format="channels_first"} is not
 * supported). Draws from the model's seeded random generator. No weights.
 */
public final class SpatialDropout2D extends SpatialDropout<SpatialDropout2D> {

    /** Keras's {@code SpatialDropout2D}; Keras 1 called {@code rate} {@code p} and wrote {@code dim_ordering}. */
    public static final LayerType<SpatialDropout2D> TYPE = LayerType.of("SpatialDropout2D",
            SpatialDropout2D::fromConfig)
            .keras1Keys("p", "rate")
            .firstOnImages();

    /** {@code SpatialDropout2D(rate)}: the fraction of channels dropped, in [0, 1). */
    public SpatialDropout2D(double rate) {
        super(rate);
    }

    private static SpatialDropout2D fromConfig(LayerConfig config) {
        SpatialDropout2D layer = new SpatialDropout2D(config.number("rate"));
        readSharedKeys(config);
        config.mustBe("data_format", "channels_last");
        config.mustBe("dim_ordering", "tf");
        return layer;
    }

    @Override
    public LayerType<SpatialDropout2D> type() {
        return TYPE;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "images (height, width, channels)", inputUnits);
    }

    @Override
    void checkInput(Shape inputShape) {
        SpatialLayers.requireImages(this, inputShape);
    }

    /** Keras 3 adds the data format. */
    @Override
    void writeKeras3Keys(Map<String, Object> config) {
        config.put("data_format", "channels_last");
    }

    /** DL4J's {@code DropoutLayer} ({@code NoiseLayer}) dropping whole channels of NHWC arrays. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return NoiseLayer.named(new ChannelsLastSpatialDropout(1.0 - rate()), name());
    }

    /** In training the channels' mask drawn as DL4J's dropouts draw theirs; at inference the identity. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return NoiseLayers.of(setup);
    }
}
