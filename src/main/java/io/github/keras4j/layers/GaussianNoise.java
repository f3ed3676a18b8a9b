package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.NoiseLayers;
import java.util.Map;
import io.github.keras4j.layers.dl4j.NoiseLayer;

/**
 * Adds zero-centred Gaussian noise of standard deviation {@code stddev} to every value in training; the identity at
 * inference. Keras's {@code keras.layers.GaussianNoise(stddev)}, on any input (features, sequences, images), passing a
 * timestep mask on. Draws from the model's seeded random generator. No weights.
 */
public final class GaussianNoise extends FluentLayer<GaussianNoise> {

    /** Keras's {@code GaussianNoise}; Keras 1 called {@code stddev} {@code sigma}. */
    public static final LayerType<GaussianNoise> TYPE = LayerType.of("GaussianNoise", GaussianNoise::fromConfig)
            .keras1Keys("sigma", "stddev")
            .firstOnImages()
            .firstOnSequences();

    private final double stddev;

    /**
     * {@code GaussianNoise(stddev)}: the noise's standard deviation, a finite number at least 0 (Keras 3 asks at most
     * 1 as well; tf.keras 2.x took any).
     */
    public GaussianNoise(double stddev) {
        if (!(stddev >= 0 && Double.isFinite(stddev))) {
            throw new IllegalArgumentException("Invalid value received for argument `stddev`. Expected a finite "
                    + "float value of at least 0. Received: stddev=" + stddev);
        }
        this.stddev = stddev;
    }

    private static GaussianNoise fromConfig(LayerConfig config) {
        GaussianNoise layer = new GaussianNoise(config.number("stddev"));
        // A per-layer seed fixes Keras's own random stream; keras4j's noise draws from the model's seed.
        config.accept("seed");
        return layer;
    }

    @Override
    public LayerType<GaussianNoise> type() {
        return TYPE;
    }

    /** The standard deviation of the noise. */
    public double stddev() {
        return stddev;
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
        config.put("stddev", stddev);
        config.put("seed", null);
    }

    /** Keras 3's constructor takes a stddev from 0 to 1 only: a larger one would not load there. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        if (stddev > 1) {
            throw new UnsupportedOperationException("layer " + this + " has stddev " + stddev + ", which Keras 3 "
                    + "refuses (it takes 0 to 1; tf.keras 2.x took any): save it as .h5 or keras4j's own file");
        }
    }

    /** DL4J's {@code DropoutLayer} ({@code NoiseLayer}) with DL4J's {@code GaussianNoise} (input plus N(0, stddev), in training only). */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return NoiseLayer.named(new org.deeplearning4j.nn.conf.dropout.GaussianNoise(stddev), name(), inputShape);
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
