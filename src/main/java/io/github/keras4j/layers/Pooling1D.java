package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.Buffers;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.Reshapes;
import io.github.keras4j.layers.dl4j.ChannelsLastLayer;
import io.github.keras4j.layers.dl4j.ChannelsLastLayerImpl;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;

/**
 * What Keras's {@code MaxPooling1D} and {@code AveragePooling1D} share (Keras's {@code Pooling1D}): a window of
 * {@code poolSize} timesteps sliding by {@code strides} (default: the pool size) along sequences
 * {@code (timesteps, features)}, with {@code "valid"} or {@code "same"} padding, and no weights. The fluent setters
 * return a copy of the concrete layer. DL4J's {@code Subsampling1DLayer} computes it.
 *
 * @param <T> the concrete layer
 */
public abstract class Pooling1D<T extends Pooling1D<T>> extends FluentLayer<T> {

    /** Keras's default pool size, 2 (tf.keras 2.x's for both; Keras 3 requires it of AveragePooling1D). */
    public static final int DEFAULT_POOL_SIZE = 2;

    /** Keras 1's names: {@code pool_length}, {@code stride}, {@code border_mode}. */
    static final String[] KERAS1_KEYS = {"pool_length", "pool_size", "stride", "strides", "border_mode", "padding"};

    private final int poolSize;
    private int strides;
    private Conv2D.Padding padding = Conv2D.Padding.VALID;

    Pooling1D(int poolSize) {
        this.poolSize = positive("pool_size", poolSize);
        this.strides = poolSize;
    }

    private static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("`" + what + "` must be positive, received: " + value);
        }
        return value;
    }

    /** Keras's {@code from_config} of both types: {@code create} makes the layer of a pool size. */
    static <T extends Pooling1D<T>> T readPooling(IntFunction<T> create, LayerConfig config) {
        int poolSize = Conv1D.single(config, "pool_size", DEFAULT_POOL_SIZE);
        T layer = create.apply(poolSize).strides(Conv1D.single(config, "strides", poolSize))
                .padding(String.valueOf(config.optional("padding", Conv2D.Padding.VALID.kerasName())));
        config.mustBe("data_format", "channels_last");
        return layer;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        // tf.keras 2.x's and Keras 3's key order.
        config.put("pool_size", List.of(poolSize));
        config.put("padding", padding.kerasName());
        config.put("strides", List.of(strides));
        config.put("data_format", "channels_last");
    }

    /** The window's length in timesteps. */
    public int poolSize() {
        return poolSize;
    }

    /** The window's step; the pool size unless set. */
    public int strides() {
        return strides;
    }

    public Conv2D.Padding padding() {
        return padding;
    }

    /** A copy with this step (Keras's {@code strides}). */
    public T strides(int strides) {
        T copy = copy();
        ((Pooling1D<T>) copy).strides = positive("strides", strides);
        return copy;
    }

    /** A copy with this padding by Keras name, {@code "valid"} or {@code "same"}. */
    public T padding(String padding) {
        return padding(Conv2D.Padding.of(padding));
    }

    /** A copy with this padding. */
    public T padding(Conv2D.Padding padding) {
        T copy = copy();
        ((Pooling1D<T>) copy).padding = Objects.requireNonNull(padding, "padding");
        return copy;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException(className() + " layer " + name() + " takes sequences (timesteps, "
                + "features), not " + inputUnits + " features");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isSequence() || !inputShape.isKnown(-1)) {
            throw new UnsupportedOperationException(className() + " layer " + name() + " takes sequences of shape "
                    + "(timesteps, features), received input of shape " + inputShape.sizesText());
        }
        if (!inputShape.isKnown(0)) {
            return inputShape;
        }
        long steps = inputShape.size(0);
        long size = padding == Conv2D.Padding.SAME ? steps : steps - poolSize + 1;
        if (size < 1) {
            throw new IllegalArgumentException(className() + " layer " + name() + ": its pool size " + poolSize
                    + " is larger than its input " + inputShape.sizesText() + " with padding 'valid'");
        }
        return Shape.of((size + strides - 1) / strides, inputShape.last());
    }

    /** DL4J's pooling type of the concrete layer. */
    abstract PoolingType dl4jPoolingType();

    /**
     * DL4J's {@code Subsampling1DLayer} on NCW sequences inside {@link ChannelsLastLayer}. "same" pads as TensorFlow
     * does, and padded steps never count: Keras's average divides by the steps inside the sequence
     * ({@code avgPoolIncludePadInDivisor(false)}), its maximum ignores the padding, as DL4J's does.
     */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        Subsampling1DLayer pooling = new Subsampling1DLayer.Builder(dl4jPoolingType(), poolSize, strides)
                .convolutionMode(padding.toDl4j())
                .avgPoolIncludePadInDivisor(false)
                .name(name())
                .build();
        return new ChannelsLastLayer(pooling, true, false);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    /** On sequences (unmasked: the 1-D poolings take no mask). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return !maskedInput;
    }

    /**
     * DL4J's {@code Subsampling1DLayer} inside {@link ChannelsLastLayer}: the NCW view reshaped to
     * {@code [samples, channels, steps, 1]} as DL4J reshapes it (a view, or a c-order copy), libnd4j's
     * {@code maxpool2d}/{@code avgpool2d} in NCHW with DL4J's arguments into a c-order output, and their {@code _bp}
     * operations into a c-order input gradient ("same"'s padding computed as DL4J's backward pass computes it).
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        setup.refuseMask(className());
        if (setup.preProcessor() != null || !(setup.layer() instanceof ChannelsLastLayerImpl wrapper)) {
            throw new UnsupportedOperationException(this + " has no compiled form for DL4J layer " + setup.layer());
        }
        Subsampling1DLayer conf = (Subsampling1DLayer) wrapper.getUnderlying().conf().getLayer();
        boolean max = conf.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX;
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW
                || (!max && conf.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.AVG)) {
            throw new UnsupportedOperationException(this + " has no compiled form for " + conf);
        }
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int extra = max ? 0 : conf.isAvgPoolIncludePadInDivisor() ? 1 : 0;
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation();
        int[] pad = conf.getPadding();
        Buffers buffers = setup.buffers();
        KernelList forward = new KernelList(buffers);
        INDArray ncw = setup.input().permute(0, 2, 1);
        INDArray input = Reshapes.reshape(forward, buffers, ncw, 'c', ncw.size(0), ncw.size(1), ncw.size(2), 1);
        DynamicCustomOp pool = DynamicCustomOp.builder(max ? "maxpool2d" : "avgpool2d").addInputs(input)
                .addIntegerArguments(kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0],
                        dilation[1], same ? 1 : 0, extra, 0)
                .build();
        INDArray output = buffers.array('c', pool.calculateOutputShape().get(0).getShape());
        pool.addOutputArgument(output);
        forward.op(pool);
        INDArray output3d = output.reshape('c', new long[] {output.size(0), output.size(1), output.size(2)});
        return CompiledLayer.of(output3d.permute(0, 2, 1), forward.build(), buffers,
                (backward, outputGradient, needed) -> {
                    if (!needed) {
                        return null;
                    }
                    INDArray gradientNcw = outputGradient.permute(0, 2, 1);
                    INDArray gradient = Reshapes.reshape(backward, buffers, gradientNcw, 'c', gradientNcw.size(0),
                            gradientNcw.size(1), gradientNcw.size(2), 1);
                    int[] backwardPad = same ? ConvolutionUtils.getSameModeTopLeftPadding(
                            new int[] {(int) gradient.size(2), (int) gradient.size(3)},
                            new int[] {(int) input.size(2), (int) input.size(3)}, kernel, stride, dilation) : pad;
                    INDArray inputGradient = buffers.array('c', input.shape());
                    backward.op(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
                            .addInputs(input, gradient).addOutputs(inputGradient)
                            .addIntegerArguments(kernel[0], kernel[1], stride[0], stride[1], backwardPad[0],
                                    backwardPad[1], dilation[0], dilation[1], same ? 1 : 0, extra, 0)
                            .build());
                    return inputGradient.reshape('c', new long[] {input.size(0), input.size(1), input.size(2)})
                            .permute(0, 2, 1);
                });
    }
}
