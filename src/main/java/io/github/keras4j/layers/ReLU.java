package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;

import java.util.Map;
import java.util.OptionalDouble;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * Rectified linear unit with Keras's options: {@code max_value} if {@code x >= max_value}, {@code x} if
 * {@code threshold <= x < max_value}, {@code negative_slope * (x - threshold)} otherwise. Keras's
 * {@code keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0)}.
 */
public final class ReLU extends FluentLayer<ReLU> {

    /** Keras's {@code ReLU} layer. */
    public static final LayerType<ReLU> TYPE = LayerType.of("ReLU", ReLU::fromConfig).acceptsImages()
            .acceptsSequences();

    private Double maxValue;
    private double negativeSlope;
    private double threshold;

    /** {@code ReLU()}: no cap, slope 0, threshold 0 (the plain rectifier). */
    public ReLU() {
    }

    /** A copy whose outputs are capped at {@code maxValue} (&gt;= 0); Keras's {@code max_value}. */
    public ReLU maxValue(double maxValue) {
        if (!(maxValue >= 0 && Double.isFinite(maxValue))) {
            throw new IllegalArgumentException("max_value of a ReLU layer cannot be a negative value. Received: "
                    + "max_value=" + maxValue);
        }
        ReLU copy = copy();
        copy.maxValue = maxValue;
        return copy;
    }

    /** A copy without a cap ({@code max_value=None}, the default). */
    public ReLU noMaxValue() {
        ReLU copy = copy();
        copy.maxValue = null;
        return copy;
    }

    /** A copy with this slope (&gt;= 0) below the threshold; Keras's {@code negative_slope}, default 0. */
    public ReLU negativeSlope(double negativeSlope) {
        if (!(negativeSlope >= 0 && Double.isFinite(negativeSlope))) {
            throw new IllegalArgumentException("negative_slope of a ReLU layer cannot be a negative value. Received: "
                    + "negative_slope=" + negativeSlope);
        }
        ReLU copy = copy();
        copy.negativeSlope = negativeSlope;
        return copy;
    }

    /** A copy with this threshold (&gt;= 0); Keras's {@code threshold}, default 0. */
    public ReLU threshold(double threshold) {
        if (!(threshold >= 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("threshold of a ReLU layer cannot be a negative value. Received: "
                    + "threshold=" + threshold);
        }
        ReLU copy = copy();
        copy.threshold = threshold;
        return copy;
    }

    /** The cap, or empty for none. */
    public OptionalDouble maxValue() {
        return maxValue == null ? OptionalDouble.empty() : OptionalDouble.of(maxValue);
    }

    /** The slope below the threshold. */
    public double negativeSlope() {
        return negativeSlope;
    }

    /** The threshold. */
    public double threshold() {
        return threshold;
    }

    private static ReLU fromConfig(LayerConfig config) {
        ReLU relu = new ReLU().negativeSlope(config.number("negative_slope", 0.0))
                .threshold(config.number("threshold", 0.0));
        Object max = config.read("max_value");
        if (max == null) {
            return relu;
        }
        if (!(max instanceof Number number)) {
            throw config.wrongType("max_value", "a number or null");
        }
        return relu.maxValue(number.doubleValue());
    }

    @Override
    public LayerType<ReLU> type() {
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

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("max_value", maxValue);
        config.put("negative_slope", negativeSlope);
        config.put("threshold", threshold);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        if (maxValue != null && maxValue == 0) {
            // ND4J's ReLU backprop skips its cap mask when the cap is 0 and would pass gradients Keras stops.
            throw new UnsupportedOperationException("ReLU layer " + name() + ": max_value=0 is not "
                    + "supported (its output is constant; DL4J's gradient for it is wrong)");
        }
        return dl4jActivationLayer(new ActivationReLU(maxValue, threshold, negativeSlope));
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledActivationLayer(setup);
    }
}
