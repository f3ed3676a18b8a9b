package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.Kernel;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.LossStep;
import io.github.keras4j.engine.step.ScoreKernel;
import java.util.Arrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Base of our DL4J loss functions that compute Keras's (tf.keras 2.x) per-sample losses.
 *
 * <p>DL4J's contract, which every subclass keeps: {@code computeGradient} returns dL/dz for each element of the
 * pre-activation output z, for the per-sample loss L, not divided by the minibatch size (DL4J's output layer
 * divides score and gradient by it when {@code miniBatch} is true). {@code computeScore} returns the sum of the
 * per-sample losses, divided by the number of samples when {@code average} is true. Like DL4J's own losses
 * (whose activation backprop works in place), {@code computeGradient} may overwrite {@code preOutput};
 * {@code computeScore} and {@code computeScoreArray} leave their arguments untouched.
 *
 * <p>Masks: a per-example mask (a column {@code [minibatch, 1]}, or a vector of length minibatch) multiplies
 * each sample's loss and gradient, which is also exactly Keras's {@code sample_weight} for the default
 * {@code sum_over_batch_size} reduction (the weighted sum divided by the number of samples). Per-output masks
 * have no Keras counterpart for these losses and are rejected with {@link UnsupportedOperationException}.
 *
 * <p>Each loss is also its own compiled form ({@link LossStep}, keras4j's training step): the {@code compiled*}
 * methods build, op for op, the kernels of {@link #scoreArray}, {@link #gradient} and {@link #scoreSum}, with
 * {@link KernelList} mirroring the INDArray calls, so a change to one of them must be made to its compiled twin.
 */
public abstract class KerasLossFunction implements ILossFunction, LossStep {

    private static final long serialVersionUID = 1L;

    /** Per-sample losses as a fresh column {@code [minibatch, 1]}; labels already have preOutput's data type. */
    protected abstract INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn);

    /**
     * dL/dz for each element, unmasked and unreduced over the batch; labels already have preOutput's data type.
     * May overwrite preOutput.
     */
    protected abstract INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn);

    /** The sum of the per-sample losses; subclasses override it when they can skip the per-sample column. */
    protected double scoreSum(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return scoreArray(labels, preOutput, activationFn).sumNumber().doubleValue();
    }

    /** {@link #scoreArray}'s computation as kernels writing the per-sample losses into {@code scores}. */
    protected abstract void compiledScoreArray(KernelList kernels, LossSetup setup, INDArray scores);

    /** {@link #gradient}'s computation as kernels writing dL/dz into {@code gradient}. */
    protected abstract void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient);

    /** {@link #scoreSum}'s computation; the default sums {@link #compiledScoreArray}'s column, as scoreSum does. */
    protected ScoreKernel compiledScoreSum(LossSetup setup) {
        KernelList kernels = new KernelList(setup.buffers());
        INDArray scores = kernels.column(setup.preOutput());
        INDArray sum = kernels.scalar(setup.preOutput());
        compiledScoreArray(kernels, setup, scores);
        kernels.sumAll(scores, sum);
        return read(kernels.build(), sum);
    }

    /**
     * {@link #smoothed}'s compiled form: the setup whose labels the loss computes with, its labels written by
     * {@code kernels} into a new array where the loss smooths them; the default is {@code setup} itself.
     */
    protected LossSetup compiledSmoothed(KernelList kernels, LossSetup setup) {
        return setup;
    }

    @Override
    public final Kernel gradient(LossSetup setup) {
        checkLabels(setup.labels(), setup.preOutput());
        KernelList kernels = new KernelList(setup.buffers());
        compiledGradient(kernels, compiledSmoothed(kernels, setup), setup.gradient());
        return kernels.build();
    }

    @Override
    public final ScoreKernel score(LossSetup setup) {
        checkLabels(setup.labels(), setup.preOutput());
        KernelList smoothing = new KernelList(setup.buffers());
        LossSetup smoothed = compiledSmoothed(smoothing, setup);
        if (smoothed == setup) {
            return compiledScoreSum(setup);
        }
        Kernel smooth = smoothing.build();
        ScoreKernel score = compiledScoreSum(smoothed);
        return () -> {
            smooth.run();
            return score.run();
        };
    }

    @Override
    public final Kernel scoreArray(LossSetup setup, INDArray scores) {
        checkLabels(setup.labels(), setup.preOutput());
        KernelList kernels = new KernelList(setup.buffers());
        compiledScoreArray(kernels, compiledSmoothed(kernels, setup), scores);
        return kernels.build();
    }

    /** A score kernel that runs {@code kernel} and reads the scalar it wrote. */
    static ScoreKernel read(Kernel kernel, INDArray scalar) {
        return () -> {
            kernel.run();
            return scalar.getDouble(0);
        };
    }

    /** {@link #activate}'s compiled form: a new c-order array holding the activation of z. */
    static INDArray activated(KernelList kernels, LossSetup setup) {
        INDArray activated = kernels.likeC(setup.preOutput());
        kernels.activate(setup.activation(), setup.preOutput(), activated);
        return activated;
    }

    /** {@link #backprop}'s compiled form. */
    static void backprop(KernelList kernels, LossSetup setup, INDArray dLda, INDArray gradient) {
        kernels.backprop(setup.activation(), setup.preOutput(), dLda, gradient);
    }

    /** {@link #log1p}'s compiled form: a new array holding log1p(u). */
    static INDArray log1p(KernelList kernels, INDArray u) {
        INDArray w = kernels.like(u);
        INDArray correction = kernels.like(u);
        kernels.add(u, 1.0, w).sub(w, 1.0, correction).sub(correction, u, correction).div(correction, w, correction)
                .log(w, w).sub(w, correction, w);
        return w;
    }

    /** {@link #clipped}'s compiled form: a new array. */
    static INDArray clipped(KernelList kernels, INDArray x, double min, double max) {
        INDArray out = kernels.like(x);
        kernels.clip(x, min, max, out);
        return out;
    }

    /** {@link #passWhereUnclipped}'s compiled form, in place on {@code gradient}. */
    static void passWhereUnclipped(KernelList kernels, INDArray gradient, INDArray x, INDArray clipped) {
        INDArray passes = kernels.booleans(x);
        kernels.eq(x, clipped, passes).mul(gradient, passes, gradient);
    }

    /** A copy of the labels ({@code labels.dup()}). */
    static INDArray labelsCopy(KernelList kernels, LossSetup setup) {
        INDArray copy = kernels.likeC(setup.labels());
        kernels.copy(setup.labels(), copy);
        return copy;
    }

    /** Throws unless labels fit preOutput; the default wants equal shapes (dense labels). */
    protected void checkLabels(INDArray labels, INDArray preOutput) {
        if (!labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException(name() + ": labels and predictions must have the same shape, received "
                    + Arrays.toString(labels.shape()) + " and " + Arrays.toString(preOutput.shape()));
        }
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        INDArray typedLabels = prepareLabels(labels, preOutput);
        INDArray sampleMask = sampleMask(mask, preOutput);
        double sum;
        if (sampleMask == null) {
            sum = scoreSum(typedLabels, preOutput, activationFn);
        } else {
            sum = scoreArray(typedLabels, preOutput, activationFn).muli(sampleMask).sumNumber().doubleValue();
        }
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray typedLabels = prepareLabels(labels, preOutput);
        INDArray sampleMask = sampleMask(mask, preOutput);
        INDArray scores = scoreArray(typedLabels, preOutput, activationFn);
        return sampleMask == null ? scores : scores.muli(sampleMask);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray typedLabels = prepareLabels(labels, preOutput);
        INDArray sampleMask = sampleMask(mask, preOutput);
        INDArray gradient = gradient(typedLabels, preOutput, activationFn);
        return sampleMask == null ? gradient : gradient.muliColumnVector(sampleMask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        // The score first: the gradient may overwrite preOutput.
        double score = computeScore(labels, preOutput, activationFn, mask, average);
        return new Pair<>(score, computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().getName().hashCode();
    }

    private INDArray prepareLabels(INDArray labels, INDArray preOutput) {
        if (labels == null || preOutput == null) {
            throw new IllegalArgumentException(name() + ": labels and predictions are required, received "
                    + (labels == null ? "no labels" : "no predictions"));
        }
        if (preOutput.rank() != 2) {
            throw new IllegalArgumentException(name() + ": predictions must be a matrix [minibatch, outputs], received shape "
                    + Arrays.toString(preOutput.shape()));
        }
        checkLabels(labels, preOutput);
        return smoothed(labels.castTo(preOutput.dataType()), preOutput);
    }

    /**
     * The labels the loss computes with: a new array with Keras's label smoothing where the loss has it, else
     * {@code labels} itself (which must not be modified).
     */
    protected INDArray smoothed(INDArray labels, INDArray preOutput) {
        return labels;
    }

    /** The mask as a column {@code [minibatch, 1]} in preOutput's data type, or null when there is none. */
    private INDArray sampleMask(INDArray mask, INDArray preOutput) {
        if (mask == null) {
            return null;
        }
        long minibatch = preOutput.size(0);
        boolean perSample = mask.length() == minibatch
                && (mask.rank() == 1 || (mask.rank() == 2 && mask.size(1) == 1));
        if (!perSample) {
            throw new UnsupportedOperationException(name() + " supports per-example masks only (shape ["
                    + minibatch + ", 1], Keras's sample_weight); received a mask of shape "
                    + Arrays.toString(mask.shape()) + " for predictions of shape " + Arrays.toString(preOutput.shape()));
        }
        return mask.reshape(minibatch, 1).castTo(preOutput.dataType());
    }

    // Helpers shared by the subclasses; each is one ND4J op.

    /** A fresh array holding the activation of preOutput. */
    static INDArray activate(INDArray preOutput, IActivation activationFn) {
        return activationFn.getActivation(preOutput.dup(), true);
    }

    /** dL/dz from dL/da through the activation (DL4J's backprop, which may overwrite preOutput). */
    static INDArray backprop(INDArray preOutput, INDArray dLda, IActivation activationFn) {
        return activationFn.backprop(preOutput, dLda).getFirst();
    }

    /** {@code clip_by_value(x, min, max)} in place. */
    static INDArray clipInPlace(INDArray x, double min, double max) {
        ClipByValue op = new ClipByValue(x, min, max);
        op.addOutputArgument(x);
        Nd4j.exec(op);
        return x;
    }

    /** {@code clip_by_value(x, min, max)} as a new array. */
    static INDArray clipped(INDArray x, double min, double max) {
        return Nd4j.exec(new ClipByValue(x, min, max))[0];
    }

    /**
     * Zeroes the gradient where clipping cut x off, as TensorFlow's clip_by_value gradient does (it passes the
     * gradient where min &lt;= x &lt;= max, that is where the clipped value equals x).
     */
    static INDArray passWhereUnclipped(INDArray gradient, INDArray x, INDArray clipped) {
        return gradient.muli(x.eq(clipped));
    }

    /**
     * {@code log1p(u)} for {@code u >= 0}, accurate to a few ulps: ND4J's {@code Log1p} computes {@code log(1 + u)},
     * which loses u below the rounding of 1 (all of it under 6e-8 in float32). With {@code w = 1 + u} rounded,
     * {@code log(w) - ((w - 1) - u) / w} removes the rounding error to first order.
     */
    static INDArray log1p(INDArray u) {
        INDArray w = u.add(1.0);
        INDArray correction = w.sub(1.0).subi(u).divi(w);
        return Transforms.log(w, false).subi(correction);
    }

    /** The sum of all elementwise products of two arrays of the same shape (whatever their orders). */
    static double dot(INDArray x, INDArray y) {
        return Nd4j.getExecutioner().exec(new Dot(x, y)).getDouble(0);
    }

    /** The number of outputs per sample (the last axis, over which Keras averages). */
    static long outputs(INDArray preOutput) {
        return preOutput.size(1);
    }
}
