package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;

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

    // Compiled forms, op for op.

    @Override
    protected void compiledScoreArray(KernelList kernels, LossSetup setup, INDArray scores) {
        INDArray predicted = unitPredictions(kernels, setup);
        kernels.mul(predicted, unitLabels(kernels, setup), predicted).sum(predicted, 1, scores).neg(scores, scores);
    }

    @Override
    protected ScoreKernel compiledScoreSum(LossSetup setup) {
        KernelList kernels = new KernelList(setup.buffers());
        INDArray dot = kernels.scalar(setup.preOutput());
        kernels.dot(unitPredictions(kernels, setup), unitLabels(kernels, setup), dot);
        ScoreKernel product = read(kernels.build(), dot);
        return () -> -product.run();
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray predicted = activated(kernels, setup);
        INDArray rawNorms = kernels.column(predicted);
        INDArray norms = kernels.column(predicted);
        kernels.norm2(predicted, 1, rawNorms).max(rawNorms, NORM_FLOOR, norms);
        INDArray unitLabels = unitLabels(kernels, setup);
        INDArray products = kernels.like(predicted);
        INDArray projections = kernels.column(predicted);
        INDArray unclamped = kernels.booleans(rawNorms);
        kernels.div(predicted, norms, predicted).mul(predicted, unitLabels, products).sum(products, 1, projections)
                .eq(rawNorms, norms, unclamped).mul(projections, unclamped, projections)
                .mul(predicted, projections, predicted).sub(predicted, unitLabels, predicted)
                .div(predicted, norms, predicted);
        backprop(kernels, setup, predicted, gradient);
    }

    /** {@code normalised(predicted, rowNorms(predicted))} into a new array. */
    private static INDArray unitPredictions(KernelList kernels, LossSetup setup) {
        INDArray predicted = activated(kernels, setup);
        kernels.div(predicted, rowNorms(kernels, predicted), predicted);
        return predicted;
    }

    /** {@code normalised(labels.dup(), rowNorms(labels))} into a new array. */
    private static INDArray unitLabels(KernelList kernels, LossSetup setup) {
        INDArray labels = labelsCopy(kernels, setup);
        kernels.div(labels, rowNorms(kernels, setup.labels()), labels);
        return labels;
    }

    private static INDArray rowNorms(KernelList kernels, INDArray x) {
        INDArray norms = kernels.column(x);
        kernels.norm2(x, 1, norms).max(norms, NORM_FLOOR, norms);
        return norms;
    }
}
