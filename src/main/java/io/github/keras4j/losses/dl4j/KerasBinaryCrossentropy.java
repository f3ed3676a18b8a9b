package io.github.keras4j.losses.dl4j;

import io.github.keras4j.Backend;
import io.github.keras4j.engine.step.Kernel;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.SigmoidCrossEntropyLoss;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code binary_crossentropy} (tf_keras {@code backend.binary_crossentropy}, then the mean over the last
 * axis), with Keras's arguments {@code from_logits} (default false) and {@code label_smoothing} (default 0: labels
 * become {@code y (1 - label_smoothing) + 0.5 label_smoothing}).
 * <ul>
 * <li>After a sigmoid, Keras computes the loss from the logits z (the sigmoid's input) whatever
 * {@code from_logits} says (with {@code from_logits=True} it warns that the output is not logits):
 * {@code max(z, 0) - z y + log1p(exp(-|z|))}, exact where the probabilities round to 0 or 1; the gradient is
 * {@code sigmoid(z) - y}.</li>
 * <li>With {@code from_logits} after any other activation a: the same formula with a as the logits, the gradient
 * through the activation.</li>
 * <li>Otherwise, probabilities p: {@code -(y log(clip(p) + eps) + (1 - y) log(1 - clip(p) + eps))} with p clipped
 * to {@code [eps, 1 - eps]}, eps 1e-7; no gradient flows where clipping cut p off. With a softmax this is the binary
 * crossentropy of the softmax probabilities (tf.keras 2.0 to 2.4 and Keras 2.2/2.3; see below), its gradient taken
 * through the softmax's Jacobian.</li>
 * </ul>
 * DL4J's {@code LossBinaryXENT} differs: it clips at 1e-5, sums over the outputs instead of averaging, and computes
 * categorical crossentropy after a softmax.
 *
 * <p>Note: from tf.keras 2.5 on, {@code keras.activations.softmax} caches its logits on the output tensor and
 * {@code binary_crossentropy} uses cached logits whatever activation produced them, so that a softmax output
 * with {@code binary_crossentropy} is scored as {@code sigmoid_cross_entropy_with_logits} of the softmax's inputs.
 * This class computes the crossentropy of the probabilities, as the loss's definition and older Keras do.
 */
public class KerasBinaryCrossentropy extends CrossentropyLoss {

    private static final long serialVersionUID = 1L;

    private static final double EPSILON = Backend.EPSILON;

    /** The mean elementwise loss from which the fused native op is exact at Keras's displayed precision. */
    private static final double FUSED_SCORE_FLOOR = 1e-3;

    /** Keras's defaults: probabilities, no label smoothing. */
    public KerasBinaryCrossentropy() {
        this(false, 0.0);
    }

    /**
     * @param fromLogits whether the output (after an activation other than sigmoid) holds logits
     * @param labelSmoothing in [0, 1]
     */
    @JsonCreator
    public KerasBinaryCrossentropy(@JsonProperty("fromLogits") boolean fromLogits,
            @JsonProperty("labelSmoothing") double labelSmoothing) {
        super(fromLogits, labelSmoothing);
    }

    @Override
    double smoothingTarget(INDArray preOutput) {
        return 0.5;
    }

    @Override
    protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return elementLosses(labels, preOutput, activationFn).mean(true, 1);
    }

    /** The elementwise losses, a fresh {@code [minibatch, outputs]} array; Keras averages them over the outputs. */
    private INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray logits = logits(preOutput, activationFn);
        if (logits != null) {
            return sigmoidCrossEntropy(labels, logits);
        }
        INDArray probabilities = clipInPlace(activate(preOutput, activationFn), EPSILON, 1.0 - EPSILON);
        INDArray positive = Transforms.log(probabilities.add(EPSILON), false).muli(labels);
        // 1 - p + eps in Keras's order: (1 - p) + eps rounds differently from (1 + eps) - p near p = 1.
        INDArray negative = Transforms.log(probabilities.rsubi(1.0).addi(EPSILON), false).muli(labels.rsub(1.0));
        return positive.addi(negative).negi();
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        double perOutput = 1.0 / outputs(preOutput);
        if (activationFn instanceof ActivationSigmoid) {
            // The sigmoid's own backprop would overwrite preOutput too: DL4J allows it.
            return Transforms.sigmoid(preOutput, false).subi(labels).muli(perOutput);
        }
        if (fromLogits()) {
            INDArray dLda = Transforms.sigmoid(activate(preOutput, activationFn), false).subi(labels).muli(perOutput);
            return backprop(preOutput, dLda, activationFn);
        }
        INDArray activated = activate(preOutput, activationFn);
        INDArray probabilities = clipped(activated, EPSILON, 1.0 - EPSILON);
        INDArray passes = activated.eq(probabilities);
        INDArray positive = probabilities.add(EPSILON).rdivi(labels);
        INDArray dLda = probabilities.rsubi(1.0).addi(EPSILON).rdivi(labels.rsub(1.0))
                .subi(positive)
                .muli(passes)
                .muli(perOutput);
        return backprop(preOutput, dLda, activationFn);
    }

    @Override
    protected double scoreSum(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray logits = logits(preOutput, activationFn);
        if (logits != null) {
            // One fused native op instead of fifteen. It computes log(1 + exp(-|z|)) where TensorFlow has log1p,
            // off by at most ~6e-8 per element in float32: invisible while the mean loss is at least 1e-3 (Keras
            // then prints it with 4 decimals); below that the exact elementwise formula decides.
            double fused = Nd4j.exec(new SigmoidCrossEntropyLoss(labels, logits, null, LossReduce.SUM, 0.0))[0]
                    .getDouble(0);
            if (fused >= FUSED_SCORE_FLOOR * preOutput.length()) {
                return fused / outputs(preOutput);
            }
            return sigmoidCrossEntropy(labels, logits).sumNumber().doubleValue() / outputs(preOutput);
        }
        // The batch total of -(y log(p + eps) + (1 - y) log(1 - p + eps)) as two dot products, which saves the
        // elementwise products, their sum and the negation of elementLosses.
        INDArray probabilities = clipInPlace(activate(preOutput, activationFn), EPSILON, 1.0 - EPSILON);
        INDArray logPositive = Transforms.log(probabilities.add(EPSILON), false);
        INDArray logNegative = Transforms.log(probabilities.rsubi(1.0).addi(EPSILON), false);
        return -(dot(labels, logPositive) + dot(labels.rsub(1.0), logNegative)) / outputs(preOutput);
    }

    /** The logits Keras computes from: a sigmoid's input, or the activated output with from_logits; else null. */
    private INDArray logits(INDArray preOutput, IActivation activationFn) {
        if (activationFn instanceof ActivationSigmoid) {
            return preOutput;
        }
        return fromLogits() ? activate(preOutput, activationFn) : null;
    }

    /**
     * {@code sigmoid_cross_entropy_with_logits(labels, z)} elementwise, in TensorFlow's order:
     * {@code (max(z, 0) - z y) + log1p(exp(-|z|))}; the first difference is exact for 0/1 labels, so a tiny loss
     * survives instead of vanishing in the rounding of a large z.
     */
    private static INDArray sigmoidCrossEntropy(INDArray labels, INDArray logits) {
        INDArray softplusTail = log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false));
        return Transforms.relu(logits, true).subi(logits.mul(labels)).addi(softplusTail);
    }

    // Compiled forms, op for op.

    @Override
    protected void compiledScoreArray(KernelList kernels, LossSetup setup, INDArray scores) {
        kernels.mean(compiledElementLosses(kernels, setup), 1, scores);
    }

    /** {@link #elementLosses}'s compiled form, into a new array. */
    private INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray labels = setup.labels();
        INDArray logits = logits(kernels, setup);
        if (logits != null) {
            return sigmoidCrossEntropy(kernels, labels, logits);
        }
        INDArray probabilities = activated(kernels, setup);
        kernels.clip(probabilities, EPSILON, 1.0 - EPSILON, probabilities);
        INDArray positive = kernels.like(probabilities);
        kernels.add(probabilities, EPSILON, positive).log(positive, positive).mul(positive, labels, positive);
        INDArray negativeLabels = kernels.like(labels);
        kernels.rsub(probabilities, 1.0, probabilities).add(probabilities, EPSILON, probabilities)
                .log(probabilities, probabilities).rsub(labels, 1.0, negativeLabels)
                .mul(probabilities, negativeLabels, probabilities)
                .add(positive, probabilities, positive).neg(positive, positive);
        return positive;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        double perOutput = 1.0 / setup.outputs();
        INDArray labels = setup.labels();
        if (setup.activation() instanceof ActivationSigmoid) {
            kernels.sigmoid(setup.preOutput(), gradient).sub(gradient, labels, gradient)
                    .mul(gradient, perOutput, gradient);
            return;
        }
        if (fromLogits()) {
            INDArray dLda = activated(kernels, setup);
            kernels.sigmoid(dLda, dLda).sub(dLda, labels, dLda).mul(dLda, perOutput, dLda);
            backprop(kernels, setup, dLda, gradient);
            return;
        }
        INDArray activated = activated(kernels, setup);
        INDArray probabilities = clipped(kernels, activated, EPSILON, 1.0 - EPSILON);
        INDArray passes = kernels.booleans(activated);
        INDArray positive = kernels.like(probabilities);
        INDArray negativeLabels = kernels.like(labels);
        kernels.eq(activated, probabilities, passes)
                .add(probabilities, EPSILON, positive).rdiv(positive, labels, positive)
                .rsub(probabilities, 1.0, probabilities).add(probabilities, EPSILON, probabilities)
                .rsub(labels, 1.0, negativeLabels).rdiv(probabilities, negativeLabels, probabilities)
                .sub(probabilities, positive, probabilities).mul(probabilities, passes, probabilities)
                .mul(probabilities, perOutput, probabilities);
        backprop(kernels, setup, probabilities, gradient);
    }

    @Override
    protected ScoreKernel compiledScoreSum(LossSetup setup) {
        KernelList kernels = new KernelList(setup.buffers());
        INDArray labels = setup.labels();
        double outputs = setup.outputs();
        INDArray logits = logits(kernels, setup);
        if (logits != null) {
            INDArray fusedSum = kernels.scalar(setup.preOutput());
            SigmoidCrossEntropyLoss fused = new SigmoidCrossEntropyLoss(labels, logits, null, LossReduce.SUM, 0.0);
            fused.addOutputArgument(fusedSum);
            ScoreKernel fusedScore = read(kernels.op(fused).build(), fusedSum);
            KernelList exactKernels = new KernelList(setup.buffers());
            INDArray exactSum = exactKernels.scalar(setup.preOutput());
            exactKernels.sumAll(sigmoidCrossEntropy(exactKernels, labels, logits), exactSum);
            ScoreKernel exact = read(exactKernels.build(), exactSum);
            double floor = FUSED_SCORE_FLOOR * setup.preOutput().length();
            return () -> {
                double sum = fusedScore.run();
                return sum >= floor ? sum / outputs : exact.run() / outputs;
            };
        }
        INDArray probabilities = activated(kernels, setup);
        INDArray logPositive = kernels.like(probabilities);
        INDArray negativeLabels = kernels.like(labels);
        INDArray positiveDot = kernels.scalar(probabilities);
        INDArray negativeDot = kernels.scalar(probabilities);
        kernels.clip(probabilities, EPSILON, 1.0 - EPSILON, probabilities)
                .add(probabilities, EPSILON, logPositive).log(logPositive, logPositive)
                .rsub(probabilities, 1.0, probabilities).add(probabilities, EPSILON, probabilities)
                .log(probabilities, probabilities)
                .dot(labels, logPositive, positiveDot)
                .rsub(labels, 1.0, negativeLabels).dot(negativeLabels, probabilities, negativeDot);
        Kernel kernel = kernels.build();
        return () -> {
            kernel.run();
            return -(positiveDot.getDouble(0) + negativeDot.getDouble(0)) / outputs;
        };
    }

    /** {@link #logits}'s compiled form: z itself, a new array holding the activated output, or null. */
    private INDArray logits(KernelList kernels, LossSetup setup) {
        if (setup.activation() instanceof ActivationSigmoid) {
            return setup.preOutput();
        }
        return fromLogits() ? activated(kernels, setup) : null;
    }

    /** {@link #sigmoidCrossEntropy}'s compiled form, into a new array. */
    private static INDArray sigmoidCrossEntropy(KernelList kernels, INDArray labels, INDArray logits) {
        INDArray exponent = kernels.like(logits);
        kernels.abs(logits, exponent).neg(exponent, exponent).exp(exponent, exponent);
        INDArray softplusTail = log1p(kernels, exponent);
        INDArray losses = kernels.like(logits);
        INDArray products = kernels.like(logits);
        kernels.relu(logits, losses).mul(logits, labels, products).sub(losses, products, losses)
                .add(losses, softplusTail, losses);
        return losses;
    }
}
