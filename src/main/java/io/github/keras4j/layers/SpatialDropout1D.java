package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.ChannelsLastSpatialDropout;
import io.github.keras4j.layers.dl4j.SequenceAsImageLayer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/**
 * Dropout of whole features of a sequence: in training each sample's features are dropped (over every timestep) with
 * probability {@code rate} and the others scaled by {@code 1 / (1 - rate)}; the identity at inference. Keras's
 * {@code keras.layers.SpatialDropout1D(rate)}. Takes sequences {@code (timesteps, features)} and passes a timestep mask
 * on. Draws from the model's seeded random generator. No weights.
 */
public final class SpatialDropout1D extends FluentLayer<SpatialDropout1D> {

    /** Keras's {@code SpatialDropout1D}; Keras 1 called {@code rate} {@code p}. */
    public static final LayerType<SpatialDropout1D> TYPE = LayerType.of("SpatialDropout1D",
            SpatialDropout1D::fromConfig)
            .keras1Keys("p", "rate")
            .firstOnSequences();

    private final double rate;

    /** {@code SpatialDropout1D(rate)}: the fraction of features dropped, in [0, 1). */
    public SpatialDropout1D(double rate) {
        this.rate = dropoutRate(rate);
    }

    static double dropoutRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "in [0, 1). Received: rate=" + rate);
        }
        return rate;
    }

    private static SpatialDropout1D fromConfig(LayerConfig config) {
        SpatialDropout1D layer = new SpatialDropout1D(config.number("rate"));
        readSpatialDropoutKeys(config);
        return layer;
    }

    /** The keys both spatial dropouts share beside their rate. */
    static void readSpatialDropoutKeys(LayerConfig config) {
        config.mustBeNull("noise_shape");
        // A per-layer seed fixes Keras's own random stream; keras4j's dropout draws from the model's seed.
        config.accept("seed");
    }

    @Override
    public LayerType<SpatialDropout1D> type() {
        return TYPE;
    }

    /** The fraction of features dropped. */
    public double rate() {
        return rate;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "sequences (timesteps, features)", inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        SpatialLayers.requireSequences(this, inputShape);
        return inputShape;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rate", rate);
        config.put("noise_shape", null);
        config.put("seed", null);
    }

    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        keras3SpatialDropoutConfig(config, dtype());
    }

    /**
     * Keras 3's spatial dropouts write only {@code rate}, {@code seed}, {@code name} and the dtype's name, in that
     * order (their constructor takes no {@code trainable} nor {@code noise_shape}), then their own keys.
     */
    static void keras3SpatialDropoutConfig(Map<String, Object> config, String dtype) {
        Map<String, Object> keras3 = new LinkedHashMap<>();
        keras3.put("rate", config.get("rate"));
        keras3.put("seed", null);
        keras3.put("name", config.get("name"));
        keras3.put("dtype", dtype);
        if (config.containsKey("data_format")) {
            keras3.put("data_format", config.get("data_format"));
        }
        config.clear();
        config.putAll(keras3);
    }

    /** DL4J's {@code DropoutLayer} dropping the channels of the sequence seen as a one-pixel-wide NHWC image. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return SequenceAsImageLayer.named(new DropoutLayer.Builder().dropOut(new ChannelsLastSpatialDropout(1.0 - rate))
                .name(name()).build());
    }
}
