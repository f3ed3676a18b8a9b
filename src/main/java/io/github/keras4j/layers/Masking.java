package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import java.util.Map;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Masks padded timesteps of sequences: a timestep whose features all equal {@code maskValue} is skipped by the
 * recurrent layers after it, and left out of the loss and metrics of a model that outputs sequences. Keras's
 * {@code keras.layers.Masking(mask_value=0.0)}: {@code new Masking(-1).inputShape(Shape.NONE, 1)} is
 * {@code Masking(mask_value=-1.0, input_shape=(None, 1))}. It must be the model's first layer: keras4j computes the
 * mask from the model's input. No weights.
 */
public final class Masking extends FluentLayer<Masking> {

    /** Keras's {@code Masking}. */
    public static final LayerType<Masking> TYPE = LayerType.of("Masking", Masking::fromConfig)
            .firstOnSequences()
            .firstOnly();

    /** Keras's default mask value. */
    public static final double DEFAULT_MASK_VALUE = 0.0;

    private final double maskValue;

    /** {@code Masking()}: timesteps of zeros are padding. */
    public Masking() {
        this(DEFAULT_MASK_VALUE);
    }

    /** {@code Masking(mask_value)}: timesteps whose every feature is {@code maskValue} are padding. */
    public Masking(double maskValue) {
        if (!Double.isFinite(maskValue)) {
            throw new IllegalArgumentException("mask_value must be a finite number, received: " + maskValue);
        }
        this.maskValue = maskValue;
    }

    private static Masking fromConfig(LayerConfig config) {
        return new Masking(config.number("mask_value", DEFAULT_MASK_VALUE));
    }

    @Override
    public LayerType<Masking> type() {
        return TYPE;
    }

    /** The value that marks padding. */
    public double maskValue() {
        return maskValue;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException("Masking layer " + name() + " takes sequences (timesteps, "
                + "features), not " + inputUnits + " features");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isSequence()) {
            throw new UnsupportedOperationException("Masking layer " + name() + " takes sequences of shape "
                    + "(timesteps, features), received input of shape " + inputShape.sizesText());
        }
        return inputShape;
    }

    /** 1 for each timestep with a feature other than the mask value, 0 for padding: Keras's {@code compute_mask}. */
    @Override
    public INDArray computeMask(INDArray input) {
        return input.neq(maskValue).castTo(input.dataType()).max(2);
    }

    @Override
    public boolean maskedOutput(boolean maskedInput) {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("mask_value", maskValue);
    }

    /**
     * The identity: the mask is what the layer makes. (Keras also zeroes the padded timesteps, which no layer after
     * it reads: recurrent layers skip them, and the loss and metrics leave them out.)
     */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(new ActivationIdentity());
    }

    /** The identity (DL4J's identity activation layer) on sequences; the mask is the batch's, made before the step. */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return true;
    }

    @Override
    public io.github.keras4j.engine.step.CompiledLayer compile(io.github.keras4j.engine.step.LayerSetup setup) {
        return compiledActivationLayer(setup);
    }
}
