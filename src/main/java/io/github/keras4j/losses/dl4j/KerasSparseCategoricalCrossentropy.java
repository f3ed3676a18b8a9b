package io.github.keras4j.losses.dl4j;

import io.github.keras4j.Backend;
import io.github.keras4j.engine.step.Kernel;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code sparse_categorical_crossentropy} (tf_keras {@code backend.sparse_categorical_crossentropy}):
 * the labels are one column of class indices (truncated to integers, as TensorFlow's cast does), with Keras's
 * argument {@code from_logits} (default false); no {@code ignore_class}.
 * <ul>
 * <li>After a softmax, Keras uses the logits z whatever {@code from_logits} says: {@code logsumexp(z) - z[label]},
 * gradient {@code softmax(z) - onehot(label)}.</li>
 * <li>With {@code from_logits} after any other activation a: the same with a as the logits, the gradient through
 * the activation.</li>
 * <li>After any other activation p: p is clipped to {@code [eps, 1 - eps]} (eps 1e-7) and its log passed to
 * {@code sparse_softmax_cross_entropy_with_logits}, that is {@code log(sum(p)) - log(p[label])}: clipped first,
 * then normalised (the reverse of {@code categorical_crossentropy}).</li>
 * </ul>
 * A label outside {@code [0, classes)} throws, as TensorFlow's CPU kernel does (DL4J's {@code LossSparseMCXENT}
 * scores it 0). DL4J's loss also clips softmax outputs at 1e-10 instead of using the logits.
 */
public class KerasSparseCategoricalCrossentropy extends KerasLossFunction {

    private static final long serialVersionUID = 1L;

    private static final double EPSILON = Backend.EPSILON;

    @JsonProperty("fromLogits")
    private final boolean fromLogits;

    /** Keras's default: probabilities. */
    public KerasSparseCategoricalCrossentropy() {
        this(false);
    }

    /** @param fromLogits whether the output (after an activation other than softmax) holds logits */
    @JsonCreator
    public KerasSparseCategoricalCrossentropy(@JsonProperty("fromLogits") boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    protected void checkLabels(INDArray labels, INDArray preOutput) {
        long minibatch = preOutput.size(0);
        boolean oneColumn = labels.length() == minibatch
                && (labels.rank() == 1 || (labels.rank() == 2 && labels.size(1) == 1));
        if (!oneColumn) {
            throw new IllegalArgumentException(name() + ": labels must be one column of class indices, shape ["
                    + minibatch + ", 1], received shape " + Arrays.toString(labels.shape())
                    + " for predictions of shape " + Arrays.toString(preOutput.shape())
                    + "; use categorical_crossentropy for one-hot labels");
        }
    }

    @Override
    protected double scoreSum(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray oneHot = oneHot(labels, preOutput);
        INDArray logits = logits(preOutput, activationFn);
        if (logits != null) {
            return dot(oneHot, KerasCategoricalCrossentropy.negativeLogSoftmax(logits));
        }
        INDArray probabilities = clipInPlace(activate(preOutput, activationFn), EPSILON, 1.0 - EPSILON);
        double logSums = Transforms.log(probabilities.sum(true, 1), false).sumNumber().doubleValue();
        return logSums - dot(oneHot, Transforms.log(probabilities, false));
    }

    @Override
    protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray oneHot = oneHot(labels, preOutput);
        INDArray logits = logits(preOutput, activationFn);
        if (logits != null) {
            return KerasCategoricalCrossentropy.negativeLogSoftmax(logits).muli(oneHot).sum(true, 1);
        }
        INDArray probabilities = clipInPlace(activate(preOutput, activationFn), EPSILON, 1.0 - EPSILON);
        INDArray logSums = Transforms.log(probabilities.sum(true, 1), false);
        return logSums.subi(Transforms.log(probabilities, false).muli(oneHot).sum(true, 1));
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray oneHot = oneHot(labels, preOutput);
        if (activationFn instanceof ActivationSoftmax) {
            // The softmax's own backprop would overwrite preOutput too: DL4J allows it.
            return Transforms.softmax(preOutput, false).subi(oneHot);
        }
        if (fromLogits) {
            INDArray dLda = Transforms.softmax(activate(preOutput, activationFn), false).subi(oneHot);
            return backprop(preOutput, dLda, activationFn);
        }
        INDArray activated = activate(preOutput, activationFn);
        INDArray probabilities = clipped(activated, EPSILON, 1.0 - EPSILON);
        // dL/dp_j = 1 / sum(p) - onehot_j / p_j where the clip passes.
        INDArray inverseSums = probabilities.sum(true, 1).rdivi(1.0);
        INDArray dLda = passWhereUnclipped(oneHot.divi(probabilities).negi().addiColumnVector(inverseSums),
                activated, probabilities);
        return backprop(preOutput, dLda, activationFn);
    }

    /** The logits Keras computes from: a softmax's input, or the activated output with from_logits; else null. */
    private INDArray logits(INDArray preOutput, IActivation activationFn) {
        if (activationFn instanceof ActivationSoftmax) {
            return preOutput;
        }
        return fromLogits ? activate(preOutput, activationFn) : null;
    }

    /**
     * The labels one-hot encoded. OneHot leaves the row of a label outside {@code [0, classes)} all zero (a NaN
     * label too), which the sum over the one-hot array reveals in one op; the label is looked up only then.
     */
    private INDArray oneHot(INDArray labels, INDArray preOutput) {
        INDArray oneHot = preOutput.ulike();
        long classes = preOutput.size(1);
        Nd4j.exec(new OneHot(labels.reshape(labels.length()), oneHot, (int) classes));
        if (oneHot.sumNumber().doubleValue() != labels.length()) {
            double smallest = labels.minNumber().doubleValue();
            double largest = labels.maxNumber().doubleValue();
            double outside = smallest <= -1.0 ? smallest : largest >= classes ? largest : Double.NaN;
            // TensorFlow casts labels to int64, truncating towards zero: -0.5 is class 0, 2.9 is class 2.
            throw new IllegalArgumentException(name() + ": received a label value of "
                    + (Double.isNaN(outside) ? "NaN" : String.valueOf((long) outside))
                    + " which is outside the valid range of [0, " + classes + ")");
        }
        return oneHot;
    }

    @Override
    public String toString() {
        return "KerasSparseCategoricalCrossentropy(fromLogits=" + fromLogits + ")";
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && ((KerasSparseCategoricalCrossentropy) other).fromLogits == fromLogits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), fromLogits);
    }

    // Compiled forms, op for op.

    @Override
    protected ScoreKernel compiledScoreSum(LossSetup setup) {
        KernelList kernels = new KernelList(setup.buffers());
        INDArray oneHot = oneHot(kernels, setup);
        INDArray dot = kernels.scalar(setup.preOutput());
        INDArray logits = logits(kernels, setup);
        if (logits != null) {
            kernels.dot(oneHot, KerasCategoricalCrossentropy.negativeLogSoftmax(kernels, logits), dot);
            return read(kernels.build(), dot);
        }
        INDArray probabilities = activated(kernels, setup);
        INDArray logSums = kernels.column(probabilities);
        INDArray logSumsTotal = kernels.scalar(probabilities);
        kernels.clip(probabilities, EPSILON, 1.0 - EPSILON, probabilities).sum(probabilities, 1, logSums)
                .log(logSums, logSums).sumAll(logSums, logSumsTotal)
                .log(probabilities, probabilities).dot(oneHot, probabilities, dot);
        Kernel kernel = kernels.build();
        return () -> {
            kernel.run();
            return logSumsTotal.getDouble(0) - dot.getDouble(0);
        };
    }

    @Override
    protected void compiledScoreArray(KernelList kernels, LossSetup setup, INDArray scores) {
        INDArray oneHot = oneHot(kernels, setup);
        INDArray logits = logits(kernels, setup);
        if (logits != null) {
            INDArray losses = KerasCategoricalCrossentropy.negativeLogSoftmax(kernels, logits);
            kernels.mul(losses, oneHot, losses).sum(losses, 1, scores);
            return;
        }
        INDArray probabilities = activated(kernels, setup);
        INDArray picked = kernels.column(probabilities);
        kernels.clip(probabilities, EPSILON, 1.0 - EPSILON, probabilities).sum(probabilities, 1, scores)
                .log(scores, scores).log(probabilities, probabilities).mul(probabilities, oneHot, probabilities)
                .sum(probabilities, 1, picked).sub(scores, picked, scores);
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray oneHot = oneHot(kernels, setup);
        if (setup.activation() instanceof ActivationSoftmax) {
            kernels.op(new SoftMax(setup.preOutput(), gradient, -1)).sub(gradient, oneHot, gradient);
            return;
        }
        if (fromLogits) {
            INDArray dLda = activated(kernels, setup);
            kernels.op(new SoftMax(dLda, dLda, -1)).sub(dLda, oneHot, dLda);
            backprop(kernels, setup, dLda, gradient);
            return;
        }
        INDArray activated = activated(kernels, setup);
        INDArray probabilities = clipped(kernels, activated, EPSILON, 1.0 - EPSILON);
        INDArray inverseSums = kernels.column(probabilities);
        kernels.sum(probabilities, 1, inverseSums).rdiv(inverseSums, 1.0, inverseSums)
                .div(oneHot, probabilities, oneHot).neg(oneHot, oneHot).add(oneHot, inverseSums, oneHot);
        passWhereUnclipped(kernels, oneHot, activated, probabilities);
        backprop(kernels, setup, oneHot, gradient);
    }

    /** {@link #logits}'s compiled form: z itself, a new array holding the activated output, or null. */
    private INDArray logits(KernelList kernels, LossSetup setup) {
        if (setup.activation() instanceof ActivationSoftmax) {
            return setup.preOutput();
        }
        return fromLogits ? activated(kernels, setup) : null;
    }

    /**
     * {@link #oneHot}'s compiled form: the labels one-hot encoded into a new array, and the same check of labels
     * outside the classes (its error computed only then).
     */
    private INDArray oneHot(KernelList kernels, LossSetup setup) {
        INDArray labels = setup.labels();
        INDArray oneHot = kernels.like(setup.preOutput());
        INDArray total = kernels.scalar(setup.preOutput());
        long classes = setup.outputs();
        Kernel encode = new KernelList(setup.buffers())
                .op(new OneHot(labels.reshape(labels.length()), oneHot, (int) classes))
                .sumAll(oneHot, total).build();
        double expected = labels.length();
        kernels.add(() -> {
            encode.run();
            if (total.getDouble(0) != expected) {
                oneHot(labels, setup.preOutput());
            }
        });
        return oneHot;
    }
}
