package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What Keras's binary and categorical crossentropy share: {@code from_logits}, and {@code label_smoothing}, which pulls
 * the labels towards a uniform target ({@code y (1 - s) + s * target}) before the loss is computed.
 */
public abstract class CrossentropyLoss extends KerasLossFunction {

    private static final long serialVersionUID = 1L;

    @JsonProperty("fromLogits")
    private final boolean fromLogits;
    @JsonProperty("labelSmoothing")
    private final double labelSmoothing;

    /**
     * @param fromLogits whether the output (after an activation other than the loss's own sigmoid or softmax) holds
     *     logits
     * @param labelSmoothing in [0, 1]
     */
    CrossentropyLoss(boolean fromLogits, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("label_smoothing must be in [0, 1], received: " + labelSmoothing);
        }
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    public final boolean fromLogits() {
        return fromLogits;
    }

    public final double labelSmoothing() {
        return labelSmoothing;
    }

    /** The label every label is pulled towards: 0.5 for binary, {@code 1 / classes} for categorical. */
    abstract double smoothingTarget(INDArray preOutput);

    @Override
    protected final INDArray smoothed(INDArray labels, INDArray preOutput) {
        return labelSmoothing == 0 ? labels
                : labels.mul(1.0 - labelSmoothing).addi(labelSmoothing * smoothingTarget(preOutput));
    }

    @Override
    protected final LossSetup compiledSmoothed(KernelList kernels, LossSetup setup) {
        if (labelSmoothing == 0) {
            return setup;
        }
        INDArray smoothed = kernels.like(setup.labels());
        kernels.mul(setup.labels(), 1.0 - labelSmoothing, smoothed)
                .add(smoothed, labelSmoothing * smoothingTarget(setup.preOutput()), smoothed);
        return setup.withLabels(smoothed);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(fromLogits=" + fromLogits + ", labelSmoothing=" + labelSmoothing + ")";
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && ((CrossentropyLoss) other).fromLogits == fromLogits
                && ((CrossentropyLoss) other).labelSmoothing == labelSmoothing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), fromLogits, labelSmoothing);
    }
}
