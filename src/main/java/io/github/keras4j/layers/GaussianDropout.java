package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.NoiseLayers;
import java.util.Map;
import io.github.keras4j.layers.dl4j.NoiseLayer;

/**
 * Multiplies every value by Gaussian noise of mean 1 and standard deviation {@code sqrt(rate / (1 - rate))} in
 * training; the identity at inference. Keras's {@code keras.layers.GaussianDropout(rate)}, on any input (features,
 * sequences, images), passing a timestep mask on. Draws from the model's seeded random generator. No weights.
 */
public final class GaussianDropout extends FluentLayer<GaussianDropout> {

    /** Keras's {@code GaussianDropout}; Keras 1 called {@code rate} {@code p}. */
    public static final LayerType<GaussianDropout> TYPE = LayerType.of("GaussianDropout", GaussianDropout::fromConfig)
            .keras1Keys("p", "rate")
            .firstOnImages()
            .firstOnSequences();

    private final double rate;

    /** {@code GaussianDropout(rate)}: the drop probability the noise stands for, in [0, 1). */
    public GaussianDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "in [0, 1) (1 would make the noise's deviation infinite). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    private static GaussianDropout fromConfig(LayerConfig config) {
        GaussianDropout layer = new GaussianDropout(config.number("rate"));
        // A per-layer seed fixes Keras's own random stream; keras4j's noise draws from the model's seed.
        config.accept("seed");
        return layer;
    }

    @Override
    public LayerType<GaussianDropout> type() {
        return TYPE;
    }

    /** The drop probability: the noise's deviation is {@code sqrt(rate / (1 - rate))}. */
    public double rate() {
        return rate;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rate", rate);
        config.put("seed", null);
    }

    /** DL4J's {@code DropoutLayer} ({@code NoiseLayer}) with DL4J's {@code GaussianDropout} (input times N(1, sqrt(rate / (1 - rate)))). */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return NoiseLayer.named(new org.deeplearning4j.nn.conf.dropout.GaussianDropout(rate), name(), inputShape);
    }

    /**
     * In training DL4J's noise, drawn by the same ND4J operation from the model's seeded generator; at inference the
     * identity. On features and images (on sequences the layer works per timestep, through DL4J's fit).
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return NoiseLayers.of(setup);
    }
}
