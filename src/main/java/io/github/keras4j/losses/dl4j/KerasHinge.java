package io.github.keras4j.losses.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code hinge}: {@code mean(max(1 - y_true * y_pred, 0), axis=-1)}, where labels that are all 0 or 1
 * (checked over the whole batch, as Keras's {@code _maybe_convert_labels} does) are first mapped to -1 and 1.
 * The gradient is {@code -y} where {@code 1 - y_true * y_pred >= 0} (TensorFlow's maximum passes it at the
 * kink). DL4J's {@code LossHinge} sums over outputs and uses the labels as given.
 */
public class KerasHinge extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return Transforms.relu(margins(signedLabels(labels), preOutput, activationFn), false);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray signed = signedLabels(labels);
        // y p - 1 <= 0 where the hinge is active; its value becomes -1/n there (still <= 0), then 0 elsewhere.
        INDArray slope = activate(preOutput, activationFn).muli(signed).subi(1.0);
        BooleanIndexing.replaceWhere(slope, -1.0 / outputs(preOutput), Conditions.lessThanOrEqual(0.0));
        BooleanIndexing.replaceWhere(slope, 0.0, Conditions.greaterThan(0.0));
        return backprop(preOutput, slope.muli(signed), activationFn);
    }

    /** {@code 1 - y * p} as a fresh array. */
    static INDArray margins(INDArray signedLabels, INDArray preOutput, IActivation activationFn) {
        return activate(preOutput, activationFn).muli(signedLabels).rsubi(1.0);
    }

    /**
     * Keras's {@code _maybe_convert_labels}: {@code 2 y - 1} when every label is 0 or 1, else the labels as they
     * are. {@code y (1 - y)} is exactly 0 for 0 and 1 only.
     */
    static INDArray signedLabels(INDArray labels) {
        boolean binary = labels.rsub(1.0).muli(labels).norm1Number().doubleValue() == 0.0;
        return binary ? labels.mul(2.0).subi(1.0) : labels;
    }
}
