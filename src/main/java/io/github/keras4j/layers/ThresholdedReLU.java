package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;

import java.util.Map;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/**
 * Thresholded rectified linear unit: {@code x} for {@code x > theta}, 0 otherwise. Keras 2's
 * {@code keras.layers.ThresholdedReLU(theta=1.0)} (Keras 3 dropped it; {@link ReLU} with a threshold is close
 * but not equal: it keeps {@code x} from the threshold on, not 0 below it and {@code x} above).
 */
public final class ThresholdedReLU extends FluentLayer<ThresholdedReLU> {

    /** Keras 2's {@code ThresholdedReLU} layer. */
    public static final LayerType<ThresholdedReLU> TYPE = LayerType.of("ThresholdedReLU",
            ThresholdedReLU::fromConfig).acceptsImages().acceptsSequences();

    /** Keras's default {@code theta}: 1.0. */
    public static final double DEFAULT_THETA = 1.0;

    private final double theta;

    /** {@code ThresholdedReLU()}: theta 1.0. */
    public ThresholdedReLU() {
        this(DEFAULT_THETA);
    }

    /** {@code ThresholdedReLU(theta)}: the threshold, a finite number &gt;= 0. */
    public ThresholdedReLU(double theta) {
        if (!(theta >= 0 && Double.isFinite(theta))) {
            throw new IllegalArgumentException("Theta of a Thresholded ReLU layer cannot be None or negative, "
                    + "received: theta=" + theta);
        }
        this.theta = theta;
    }

    private static ThresholdedReLU fromConfig(LayerConfig config) {
        return new ThresholdedReLU(config.number("theta", DEFAULT_THETA));
    }

    @Override
    public LayerType<ThresholdedReLU> type() {
        return TYPE;
    }

    /** The threshold. */
    public double theta() {
        return theta;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    /** Keras 3 has no ThresholdedReLU: a {@code .keras} file cannot hold one. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        throw new UnsupportedOperationException("layer " + this + " cannot be written for Keras 3, which has no "
                + "ThresholdedReLU layer (Keras 2 has: save as .h5; or use ReLU with threshold " + theta
                + ", which differs only at exactly " + theta + ")");
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("theta", theta);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(new ActivationThresholdedReLU(theta));
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledActivationLayer(setup);
    }
}
