package io.github.keras4j.losses.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code cosine_similarity} loss: {@code -sum(l2_normalize(y_true) * l2_normalize(y_pred), axis=-1)},
 * where {@code l2_normalize(x) = x / sqrt(max(sum(x^2), 1e-12))}; so it is -1 for equal directions and 0 when
 * either vector is 0. DL4J's {@code LossCosineProximity} guards the norms with 1e-5 instead.
 */
public class KerasCosineSimilarity extends KerasLossFunction {

    private static final long serialVersionUID = 1L;

    /** {@code sqrt} of {@code tf.linalg.l2_normalize}'s epsilon 1e-12. */
    private static final double NORM_FLOOR = 1e-6;

    @Override
    protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray predicted = activate(preOutput, activationFn);
        return normalised(predicted, rowNorms(predicted)).muli(normalised(labels.dup(), rowNorms(labels)))
                .sum(true, 1).negi();
    }

    @Override
    protected double scoreSum(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray predicted = activate(preOutput, activationFn);
        return -dot(normalised(predicted, rowNorms(predicted)), normalised(labels.dup(), rowNorms(labels)));
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        // With r = 1 / max(|p|, 1e-6) and unit vectors u = y r_y, v = p r: dL/dp = r ((u . v) v - u), where the
        // (u . v) v term exists only while |p| is above the floor (below it, r is a constant).
        INDArray predicted = activate(preOutput, activationFn);
        INDArray rawNorms = predicted.norm2(true, 1);
        INDArray norms = Transforms.max(rawNorms, NORM_FLOOR, true);
        INDArray unitLabels = normalised(labels.dup(), rowNorms(labels));
        INDArray unitPredicted = predicted.diviColumnVector(norms);
        INDArray projections = unitPredicted.mul(unitLabels).sum(true, 1).muli(rawNorms.eq(norms));
        INDArray dLda = unitPredicted.muliColumnVector(projections).subi(unitLabels).diviColumnVector(norms);
        return backprop(preOutput, dLda, activationFn);
    }

    /** {@code max(|row|, 1e-6)} for every row. */
    private static INDArray rowNorms(INDArray x) {
        return Transforms.max(x.norm2(true, 1), NORM_FLOOR, false);
    }

    private static INDArray normalised(INDArray x, INDArray norms) {
        return x.diviColumnVector(norms);
    }
}
