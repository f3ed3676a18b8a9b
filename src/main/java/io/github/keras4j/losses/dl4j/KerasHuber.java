package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code huber} ({@code keras.losses.Huber}), default {@code delta=1.0}: with {@code x = y_pred - y_true},
 * {@code 0.5 x^2} where {@code |x| <= delta}, else {@code delta |x| - 0.5 delta^2}; the mean over the last axis.
 * The gradient is x clipped to {@code [-delta, delta]}. DL4J has no such loss.
 */
public class KerasHuber extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    /** Keras's default {@code delta}. */
    public static final double DEFAULT_DELTA = 1.0;

    @JsonProperty("delta")
    private final double delta;

    /** Keras's default, {@code delta=1.0}. */
    public KerasHuber() {
        this(DEFAULT_DELTA);
    }

    /**
     * @param delta where the loss turns from quadratic to linear; must be positive and finite
     */
    @JsonCreator
    public KerasHuber(@JsonProperty("delta") double delta) {
        if (!(delta > 0.0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be positive and finite, received: " + delta);
        }
        this.delta = delta;
    }

    /** Where the loss turns from quadratic to linear. */
    public double delta() {
        return delta;
    }

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        // With c = min(|x|, delta): c (|x| - 0.5 c) is 0.5 x^2 below delta and delta |x| - 0.5 delta^2 above.
        INDArray magnitude = Transforms.abs(activate(preOutput, activationFn).subi(labels), false);
        INDArray capped = Transforms.min(magnitude, delta, true);
        return capped.mul(-0.5).addi(magnitude).muli(capped);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray dLda = clipInPlace(activate(preOutput, activationFn).subi(labels), -delta, delta)
                .muli(1.0 / outputs(preOutput));
        return backprop(preOutput, dLda, activationFn);
    }

    @Override
    public String toString() {
        return "KerasHuber(delta=" + delta + ")";
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && ((KerasHuber) other).delta == delta;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(delta);
    }

    // Compiled forms, op for op.

    @Override
    protected INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray magnitude = activated(kernels, setup);
        kernels.sub(magnitude, setup.labels(), magnitude).abs(magnitude, magnitude);
        INDArray capped = kernels.like(magnitude);
        INDArray losses = kernels.like(magnitude);
        kernels.min(magnitude, delta, capped).mul(capped, -0.5, losses).add(losses, magnitude, losses)
                .mul(losses, capped, losses);
        return losses;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray dLda = activated(kernels, setup);
        kernels.sub(dLda, setup.labels(), dLda).clip(dLda, -delta, delta, dLda)
                .mul(dLda, 1.0 / setup.outputs(), dLda);
        backprop(kernels, setup, dLda, gradient);
    }
}
