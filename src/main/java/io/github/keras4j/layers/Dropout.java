package io.github.keras4j.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/**
 * Randomly sets a fraction {@code rate} of its inputs to 0 during training and scales the others by
 * {@code 1 / (1 - rate)}; the identity at inference. Keras's {@code keras.layers.Dropout(rate)}.
 */
public final class Dropout extends FluentLayer<Dropout> {

    /** Keras's {@code Dropout}; Keras 1 called {@code rate} {@code p}. */
    public static final LayerType<Dropout> TYPE = LayerType.of("Dropout", Dropout::fromConfig)
            .keras1Keys("p", "rate")
            .acceptsImages();

    private final double rate;

    /** {@code Dropout(rate)}: {@code rate} is the fraction dropped, in [0, 1). */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "in [0, 1). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    private static Dropout fromConfig(LayerConfig config) {
        Dropout dropout = new Dropout(config.number("rate"));
        config.mustBeNull("noise_shape");
        // A per-layer seed fixes Keras's own random stream; keras4j's dropout draws from the model's seed.
        config.accept("seed");
        return dropout;
    }

    @Override
    public LayerType<Dropout> type() {
        return TYPE;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    /** The fraction of inputs dropped. */
    public double rate() {
        return rate;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rate", rate);
        config.put("noise_shape", null);
        config.put("seed", null);
    }

    /** DL4J's dropout argument is the probability of keeping an input; Keras's rate is that of dropping it. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(long[] inputShape) {
        DropoutLayer.Builder builder = new DropoutLayer.Builder(1.0 - rate).name(name());
        return (inputShape.length == 1 ? builder.nIn(inputShape[0]).nOut(inputShape[0]) : builder).build();
    }
}
