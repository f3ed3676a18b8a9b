package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;

import java.util.Map;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

/**
 * Leaky rectified linear unit: {@code x} for {@code x >= 0}, {@code negativeSlope * x} otherwise. Keras's
 * {@code keras.layers.LeakyReLU}: Keras 2 calls the slope {@code alpha} and defaults it to 0.3, Keras 3 calls it
 * {@code negative_slope} and also defaults it to 0.3.
 */
public final class LeakyReLU extends FluentLayer<LeakyReLU> {

    /** Keras's {@code LeakyReLU} layer. */
    public static final LayerType<LeakyReLU> TYPE = LayerType.of("LeakyReLU", LeakyReLU::fromConfig)
            .acceptsImages()
            .acceptsSequences();

    /** Keras's default slope: 0.3. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.3;

    private final double negativeSlope;

    /** {@code LeakyReLU()}: slope 0.3. */
    public LeakyReLU() {
        this(DEFAULT_NEGATIVE_SLOPE);
    }

    /** {@code LeakyReLU(negative_slope)}: the slope for negative inputs, a finite number &gt;= 0. */
    public LeakyReLU(double negativeSlope) {
        if (!(negativeSlope >= 0 && Double.isFinite(negativeSlope))) {
            throw new IllegalArgumentException("The negative_slope value of a Leaky ReLU layer cannot be None or "
                    + "negative. Expected a float. Received: negative_slope=" + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    private static LeakyReLU fromConfig(LayerConfig config) {
        if (config.has("alpha") && config.has("negative_slope")) {
            throw new IllegalArgumentException(config.where() + ": both Keras 2's \"alpha\" and Keras 3's "
                    + "\"negative_slope\" are given");
        }
        String key = config.has("negative_slope") ? "negative_slope" : "alpha";
        config.accept("alpha", "negative_slope");
        return new LeakyReLU(config.number(key, DEFAULT_NEGATIVE_SLOPE));
    }

    @Override
    public LayerType<LeakyReLU> type() {
        return TYPE;
    }

    /** The slope for negative inputs (Keras 2's {@code alpha}). */
    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    /** Keras 2's key; Keras 3 reads it too (and writes negative_slope). */
    /** Keras 3 names the slope {@code negative_slope} (tf.keras 2.x {@code alpha}). */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        config.put("negative_slope", config.remove("alpha"));
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("alpha", negativeSlope);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(new ActivationLReLU(negativeSlope));
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledActivationLayer(setup);
    }
}
