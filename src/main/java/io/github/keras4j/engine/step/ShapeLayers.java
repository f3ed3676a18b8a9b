package io.github.keras4j.engine.step;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;

/**
 * The compiled forms of the layers that only move values (Keras's Reshape, Permute, RepeatVector, the paddings,
 * croppings and upsamplings): each copies what DL4J's layer (and preprocessor) copies, into arrays of the layouts
 * DL4J's give, so that the layers around them round as they do under DL4J's fit.
 */
public final class ShapeLayers {

    private ShapeLayers() {
    }

    /**
     * keras4j's {@code SampleReshapePreProcessor} in front of DL4J's identity {@code ActivationLayer} (Keras's Reshape
     * and Permute): each sample of {@code inputShape} permuted by {@code permutation} (1-based) and read in C order as
     * {@code outputShape}. Forward the permuted input copied into a C-order array (the preprocessor's and the identity
     * layer's copies give the same values); backward the gradient read back in the permuted shape, permuted back and
     * copied into a C-order array of the input's shape, the layout DL4J's preprocessor hands on.
     */
    public static CompiledLayer rearrange(LayerSetup setup, long[] inputShape, long[] outputShape, int[] permutation) {
        setup.refuseMask("a reshape or permutation");
        INDArray input = setup.input();
        long rows = setup.rows();
        if (!Arrays.equals(input.shape(), withBatch(rows, inputShape))) {
            throw new IllegalStateException("expected an input of samples of shape " + Arrays.toString(inputShape)
                    + ", compiled on " + Arrays.toString(input.shape()));
        }
        Buffers buffers = setup.buffers();
        INDArray permuted = input.permute(arrayAxes(permutation));
        INDArray plain = buffers.array('c', permuted.shape());
        Kernel forward = Kernels.copy(permuted, plain);
        INDArray output = plain.reshape('c', withBatch(rows, outputShape));
        return CompiledLayer.of(output, forward, buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            int[] inverse = new int[permutation.length];
            for (int axis = 0; axis < permutation.length; axis++) {
                inverse[permutation[axis] - 1] = axis + 1;
            }
            INDArray gradient = Reshapes.reshape(kernels, buffers, outputGradient, 'c', permuted.shape());
            INDArray inputGradient = buffers.array('c', input.shape());
            kernels.copy(gradient.permute(arrayAxes(inverse)), inputGradient);
            return inputGradient;
        });
    }

    /**
     * DL4J's {@code RepeatVector} in NWC: forward the input read as {@code [samples, 1, features]} and ND4J's
     * {@code repeat} along axis 1 (into the array {@code INDArray.repeat} creates); backward the gradient's sum over
     * the timesteps ({@code epsilon.sum(1)}).
     */
    public static CompiledLayer repeat(LayerSetup setup, int n) {
        if (setup.preProcessor() != null) {
            throw new UnsupportedOperationException("a preprocessor before RepeatVector has no compiled form");
        }
        INDArray input = setup.input();
        Buffers buffers = setup.buffers();
        long rows = setup.rows();
        long features = input.size(1);
        KernelList forward = new KernelList(buffers);
        INDArray column = Reshapes.reshape(forward, buffers, input, 'c', rows, 1, features);
        DynamicCustomOp repeat = DynamicCustomOp.builder("repeat").addInputs(column).addIntegerArguments(n).build();
        repeat.addIArgument(1);
        LongShapeDescriptor descriptor = repeat.calculateOutputShape().get(0);
        INDArray output = buffers.array(descriptor.getOrder(), descriptor.getShape());
        repeat.addOutputArgument(output);
        forward.op(repeat);
        return CompiledLayer.of(output, forward.build(), buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            INDArray inputGradient = buffers.array('c', rows, features);
            kernels.sum(outputGradient, new int[] {1}, inputGradient);
            return inputGradient;
        });
    }

    static int[] arrayAxes(int[] sampleAxes) {
        int[] axes = new int[sampleAxes.length + 1];
        for (int axis = 0; axis < sampleAxes.length; axis++) {
            axes[axis + 1] = sampleAxes[axis];
        }
        return axes;
    }

    static long[] withBatch(long rows, long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }
}
