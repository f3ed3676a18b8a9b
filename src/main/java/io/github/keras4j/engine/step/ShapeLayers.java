package io.github.keras4j.engine.step;

import static io.github.keras4j.layers.dl4j.SampleReshapePreProcessor.arrayAxes;
import static io.github.keras4j.layers.dl4j.SampleReshapePreProcessor.inverse;
import static io.github.keras4j.layers.dl4j.SampleReshapePreProcessor.withBatch;

import java.util.Arrays;
import java.util.function.Function;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
            INDArray gradient = Reshapes.reshape(kernels, buffers, outputGradient, 'c', permuted.shape());
            INDArray inputGradient = buffers.array('c', input.shape());
            kernels.copy(gradient.permute(arrayAxes(inverse(permutation))), inputGradient);
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

    /**
     * DL4J's {@code ZeroPaddingLayer} on NHWC images, {@code padding} (top, bottom, left, right): forward the input
     * copied into the middle of a C-order array whose border stays zero; backward DL4J hands on the middle of the
     * gradient, a view, and so does this.
     */
    public static CompiledLayer pad(LayerSetup setup, int[] padding) {
        refuseNonImage(setup, "zero padding");
        INDArray input = setup.input();
        Buffers buffers = setup.buffers();
        long[] shape = input.shape();
        INDArray output = buffers.filled(0, 'c', shape[0], shape[1] + padding[0] + padding[1],
                shape[2] + padding[2] + padding[3], shape[3]);
        INDArrayIndex[] middle = {NDArrayIndex.all(), NDArrayIndex.interval(padding[0], padding[0] + shape[1]),
            NDArrayIndex.interval(padding[2], padding[2] + shape[2]), NDArrayIndex.all()};
        Kernel forward = Kernels.copy(input, output.get(middle));
        return CompiledLayer.of(output, forward, buffers,
                (kernels, outputGradient, needed) -> needed ? outputGradient.get(middle) : null);
    }

    /**
     * DL4J's {@code Cropping2DLayer} on NHWC images, {@code cropping} (top, bottom, left, right): forward the middle of
     * the input, a view (copied when the layer is the network's first, as keras4j's {@code CroppingLayer} places it in
     * the activation workspace then; a wrapped layer's output is copied by its wrapper); backward the gradient copied
     * into the middle of a C-order array whose border stays zero.
     */
    public static CompiledLayer crop(LayerSetup setup, int[] cropping, boolean copiedWhenFirst) {
        refuseNonImage(setup, "cropping");
        INDArray input = setup.input();
        Buffers buffers = setup.buffers();
        long[] shape = input.shape();
        INDArrayIndex[] middle = {NDArrayIndex.all(), NDArrayIndex.interval(cropping[0], shape[1] - cropping[1]),
            NDArrayIndex.interval(cropping[2], shape[2] - cropping[3]), NDArrayIndex.all()};
        INDArray cropped = input.get(middle);
        INDArray output = cropped;
        Kernel forward = Kernel.NONE;
        if (copiedWhenFirst && setup.layer().getIndex() == 0) {
            output = buffers.array('c', cropped.shape());
            forward = Kernels.copy(cropped, output);
        }
        return CompiledLayer.of(output, forward, buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            INDArray inputGradient = buffers.filled(0, 'c', shape);
            kernels.copy(outputGradient, inputGradient.get(middle));
            return inputGradient;
        });
    }

    /**
     * DL4J's {@code Upsampling2D} on NHWC images: ND4J's {@code upsampling2d} (nearest) forward and
     * {@code upsampling_bp} backward, into C-order arrays as DL4J's.
     */
    public static CompiledLayer upsample(LayerSetup setup, int[] size) {
        refuseNonImage(setup, "upsampling");
        INDArray input = setup.input();
        Buffers buffers = setup.buffers();
        long[] shape = input.shape();
        INDArray output = buffers.array('c', shape[0], shape[1] * size[0], shape[2] * size[1], shape[3]);
        Kernel forward = Kernels.of(DynamicCustomOp.builder("upsampling2d").addIntegerArguments(size[0], size[1], 0)
                .addInputs(input).addOutputs(output).callInplace(false).build());
        return CompiledLayer.of(output, forward, buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            INDArray inputGradient = buffers.array('c', shape);
            kernels.op(DynamicCustomOp.builder("upsampling_bp").addIntegerArguments(0)
                    .addInputs(input, outputGradient).addOutputs(inputGradient).callInplace(false).build());
            return inputGradient;
        });
    }

    private static void refuseNonImage(LayerSetup setup, String what) {
        setup.refuseMask(what);
        if (setup.preProcessor() != null || setup.input().rank() != 4) {
            throw new UnsupportedOperationException(what + " has a compiled form on NHWC images only, not on "
                    + Arrays.toString(setup.input().shape()) + (setup.preProcessor() == null ? ""
                    : " after a preprocessor"));
        }
    }

    /**
     * keras4j's {@code SequenceAsImageLayer} around a layer on NHWC images ({@code inner}, compiled on it): the
     * sequence {@code [samples, timesteps, features]} read as {@code [samples, timesteps, 1, features]} (copied to C
     * order first where it is not), the inner layer's output read back as a sequence (copied to C order where it is
     * not), and the gradients the same way backward. The timestep mask stays outside: the wrapper passes it on when
     * {@code passesMask} (a spatial dropout), and the wrapped layer never sees it; the others refuse one.
     */
    public static CompiledLayer asImage(LayerSetup setup, Function<LayerSetup, CompiledLayer> inner,
            boolean passesMask) {
        if (!passesMask) {
            setup.refuseMask("a layer on sequences seen as images");
        }
        if (!(setup.layer() instanceof BaseWrapperLayer wrapper) || setup.preProcessor() != null
                || setup.input().rank() != 3) {
            throw new UnsupportedOperationException("a sequence seen as images needs keras4j's wrapper and sequences");
        }
        Buffers buffers = setup.buffers();
        KernelList forward = new KernelList(buffers);
        INDArray input = setup.input();
        INDArray image = plain(forward, buffers, input).reshape('c', input.size(0), input.size(1), 1, input.size(2));
        CompiledLayer layer = inner.apply(new LayerSetup(wrapper.getUnderlying(), null, image, null,
                setup.outputLayer(), setup.training(), buffers, setup.counters()));
        forward.add(layer::forward);
        INDArray imageOutput = layer.output();
        INDArray output = plain(forward, buffers, imageOutput).reshape('c', imageOutput.size(0), imageOutput.size(1),
                imageOutput.size(3));
        // The wrapped layers have no parameters: without an input gradient to compute there is nothing to do.
        return CompiledLayer.of(output, forward.build(), buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            INDArray imageGradient = plain(kernels, buffers, outputGradient).reshape('c', outputGradient.size(0),
                    outputGradient.size(1), 1, outputGradient.size(2));
            INDArray innerGradient = layer.compileBackward(imageGradient, true);
            kernels.add(layer::backward);
            return plain(kernels, buffers, innerGradient).reshape('c', innerGradient.size(0), innerGradient.size(1),
                    innerGradient.size(3));
        });
    }

    /** {@code array} when it is C-ordered with default strides, else a copy in C order (a kernel). */
    private static INDArray plain(KernelList kernels, Buffers buffers, INDArray array) {
        if (array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array)) {
            return array;
        }
        INDArray copy = buffers.array('c', array.shape());
        kernels.copy(array, copy);
        return copy;
    }
}
