package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;

import io.github.keras4j.Backend;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code categorical_crossentropy} (tf_keras {@code backend.categorical_crossentropy}), per sample the
 * sum over the last axis, with Keras's arguments {@code from_logits} (default false) and {@code label_smoothing}
 * (default 0: labels become {@code y (1 - label_smoothing) + label_smoothing / classes}).
 * <ul>
 * <li>After a softmax, Keras uses the logits z whatever {@code from_logits} says (with {@code from_logits=True} it
 * warns that the output is not logits): {@code softmax_cross_entropy_with_logits}, {@code sum(y * (logsumexp(z) -
 * z))} computed with the maximum subtracted, so it stays finite where a probability underflows; its gradient is
 * {@code softmax(z) - y}, as TensorFlow's kernel computes it.</li>
 * <li>With {@code from_logits} after any other activation a: the same with a as the logits, the gradient through
 * the activation.</li>
 * <li>Otherwise, probabilities p: p is normalised by its sum, clipped to {@code [eps, 1 - eps]} (eps 1e-7) and
 * {@code -sum(y log p)} taken; the gradient goes through the clip (none where it cut) and the normalisation.</li>
 * </ul>
 * DL4J's {@code LossMCXENT} clips softmax outputs at 1e-10 and takes the log of the probabilities, and neither
 * normalises nor clips other activations.
 */
public class KerasCategoricalCrossentropy extends CrossentropyLoss {

    private static final long serialVersionUID = 1L;

    private static final double EPSILON = Backend.EPSILON;

    /** Keras's defaults: probabilities, no label smoothing. */
    public KerasCategoricalCrossentropy() {
        this(false, 0.0);
    }

    /**
     * @param fromLogits whether the output (after an activation other than softmax) holds logits
     * @param labelSmoothing in [0, 1]
     */
    @JsonCreator
    public KerasCategoricalCrossentropy(@JsonProperty("fromLogits") boolean fromLogits,
            @JsonProperty("labelSmoothing") double labelSmoothing) {
        super(fromLogits, labelSmoothing);
    }

    @Override
    double smoothingTarget(INDArray preOutput) {
        return 1.0 / outputs(preOutput);
    }

    @Override
    protected double scoreSum(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray negativeLogProbabilities = negativeLogProbabilities(preOutput, activationFn);
        return dot(labels, negativeLogProbabilities);
    }

    @Override
    protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return negativeLogProbabilities(preOutput, activationFn).muli(labels).sum(true, 1);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        if (activationFn instanceof ActivationSoftmax) {
            // The softmax's own backprop would overwrite preOutput too: DL4J allows it.
            return Transforms.softmax(preOutput, false).subi(labels);
        }
        if (fromLogits()) {
            INDArray dLda = Transforms.softmax(activate(preOutput, activationFn), false).subi(labels);
            return backprop(preOutput, dLda, activationFn);
        }
        INDArray activated = activate(preOutput, activationFn);
        INDArray sums = activated.sum(true, 1);
        INDArray normalised = activated.divColumnVector(sums);
        INDArray probabilities = clipped(normalised, EPSILON, 1.0 - EPSILON);
        // g = -dL/dp = y / p where the clip passes; dL/da_j = (sum_i g_i p_i - g_j) / sum(a).
        INDArray g = passWhereUnclipped(labels.div(probabilities), normalised, probabilities);
        INDArray weighted = g.mul(normalised).sum(true, 1);
        INDArray dLda = g.rsubiColumnVector(weighted).diviColumnVector(sums);
        return backprop(preOutput, dLda, activationFn);
    }

    /** {@code -log p} for every element, as Keras computes p. */
    private INDArray negativeLogProbabilities(INDArray preOutput, IActivation activationFn) {
        if (activationFn instanceof ActivationSoftmax) {
            return negativeLogSoftmax(preOutput);
        }
        INDArray activated = activate(preOutput, activationFn);
        if (fromLogits()) {
            return negativeLogSoftmax(activated);
        }
        INDArray probabilities = clipInPlace(activated.diviColumnVector(activated.sum(true, 1)), EPSILON, 1.0 - EPSILON);
        return Transforms.log(probabilities, false).negi();
    }

    /**
     * {@code logsumexp(z) - z} per element, in the order of TensorFlow's softmax crossentropy kernel:
     * {@code log(sum(exp(z - max))) - (z - max)}.
     */
    static INDArray negativeLogSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.rsubiColumnVector(logSumExp);
    }

    // Compiled forms, op for op.

    @Override
    protected ScoreKernel compiledScoreSum(LossSetup setup) {
        KernelList kernels = new KernelList(setup.buffers());
        INDArray negativeLogProbabilities = negativeLogProbabilities(kernels, setup);
        INDArray sum = kernels.scalar(setup.preOutput());
        kernels.dot(setup.labels(), negativeLogProbabilities, sum);
        return read(kernels.build(), sum);
    }

    @Override
    protected void compiledScoreArray(KernelList kernels, LossSetup setup, INDArray scores) {
        INDArray negativeLogProbabilities = negativeLogProbabilities(kernels, setup);
        kernels.mul(negativeLogProbabilities, setup.labels(), negativeLogProbabilities)
                .sum(negativeLogProbabilities, 1, scores);
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray labels = setup.labels();
        if (setup.activation() instanceof ActivationSoftmax) {
            kernels.op(new SoftMax(setup.preOutput(), gradient, -1)).sub(gradient, labels, gradient);
            return;
        }
        if (fromLogits()) {
            INDArray dLda = activated(kernels, setup);
            kernels.op(new SoftMax(dLda, dLda, -1)).sub(dLda, labels, dLda);
            backprop(kernels, setup, dLda, gradient);
            return;
        }
        INDArray activated = activated(kernels, setup);
        INDArray sums = kernels.column(activated);
        INDArray normalised = kernels.like(activated);
        kernels.sum(activated, 1, sums).div(activated, sums, normalised);
        INDArray probabilities = clipped(kernels, normalised, EPSILON, 1.0 - EPSILON);
        INDArray g = kernels.like(labels);
        kernels.div(labels, probabilities, g);
        passWhereUnclipped(kernels, g, normalised, probabilities);
        INDArray products = kernels.like(g);
        INDArray weighted = kernels.column(g);
        kernels.mul(g, normalised, products).sum(products, 1, weighted)
                .rsub(g, weighted, g).div(g, sums, g);
        backprop(kernels, setup, g, gradient);
    }

    /** {@code -log p} for every element into a new array, as {@link #negativeLogProbabilities} computes it. */
    private INDArray negativeLogProbabilities(KernelList kernels, LossSetup setup) {
        if (setup.activation() instanceof ActivationSoftmax) {
            return negativeLogSoftmax(kernels, setup.preOutput());
        }
        INDArray activated = activated(kernels, setup);
        if (fromLogits()) {
            return negativeLogSoftmax(kernels, activated);
        }
        INDArray sums = kernels.column(activated);
        kernels.sum(activated, 1, sums).div(activated, sums, activated)
                .clip(activated, EPSILON, 1.0 - EPSILON, activated).log(activated, activated)
                .neg(activated, activated);
        return activated;
    }

    /** {@link #negativeLogSoftmax}'s compiled form, into a new array. */
    static INDArray negativeLogSoftmax(KernelList kernels, INDArray logits) {
        INDArray maxima = kernels.column(logits);
        INDArray shifted = kernels.like(logits);
        INDArray exponentials = kernels.like(logits);
        INDArray logSumExp = kernels.column(logits);
        kernels.max(logits, 1, maxima).sub(logits, maxima, shifted).exp(shifted, exponentials)
                .sum(exponentials, 1, logSumExp).log(logSumExp, logSumExp).rsub(shifted, logSumExp, shifted);
        return shifted;
    }
}
