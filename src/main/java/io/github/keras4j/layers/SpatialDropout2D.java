package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.ChannelsLastSpatialDropout;
import java.util.Map;
import io.github.keras4j.layers.dl4j.NoiseLayer;

/**
 * Dropout of whole channels of an image: in training each sample's channels are dropped (at every pixel) with
 * probability {@code rate} and the others scaled by {@code 1 / (1 - rate)}; the identity at inference. Keras's
 * {@code keras.layers.SpatialDropout2D(rate)} on channels-last images ({@code data_format="channels_first"} is not
 * supported). Draws from the model's seeded random generator. No weights.
 */
public final class SpatialDropout2D extends FluentLayer<SpatialDropout2D> {

    /** Keras's {@code SpatialDropout2D}; Keras 1 called {@code rate} {@code p} and wrote {@code dim_ordering}. */
    public static final LayerType<SpatialDropout2D> TYPE = LayerType.of("SpatialDropout2D",
            SpatialDropout2D::fromConfig)
            .keras1Keys("p", "rate")
            .firstOnImages();

    private final double rate;

    /** {@code SpatialDropout2D(rate)}: the fraction of channels dropped, in [0, 1). */
    public SpatialDropout2D(double rate) {
        this.rate = SpatialDropout1D.dropoutRate(rate);
    }

    private static SpatialDropout2D fromConfig(LayerConfig config) {
        SpatialDropout2D layer = new SpatialDropout2D(config.number("rate"));
        SpatialDropout1D.readSpatialDropoutKeys(config);
        config.mustBe("data_format", "channels_last");
        config.mustBe("dim_ordering", "tf");
        return layer;
    }

    @Override
    public LayerType<SpatialDropout2D> type() {
        return TYPE;
    }

    /** The fraction of channels dropped. */
    public double rate() {
        return rate;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "images (height, width, channels)", inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        SpatialLayers.requireImages(this, inputShape);
        return inputShape;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    /** tf.keras 2.x writes Dropout's keys (its data format is not saved). */
    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rate", rate);
        config.put("noise_shape", null);
        config.put("seed", null);
    }

    /** Keras 3 writes {@code rate}, {@code seed}, {@code name}, {@code dtype} and {@code data_format}. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        config.put("data_format", "channels_last");
        SpatialDropout1D.keras3SpatialDropoutConfig(config, dtype());
    }

    /** DL4J's {@code DropoutLayer} ({@code NoiseLayer}) dropping whole channels of NHWC arrays. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return NoiseLayer.named(new ChannelsLastSpatialDropout(1.0 - rate), name());
    }
}
