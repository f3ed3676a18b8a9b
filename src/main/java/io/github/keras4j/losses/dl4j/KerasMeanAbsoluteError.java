package io.github.keras4j.losses.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code mean_absolute_error}: {@code mean(|y_pred - y_true|, axis=-1)}; the gradient of {@code |x|} is
 * {@code sign(x)}, 0 at 0, as in TensorFlow. (DL4J's {@code LossMAE} computes the same score and gradient, but
 * its {@code computeScoreArray} returns the sum over outputs, not the mean.)
 */
public class KerasMeanAbsoluteError extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return Transforms.abs(activate(preOutput, activationFn).subi(labels), false);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray dLda = Transforms.sign(activate(preOutput, activationFn).subi(labels), false)
                .muli(1.0 / outputs(preOutput));
        return backprop(preOutput, dLda, activationFn);
    }
}
