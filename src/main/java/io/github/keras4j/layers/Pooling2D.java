package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.Kernel;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LayerSetup;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * What Keras's {@code MaxPooling2D} and {@code AveragePooling2D} share (Keras's {@code Pooling2D}): a window of
 * {@code poolSize} sliding by {@code strides} (default: the pool size) over the height and width of channels-last
 * images, with {@code "valid"} or {@code "same"} padding, and no weights. The fluent setters return a copy of the
 * concrete layer. DL4J's {@code SubsamplingLayer} computes it on NHWC arrays.
 *
 * @param <T> the concrete layer
 */
public abstract class Pooling2D<T extends Pooling2D<T>> extends FluentLayer<T> {

    /** Keras's default pool size, (2, 2) (tf.keras 2.x's for both; Keras 3 requires it of AveragePooling2D). */
    public static final int[] DEFAULT_POOL_SIZE = {2, 2};

    /** Keras 1's name of {@code padding}; Keras 1's {@code dim_ordering} is read as such ("tf" only). */
    static final String[] KERAS1_KEYS = {"border_mode", "padding"};

    private final int[] poolSize;
    private int[] strides;
    private Conv2D.Padding padding = Conv2D.Padding.VALID;

    Pooling2D(int... poolSize) {
        this.poolSize = Conv2D.pair("pool_size", poolSize);
        this.strides = this.poolSize.clone();
    }

    /** Keras's {@code from_config} of both types: {@code create} makes the layer of a pool size. */
    static <T extends Pooling2D<T>> T readPooling(Function<int[], T> create, LayerConfig config) {
        int[] poolSize = config.integers("pool_size", DEFAULT_POOL_SIZE);
        T layer = create.apply(poolSize).strides(config.integers("strides", poolSize))
                .padding(String.valueOf(config.optional("padding", Conv2D.Padding.VALID.kerasName())));
        config.mustBe("data_format", "channels_last");
        config.mustBe("dim_ordering", "tf");
        return layer;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        // tf.keras 2.x's and Keras 3's key order.
        config.put("pool_size", intList(poolSize));
        config.put("padding", padding.kerasName());
        config.put("strides", intList(strides));
        config.put("data_format", "channels_last");
    }

    /** (height, width) of the pooling window. */
    public int[] poolSize() {
        return poolSize.clone();
    }

    /** (height, width) steps of the window; the pool size unless set. */
    public int[] strides() {
        return strides.clone();
    }

    public Conv2D.Padding padding() {
        return padding;
    }

    /** A copy with these strides (Keras's {@code strides}), one integer for both axes or (height, width). */
    public T strides(int... strides) {
        T copy = copy();
        ((Pooling2D<T>) copy).strides = Conv2D.pair("strides", strides);
        return copy;
    }

    /** A copy with this padding by Keras name, {@code "valid"} or {@code "same"}. */
    public T padding(String padding) {
        return padding(Conv2D.Padding.of(padding));
    }

    /** A copy with this padding. */
    public T padding(Conv2D.Padding padding) {
        T copy = copy();
        ((Pooling2D<T>) copy).padding = Objects.requireNonNull(padding, "padding");
        return copy;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException(className() + " layer " + name() + " takes images (height, width, "
                + "channels), not " + inputUnits + " features");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isImage()) {
            throw new UnsupportedOperationException(className() + " layer " + name() + " takes images of shape "
                    + "(height, width, channels), received input of shape " + inputShape.sizesText());
        }
        long[] out = {0, 0, inputShape.last()};
        long[] in = inputShape.sizes();
        for (int axis = 0; axis < 2; axis++) {
            long size = padding == Conv2D.Padding.SAME ? in[axis] : in[axis] - poolSize[axis] + 1;
            if (size < 1) {
                throw new IllegalArgumentException(className() + " layer " + name() + ": its pool size "
                        + Arrays.toString(poolSize) + " is larger than its input " + inputShape.sizesText()
                        + " with padding 'valid'");
            }
            out[axis] = (size + strides[axis] - 1) / strides[axis];
        }
        return Shape.of(out);
    }

    /** DL4J's pooling type of the concrete layer. */
    abstract PoolingType dl4jPoolingType();

    /**
     * DL4J's {@code SubsamplingLayer} on NHWC arrays. "same" pads as TensorFlow does, and padded cells never count:
     * Keras's average divides by the cells inside the image, which DL4J does without
     * {@code avgPoolIncludePadInDivisor}; Keras's maximum ignores the padding, as DL4J's does.
     */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return new SubsamplingLayer.Builder(dl4jPoolingType(), poolSize, strides)
                .convolutionMode(padding.toDl4j())
                .dataFormat(CNN2DFormat.NHWC)
                .avgPoolIncludePadInDivisor(false)
                .name(name())
                .build();
    }

    /**
     * DL4J's {@code SubsamplingLayer} without helpers: ND4J's {@code maxpool2d}/{@code avgpool2d} on the NHWC input
     * into a c-order output, and their {@code _bp} operations into the input gradient, with DL4J's arguments (the
     * forward pass gets the configured padding and the "same" flag, the backward pass "same"'s computed padding).
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        SubsamplingLayer conf = (SubsamplingLayer) setup.layer().conf().getLayer();
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NHWC
                || (conf.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.MAX && conf.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.AVG)) {
            throw new UnsupportedOperationException("pooling " + conf + " has no compiled form");
        }
        boolean max = conf.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX;
        boolean same = conf.getConvolutionMode() == org.deeplearning4j.nn.conf.ConvolutionMode.Same;
        int extra = max ? 0 : conf.isAvgPoolIncludePadInDivisor() ? 1 : 0;
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation();
        int[] pad = conf.getPadding();
        INDArray input = setup.input();
        DynamicCustomOp pool = DynamicCustomOp.builder(max ? "maxpool2d" : "avgpool2d").addInputs(input)
                .addIntegerArguments(kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0],
                        dilation[1], same ? 1 : 0, extra, 1)
                .build();
        INDArray output = setup.buffers().array('c', pool.calculateOutputShape().get(0).getShape());
        pool.addOutputArgument(output);
        Kernel forward = Kernels.of(pool);
        return CompiledLayer.of(output, forward, setup.buffers(), (backward, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            int[] backwardPad = same ? ConvolutionUtils.getSameModeTopLeftPadding(
                    new int[] {(int) output.size(1), (int) output.size(2)},
                    new int[] {(int) input.size(1), (int) input.size(2)}, kernel, stride, dilation) : pad;
            INDArray inputGradient = setup.buffers().array('c', input.shape());
            backward.op(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
                    .addInputs(input, outputGradient).addOutputs(inputGradient)
                    .addIntegerArguments(kernel[0], kernel[1], stride[0], stride[1], backwardPad[0], backwardPad[1],
                            dilation[0], dilation[1], same ? 1 : 0, extra, 1)
                    .build());
            return inputGradient;
        });
    }
}
