package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Keras's {@code SpatialDropout1D} and {@code SpatialDropout2D} share (Keras's {@code BaseSpatialDropout}): in
 * training each sample's channels (the last axis: a sequence's features, an image's channels) are dropped whole with
 * probability {@code rate}, the others scaled by {@code 1 / (1 - rate)}; the identity at inference. Draws from the
 * model's seeded random generator; passes a timestep mask on. No weights.
 *
 * @param <T> the concrete layer
 */
public abstract class SpatialDropout<T extends SpatialDropout<T>> extends FluentLayer<T> {

    private final double rate;

    SpatialDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "in [0, 1). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** The keys both spatial dropouts share beside their rate. */
    static void readSharedKeys(LayerConfig config) {
        config.mustBeNull("noise_shape");
        // A per-layer seed fixes Keras's own random stream; keras4j's dropout draws from the model's seed.
        config.accept("seed");
    }

    /** The fraction of channels dropped. */
    public double rate() {
        return rate;
    }

    /** Refuses input of another rank than the concrete layer's, as Keras's {@code InputSpec}. */
    abstract void checkInput(Shape inputShape);

    @Override
    public Shape outputShape(Shape inputShape) {
        checkInput(inputShape);
        return inputShape;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    /** tf.keras 2.x writes Dropout's keys (SpatialDropout2D's data format is not saved). */
    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rate", rate);
        config.put("noise_shape", null);
        config.put("seed", null);
    }

    /**
     * Keras 3's spatial dropouts write only {@code rate}, {@code seed}, {@code name} and the dtype's name, in that
     * order (their constructor takes no {@code trainable} nor {@code noise_shape}), then their own keys
     * ({@link #writeKeras3Keys}).
     */
    @Override
    protected final void writeKeras3Config(Map<String, Object> config) {
        Map<String, Object> keras3 = new LinkedHashMap<>();
        keras3.put("rate", rate);
        keras3.put("seed", null);
        keras3.put("name", name());
        keras3.put("dtype", dtype());
        writeKeras3Keys(keras3);
        config.clear();
        config.putAll(keras3);
    }

    /** Adds the concrete layer's own Keras 3 keys after the shared ones. */
    void writeKeras3Keys(Map<String, Object> config) {
    }
}
