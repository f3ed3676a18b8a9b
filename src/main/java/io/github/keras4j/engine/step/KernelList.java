package io.github.keras4j.engine.step;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.RDivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.RSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;

/**
 * A sequence of kernels written the way INDArray code reads, each method running the ND4J operation the INDArray
 * method of the same name runs ({@code x.subi(y)} is {@code sub(x, y, x)}, {@code Transforms.log(x, false)} is
 * {@code log(x, x)}, {@code x.diviColumnVector(c)} is {@code div(x, c, x)}), so that a compiled loss mirrors its
 * INDArray code line by line. Intermediate arrays come from {@link #like} and {@link #column}, allocated once.
 */
public final class KernelList {

    private final Buffers buffers;
    private final List<Kernel> kernels = new ArrayList<>();

    public KernelList(Buffers buffers) {
        this.buffers = buffers;
    }

    /** A new array shaped and ordered like {@code x} ({@code x.ulike()}). */
    public INDArray like(INDArray x) {
        return buffers.array(x.dataType(), x.ordering(), x.shape());
    }

    /** A new c-order array shaped like {@code x} ({@code x.dup()}'s layout). */
    public INDArray likeC(INDArray x) {
        return buffers.array(x.dataType(), 'c', x.shape());
    }

    /** A new boolean array shaped like {@code x}. */
    public INDArray booleans(INDArray x) {
        return buffers.array(DataType.BOOL, x.ordering(), x.shape());
    }

    /** A new [rows, 1] array of {@code x}'s type. */
    public INDArray column(INDArray x) {
        return buffers.array(x.dataType(), 'c', x.size(0), 1);
    }

    /** A new scalar of {@code x}'s type. */
    public INDArray scalar(INDArray x) {
        return buffers.scalar(x.dataType(), 0);
    }

    public KernelList add(Kernel kernel) {
        kernels.add(kernel);
        return this;
    }

    public KernelList op(Object ndOp) {
        return add(Kernels.of(ndOp));
    }

    public Kernel build() {
        return Kernel.sequence(kernels.toArray(new Kernel[0]));
    }

    /** {@code out = activation(z)} ({@code activation.getActivation(z.dup(), training)}). */
    public KernelList activate(IActivation activation, INDArray z, INDArray out) {
        ActivationKernels.ActivationKernel kernel = ActivationKernels.of(activation);
        INDArray[] flat = kernel.perValue() ? Layouts.flatViews(z, out) : null;
        return add(flat == null ? kernel.forward(z, out, buffers) : kernel.forward(flat[0], flat[1], buffers));
    }

    /**
     * {@code out = activation's backprop(z, dLda)}. An activation of each value alone, on views that share one
     * permuted layout of contiguous memory (a convolution's NCHW views of its NHWC arrays), runs on flat views of
     * that memory: libnd4j then takes its contiguous loops instead of working out each element's offset from the
     * strides (27% of tutorial 006's step), and the numbers are the same.
     */
    public KernelList backprop(IActivation activation, INDArray z, INDArray dLda, INDArray out) {
        ActivationKernels.ActivationKernel kernel = ActivationKernels.of(activation);
        INDArray[] flat = kernel.perValue() ? Layouts.flatViews(z, dLda, out) : null;
        return add(flat == null ? kernel.backward(z, dLda, out, buffers)
                : kernel.backward(flat[0], flat[1], flat[2], buffers));
    }

    public KernelList copy(INDArray from, INDArray to) {
        return add(Kernels.copy(from, to));
    }

    // Arrays with arrays (or columns [rows, 1], broadcast as the *ColumnVector methods do).

    // Same-shape sums, differences and products take libnd4j's legacy pairwise path (PairwiseKernel): the same bits,
    // without a custom operation's per-run checks; broadcasts stay custom operations.

    public KernelList add(INDArray x, INDArray y, INDArray out) {
        INDArray sameShapeY = oneRowView(y, x);
        if (PairwiseKernel.applies(x, sameShapeY, out)) {
            return add(PairwiseKernel.of(PairwiseKernel.Operation.ADD, x, sameShapeY, out));
        }
        return op(new AddOp(x, y, out));
    }

    /**
     * {@code vector} as a {@code [1, n]} view where {@code matrix} is one row of n (a bias added to one sample:
     * {@code predict}'s serving path), so that the sum is a same-shape one; else {@code vector} itself.
     */
    private static INDArray oneRowView(INDArray vector, INDArray matrix) {
        if (vector.rank() != 1 || matrix.rank() != 2 || matrix.size(0) != 1 || matrix.size(1) != vector.length()) {
            return vector;
        }
        INDArray view = Shape.newShapeNoCopy(vector, new long[] {1, vector.length()}, false);
        return view != null ? view : vector;
    }

    public KernelList sub(INDArray x, INDArray y, INDArray out) {
        if (PairwiseKernel.applies(x, y, out)) {
            return add(PairwiseKernel.of(PairwiseKernel.Operation.SUBTRACT, x, y, out));
        }
        return op(new SubOp(x, y, out));
    }

    /** {@code out = y - x} ({@code x.rsubi(y)}). */
    public KernelList rsub(INDArray x, INDArray y, INDArray out) {
        return op(new RSubOp(x, y, out));
    }

    public KernelList mul(INDArray x, INDArray y, INDArray out) {
        if (PairwiseKernel.applies(x, y, out)) {
            return add(PairwiseKernel.of(PairwiseKernel.Operation.MULTIPLY, x, y, out));
        }
        return op(new MulOp(x, y, out));
    }

    public KernelList div(INDArray x, INDArray y, INDArray out) {
        return op(new DivOp(x, y, out));
    }

    /** {@code out = y / x} ({@code x.rdivi(y)}). */
    public KernelList rdiv(INDArray x, INDArray y, INDArray out) {
        return op(new RDivOp(x, y, out));
    }

    /** {@code out = (x == y)} as booleans. */
    public KernelList eq(INDArray x, INDArray y, INDArray out) {
        return op(new EqualTo(x, y, out));
    }

    // Arrays with numbers.

    public KernelList add(INDArray x, double value, INDArray out) {
        return op(new ScalarAdd(x, null, out, value));
    }

    public KernelList sub(INDArray x, double value, INDArray out) {
        return op(new ScalarSubtraction(x, null, out, value));
    }

    /** {@code out = value - x} ({@code x.rsubi(value)}). */
    public KernelList rsub(INDArray x, double value, INDArray out) {
        return op(new ScalarReverseSubtraction(x, null, out, value));
    }

    public KernelList mul(INDArray x, double value, INDArray out) {
        return op(new ScalarMultiplication(x, null, out, value));
    }

    public KernelList div(INDArray x, double value, INDArray out) {
        return op(new ScalarDivision(x, null, out, value));
    }

    /** {@code out = value / x} ({@code x.rdivi(value)}). */
    public KernelList rdiv(INDArray x, double value, INDArray out) {
        return op(new ScalarReverseDivision(x, null, out, value));
    }

    /** {@code Transforms.max(x, value)}. */
    public KernelList max(INDArray x, double value, INDArray out) {
        return op(new ScalarMax(x, null, out, value));
    }

    /** {@code Transforms.min(x, value)}. */
    public KernelList min(INDArray x, double value, INDArray out) {
        return op(new ScalarMin(x, null, out, value));
    }

    /** {@code clip_by_value(x, min, max)}. */
    public KernelList clip(INDArray x, double min, double max, INDArray out) {
        ClipByValue clip = new ClipByValue(x, min, max);
        clip.addOutputArgument(out);
        return op(clip);
    }

    // Elementwise functions.

    public KernelList neg(INDArray x, INDArray out) {
        return op(new Negative(x, out));
    }

    public KernelList log(INDArray x, INDArray out) {
        return op(new Log(x, out));
    }

    public KernelList log1p(INDArray x, INDArray out) {
        return op(new Log1p(x, out));
    }

    public KernelList exp(INDArray x, INDArray out) {
        return op(new Exp(x, out));
    }

    public KernelList abs(INDArray x, INDArray out) {
        return op(new Abs(x, out));
    }

    public KernelList sign(INDArray x, INDArray out) {
        return op(new Sign(x, out));
    }

    public KernelList tanh(INDArray x, INDArray out) {
        return op(new Tanh(x, out));
    }

    public KernelList sigmoid(INDArray x, INDArray out) {
        return op(new Sigmoid(x, out));
    }

    public KernelList sqrt(INDArray x, INDArray out) {
        return op(new Sqrt(x, out));
    }

    /** {@code Transforms.pow(x, power)}. */
    public KernelList pow(INDArray x, double power, INDArray out) {
        return op(new Pow(x, out, power));
    }

    /** {@code Transforms.relu(x)}. */
    public KernelList relu(INDArray x, INDArray out) {
        return op(new RectifiedLinear(x, out));
    }

    // Reductions.

    /** {@code x.sum(true, dimension)}. */
    public KernelList sum(INDArray x, int dimension, INDArray out) {
        return add(Reductions.sum(x, dimension, out));
    }

    /** {@code x.sum(dimensions)}, the axes kept when {@code out} has x's rank. */
    public KernelList sum(INDArray x, int[] dimensions, INDArray out) {
        return add(Reductions.sum(x, dimensions, out));
    }

    /** {@code x.mean(dimensions)}. */
    public KernelList mean(INDArray x, int[] dimensions, INDArray out) {
        return add(Reductions.mean(x, dimensions, out));
    }

    /** {@code x.var(false, dimensions)}. */
    public KernelList variance(INDArray x, int[] dimensions, INDArray out) {
        return add(Reductions.variance(x, dimensions, out));
    }

    /** {@code x.mean(true, dimension)}. */
    public KernelList mean(INDArray x, int dimension, INDArray out) {
        return add(Reductions.mean(x, dimension, out));
    }

    /** {@code x.max(true, dimension)}. */
    public KernelList max(INDArray x, int dimension, INDArray out) {
        return add(Reductions.max(x, dimension, out));
    }

    /** {@code x.max(dimensions)}, the axes kept when {@code out} has x's rank. */
    public KernelList max(INDArray x, int[] dimensions, INDArray out) {
        return add(Reductions.max(x, dimensions, out));
    }

    /** {@code x.norm2(true, dimension)}. */
    public KernelList norm2(INDArray x, int dimension, INDArray out) {
        return add(Reductions.norm2(x, dimension, out));
    }

    /** {@code x.sumNumber()} into a scalar. */
    public KernelList sumAll(INDArray x, INDArray scalar) {
        return add(Reductions.sumAll(x, scalar));
    }

    /** {@code x.norm1Number()} into a scalar. */
    public KernelList norm1All(INDArray x, INDArray scalar) {
        return add(Reductions.norm1All(x, scalar));
    }

    /** {@code Nd4j.exec(new Dot(x, y))} into a scalar. */
    public KernelList dot(INDArray x, INDArray y, INDArray scalar) {
        return add(Reductions.dot(x, y, scalar));
    }
}
