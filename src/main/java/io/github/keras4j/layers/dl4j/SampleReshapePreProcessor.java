package io.github.keras4j.layers.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Reshape} and {@code Permute}: each sample of {@code inputShape} (without the batch axis) is
 * rearranged to {@code outputShape}, its axes first permuted by {@code permutation} (Keras's {@code dims}, counted
 * from 1; the identity for a reshape) and then read in C order, Keras's (channels-last) order. The gradient goes back
 * the same way. keras4j's arrays are Keras's layouts ({@code [samples, features]}, {@code [samples, timesteps,
 * features]}, NHWC images), so no other change of layout is needed.
 */
public class SampleReshapePreProcessor implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    private final long[] inputShape;
    private final long[] outputShape;
    private final int[] permutation;

    /**
     * Samples of {@code inputShape}, their axes permuted by {@code permutation} (1-based, one per axis), read as
     * {@code outputShape}; both shapes without the batch axis.
     */
    @JsonCreator
    public SampleReshapePreProcessor(@JsonProperty("inputShape") long[] inputShape,
            @JsonProperty("outputShape") long[] outputShape, @JsonProperty("permutation") int[] permutation) {
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
        this.permutation = permutation.clone();
        if (permutation.length != inputShape.length) {
            throw new IllegalArgumentException("a permutation of " + inputShape.length + " axes needs "
                    + inputShape.length + " entries, received " + Arrays.toString(permutation));
        }
        if (count(inputShape) != count(outputShape)) {
            throw new IllegalArgumentException("cannot reshape samples of shape " + Arrays.toString(inputShape)
                    + " to " + Arrays.toString(outputShape) + ": their sizes differ");
        }
    }

    /** Keras's {@code Reshape}: samples of {@code inputShape} read in C order as {@code outputShape}. */
    public static SampleReshapePreProcessor reshape(long[] inputShape, long[] outputShape) {
        int[] identity = new int[inputShape.length];
        Arrays.setAll(identity, axis -> axis + 1);
        return new SampleReshapePreProcessor(inputShape, outputShape, identity);
    }

    /** Keras's {@code Permute(dims)} on samples of {@code inputShape}. */
    public static SampleReshapePreProcessor permute(long[] inputShape, int[] dims) {
        long[] outputShape = new long[dims.length];
        Arrays.setAll(outputShape, axis -> inputShape[dims[axis] - 1]);
        return new SampleReshapePreProcessor(inputShape, outputShape, dims);
    }

    private static long count(long[] shape) {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    @JsonProperty("inputShape")
    public long[] inputShape() {
        return inputShape.clone();
    }

    @JsonProperty("outputShape")
    public long[] outputShape() {
        return outputShape.clone();
    }

    @JsonProperty("permutation")
    public int[] permutation() {
        return permutation.clone();
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        check("input", input, inputShape);
        return rearranged(input, arrayAxes(permutation), outputShape, ArrayType.ACTIVATIONS, workspaceMgr);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        check("gradient", output, outputShape);
        // Back to the permuted input's shape, then the inverse permutation.
        long[] permuted = new long[inputShape.length];
        Arrays.setAll(permuted, axis -> inputShape[permutation[axis] - 1]);
        INDArray unshaped = output.reshape('c', withBatch(output.size(0), permuted));
        return rearranged(unshaped, arrayAxes(inverse(permutation)), inputShape, ArrayType.ACTIVATION_GRAD,
                workspaceMgr);
    }

    private static INDArray rearranged(INDArray array, int[] axes, long[] sampleShape, ArrayType type,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray permuted = array.permute(axes);
        INDArray plain = permuted.ordering() == 'c' && Shape.hasDefaultStridesForShape(permuted) ? permuted
                : workspaceMgr.dup(type, permuted, 'c');
        return ActivationWorkspace.place(type, plain.reshape('c', withBatch(array.size(0), sampleShape)), workspaceMgr);
    }

    /** The inverse of a permutation of a sample's axes, numbered from 1 as Keras's {@code Permute} numbers them. */
    public static int[] inverse(int[] permutation) {
        int[] inverse = new int[permutation.length];
        for (int axis = 0; axis < permutation.length; axis++) {
            inverse[permutation[axis] - 1] = axis + 1;
        }
        return inverse;
    }

    /** A permutation of a sample's axes (numbered from 1) as one of the batch's, the samples' axis 0 first. */
    public static int[] arrayAxes(int[] sampleAxes) {
        int[] axes = new int[sampleAxes.length + 1];
        for (int axis = 0; axis < sampleAxes.length; axis++) {
            axes[axis + 1] = sampleAxes[axis];
        }
        return axes;
    }

    /** A batch's shape: {@code batch} samples of {@code sampleShape}. */
    public static long[] withBatch(long batch, long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = batch;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }

    private static void check(String what, INDArray array, long[] sampleShape) {
        long[] shape = array.shape();
        if (shape.length != sampleShape.length + 1
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), sampleShape)) {
            throw new IllegalStateException("expected an " + what + " of samples of shape "
                    + Arrays.toString(sampleShape) + ", received shape " + Arrays.toString(shape));
        }
    }

    @Override
    public SampleReshapePreProcessor clone() {
        return new SampleReshapePreProcessor(inputShape, outputShape, permutation);
    }

    /** DL4J's type of samples of the output shape: features, NWC sequences or NHWC images. */
    @Override
    public InputType getOutputType(InputType inputType) {
        return switch (outputShape.length) {
            case 1 -> InputType.feedForward(outputShape[0]);
            case 2 -> InputType.recurrent(outputShape[1], outputShape[0], RNNFormat.NWC);
            case 3 -> InputType.convolutional(outputShape[0], outputShape[1], outputShape[2], CNN2DFormat.NHWC);
            default -> throw new IllegalStateException("no DL4J input type has rank " + outputShape.length);
        };
    }

    /** Keras's {@code Reshape} and {@code Permute} do not pass a mask on. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SampleReshapePreProcessor that && Arrays.equals(that.inputShape, inputShape)
                && Arrays.equals(that.outputShape, outputShape) && Arrays.equals(that.permutation, permutation);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputShape) * 961 + Arrays.hashCode(outputShape) * 31 + Arrays.hashCode(permutation);
    }
}
