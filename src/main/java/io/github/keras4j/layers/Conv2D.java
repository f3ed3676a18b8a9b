package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.ActivationKernels;
import io.github.keras4j.engine.step.Buffers;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LayerParameters;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.Reshapes;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Col2Im;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Im2col;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;

import io.github.keras4j.activations.Activations;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;

/**
 * A 2-D convolution over images, Keras's {@code keras.layers.Conv2D}: {@code filters} kernels of
 * {@code kernelSize} slide over the height and width of channels-last input {@code (height, width, channels)}.
 *
 * <p>Keras's defaults: strides (1, 1), padding {@code "valid"}, activation {@code linear}, {@code useBias} true,
 * kernel initializer {@code glorot_uniform}, bias initializer {@code zeros}, no regularizers.
 * {@code new Conv2D(32, 3, "relu").inputShape(28, 28, 1)} is
 * {@code Conv2D(32, 3, activation='relu', input_shape=(28, 28, 1))}. Only channels-last data, dilation 1 and
 * groups 1 are supported. Its weights are Keras's: kernel {@code (kernel_h, kernel_w, in_channels, filters)},
 * bias {@code (filters)}.
 */
public final class Conv2D extends KernelLayer<Conv2D> {

    /** Keras's {@code Conv2D} (Keras 1's {@code Convolution2D}, with other arguments, is not read). */
    public static final LayerType<Conv2D> TYPE = LayerType.of("Conv2D", Conv2D::fromConfig)
            .keras1Keys(KERAS1_KEYS)
            .firstOnImages();

    /** Keras's {@code padding} argument. */
    public enum Padding {
        /** No padding: the output shrinks by {@code kernel - 1} (Keras's {@code "valid"}). */
        VALID,
        /** Zero padding so that the output size is {@code ceil(input / stride)} (Keras's {@code "same"}). */
        SAME;

        /** Keras's name, {@code "valid"} or {@code "same"}. */
        public String kerasName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** DL4J's mode: Keras's "valid" drops what does not fit, as DL4J's Truncate; "same" pads as TensorFlow does. */
        public ConvolutionMode toDl4j() {
            return this == SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
        }

        /** The padding of this Keras name. */
        public static Padding of(String name) {
            for (Padding padding : values()) {
                if (padding.kerasName().equals(name)) {
                    return padding;
                }
            }
            String lower = name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException("Unknown padding: " + (name == null ? "null" : "'" + name + "'")
                    + "; valid values: 'valid', 'same'" + ("valid".equals(lower) || "same".equals(lower)
                    ? " (did you mean '" + lower + "'?)" : ""));
        }
    }

    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private Padding padding = Padding.VALID;

    /** {@code Conv2D(filters, (kernelHeight, kernelWidth))}, or {@code Conv2D(filters, k)} with one size. */
    public Conv2D(int filters, int... kernelSize) {
        this(DEFAULT_ACTIVATION, filters, kernelSize);
    }

    /** {@code Conv2D(filters, kernel_size, activation=name)} with a square kernel. */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(Activations.get(activation), filters, kernelSize);
    }

    private Conv2D(Activations activation, int filters, int... kernelSize) {
        super(activation);
        if (filters < 1) {
            throw new IllegalArgumentException("Invalid value for argument `filters`. Expected a strictly positive "
                    + "value. Received filters=" + filters);
        }
        this.filters = filters;
        this.kernelSize = pair("kernel_size", kernelSize);
    }

    private static Conv2D fromConfig(LayerConfig config) {
        config.mustBe("data_format", "channels_last");
        Object dilation = config.read("dilation_rate");
        if (!(dilation == null || Objects.equals(dilation, 1) || Objects.equals(dilation, List.of(1, 1)))) {
            throw new UnsupportedOperationException(config.where() + ": dilation_rate " + config.json(dilation)
                    + " is not supported; only 1");
        }
        Object groups = config.read("groups");
        if (!(groups == null || Objects.equals(groups, 1))) {
            throw new UnsupportedOperationException(config.where() + ": groups " + groups
                    + " is not supported; only 1");
        }
        Conv2D conv = new Conv2D(config.integer("filters"), config.integers("kernel_size"))
                .strides(config.integers("strides", new int[] {1, 1}))
                .padding(String.valueOf(config.optional("padding", Padding.VALID.kerasName())));
        return readKernelSettings(conv, config);
    }

    /** Keras's one integer or (height, width) pair, as two positive integers. */
    static int[] pair(String what, int[] values) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw new IllegalArgumentException("`" + what + "` must be one integer or two (height, width), received: "
                    + Arrays.toString(values));
        }
        int[] result = values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
        for (int value : result) {
            if (value < 1) {
                throw new IllegalArgumentException("`" + what + "` must be positive, received: "
                        + Arrays.toString(values));
            }
        }
        return result;
    }

    @Override
    public LayerType<Conv2D> type() {
        return TYPE;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException("Conv2D layer " + name() + " takes images (height, width, channels), "
                + "not " + inputUnits + " features");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isImage()) {
            throw new UnsupportedOperationException("Conv2D layer " + name() + " takes images of shape (height, "
                    + "width, channels), received input of shape " + inputShape.sizesText());
        }
        long[] out = new long[] {0, 0, filters};
        long[] in = inputShape.sizes();
        for (int axis = 0; axis < 2; axis++) {
            long size = padding == Padding.SAME ? in[axis] : in[axis] - kernelSize[axis] + 1;
            if (size < 1) {
                throw new IllegalArgumentException("Conv2D layer " + name() + ": its kernel " + Arrays.toString(
                        kernelSize) + " is larger than its input " + inputShape.sizesText() + " with padding "
                        + "'valid'");
            }
            out[axis] = (size + strides[axis] - 1) / strides[axis];
        }
        return Shape.of(out);
    }

    @Override
    public long countParams(Shape inputShape) {
        outputShape(inputShape);
        long kernel = Math.multiplyExact(Math.multiplyExact((long) kernelSize[0], kernelSize[1]),
                Math.multiplyExact(inputShape.last(), (long) filters));
        return Math.addExact(kernel, useBias() ? filters : 0);
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return countParams(inputShape);
    }

    /** The number of output channels. */
    public int filters() {
        return filters;
    }

    /** (height, width) of the kernel. */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** (height, width) steps of the kernel. */
    public int[] strides() {
        return strides.clone();
    }

    public Padding padding() {
        return padding;
    }

    /** A copy with these strides (Keras's {@code strides}), one integer for both axes or (height, width). */
    public Conv2D strides(int... strides) {
        Conv2D copy = copy();
        copy.strides = pair("strides", strides);
        return copy;
    }

    /** A copy with this padding by Keras name, {@code "valid"} or {@code "same"}. */
    public Conv2D padding(String padding) {
        return padding(Padding.of(padding));
    }

    /** A copy with this padding. */
    public Conv2D padding(Padding padding) {
        Conv2D copy = copy();
        copy.padding = Objects.requireNonNull(padding, "padding");
        return copy;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        // tf.keras 2.x's key order.
        config.put("filters", filters);
        config.put("kernel_size", intList(kernelSize));
        config.put("strides", intList(strides));
        config.put("padding", padding.kerasName());
        config.put("data_format", "channels_last");
        config.put("dilation_rate", List.of(1, 1));
        config.put("groups", 1);
        writeKernelSettings(config);
    }

    @Override
    KerasWeight kernelWeight() {
        // DL4J's ConvolutionLayer names its kernel and bias as DenseLayer does ("W", "b").
        return KerasWeight.conv2DKernel("kernel", DefaultParamInitializer.WEIGHT_KEY);
    }

    /** DL4J's {@code ConvolutionLayer} on NHWC arrays. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return withRegularizers(withKernelSettings(new ConvolutionLayer.Builder(kernelSize, strides))
                .nIn(inputShape.last()).nOut(filters)
                .dataFormat(CNN2DFormat.NHWC)
                .convolutionMode(padding.toDl4j())
                .hasBias(useBias())
                .build());
    }

    /**
     * DL4J's {@code ConvolutionLayer} without helpers (its CPU path), as kernels in its order of operations: the NHWC
     * input copied to NCHW, {@code im2col} into a [batch, outH, outW, in, kH, kW] array, one matrix product with the
     * [kW kH in, filters] kernel into an f-order result, the bias, the NHWC copy DL4J hands on and the activation;
     * backward the activation's gradient where DL4J's backprop leaves it, the weight gradient {@code im2col^T delta},
     * the bias gradient, and the input gradient {@code col2im(W delta)}, with every array in DL4J's layout (the
     * products' rounding depends on it). The im2col columns are computed once per step (DL4J computes them again).
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        ConvolutionLayer conf = (ConvolutionLayer) setup.layer().conf().getLayer();
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NHWC || setup.preProcessor() != null) {
            throw new UnsupportedOperationException("convolution " + conf + " has no compiled form");
        }
        Buffers buffers = setup.buffers();
        LayerParameters parameters = new LayerParameters(setup.layer());
        INDArray weights = parameters.parameter(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bias = useBias() ? parameters.parameter(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray input = setup.input();
        KernelList forward = new KernelList(buffers);
        INDArray nchw = buffers.array('c', input.size(0), input.size(3), input.size(1), input.size(2));
        forward.copy(input.permute(0, 3, 1, 2), nchw);
        long batch = nchw.size(0);
        long inDepth = weights.size(1);
        long outDepth = weights.size(0);
        int kH = (int) weights.size(2);
        int kW = (int) weights.size(3);
        int[] dilation = conf.getDilation();
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int[] pad;
        int[] outSize;
        if (same) {
            outSize = ConvolutionUtils.getOutputSize(nchw, kernel, stride, null, conf.getConvolutionMode(), dilation,
                    CNN2DFormat.NCHW);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {(int) nchw.size(2),
                    (int) nchw.size(3)}, kernel, stride, dilation);
        } else {
            pad = conf.getPadding();
            outSize = ConvolutionUtils.getOutputSize(nchw, kernel, stride, pad, conf.getConvolutionMode(), dilation,
                    CNN2DFormat.NCHW);
        }
        int outH = outSize[0];
        int outW = outSize[1];
        INDArray columns = buffers.array('c', batch, outH, outW, inDepth, kH, kW);
        forward.op(Im2col.builder().inputArrays(new INDArray[] {nchw})
                .outputs(new INDArray[] {columns.permute(0, 3, 4, 5, 1, 2)})
                .conv2DConfig(Conv2DConfig.builder().pW(pad[1]).pH(pad[0]).sH(stride[0]).sW(stride[1]).kW(kW).kH(kH)
                        .dW(dilation[1]).dH(dilation[0]).paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                        .build())
                .build());
        INDArray columns2d = org.nd4j.linalg.api.shape.Shape.newShapeNoCopy(columns, new long[] {batch * outH * outW, inDepth * kH * kW}, false);
        INDArray kernel2d = Reshapes.reshape(forward, buffers, weights.permute(3, 2, 1, 0), 'f',
                (long) kW * kH * inDepth, outDepth);
        INDArray product = buffers.array('f', columns2d.size(0), outDepth);
        forward.op(new Mmul(columns2d, kernel2d, product, 1.0, 0.0, MMulTranspose.allFalse()));
        if (bias != null) {
            forward.add(product, bias, product);
        }
        INDArray nhwcView = org.nd4j.linalg.api.shape.Shape.newShapeNoCopy(product, new long[] {outW, outH, batch, outDepth}, true)
                .permute(2, 3, 1, 0).permute(0, 2, 3, 1);
        INDArray z = buffers.array(nhwcView.ordering(), nhwcView.shape());
        forward.copy(nhwcView, z);
        IActivation activation = conf.getActivationFn();
        ActivationKernels.ActivationKernel activationKernel = ActivationKernels.of(activation);
        INDArray output = forward.like(z);
        forward.activate(activation, z, output);
        if (!setup.training()) {
            return CompiledLayer.inferenceOnly(output, forward.build());
        }
        return CompiledLayer.of(output, forward.build(), buffers, (backward, outputGradient, needed) -> {
            INDArray zNchw = z.permute(0, 3, 1, 2);
            INDArray gradientNchw = outputGradient.permute(0, 3, 1, 2);
            INDArray delta = switch (activationKernel.gradientPlace()) {
                case PRE_ACTIVATION -> zNchw;
                // DL4J's is a c-order NCHW array; for an activation of each value alone it lies as z does, so that the
                // kernel list runs the gradient on flat views of the three arrays (the same numbers).
                case NEW_ARRAY -> activationKernel.perValue()
                        ? buffers.array(z.ordering(), z.shape()).permute(0, 3, 1, 2)
                        : buffers.array(zNchw.ordering(), zNchw.shape());
                case INCOMING -> gradientNchw;
            };
            backward.backprop(activation, zNchw, gradientNchw, delta);
            INDArray delta2d = Reshapes.reshape(backward, buffers, delta.permute(1, 0, 2, 3), 'c', outDepth,
                    batch * outH * outW);
            INDArray weightGradient2d = org.nd4j.linalg.api.shape.Shape.newShapeNoCopy(parameters.gradient(DefaultParamInitializer.WEIGHT_KEY),
                    new long[] {outDepth, inDepth * kH * kW}, false).transpose();
            backward.add(Kernels.gemm(columns2d, delta2d, weightGradient2d, true, true));
            INDArray inputGradient = null;
            if (needed) {
                // w2d.mmul(delta2d): a c-order result unless both are f-order, through an f-order product.
                char resultOrder = kernel2d.ordering() == 'f' && delta2d.ordering() == 'f' ? 'f' : 'c';
                INDArray inputColumns = buffers.array(resultOrder, kernel2d.size(0), delta2d.size(1));
                if (resultOrder == 'f') {
                    backward.op(new Mmul(kernel2d, delta2d, inputColumns, 1.0, 0.0, MMulTranspose.allFalse()));
                } else {
                    INDArray fProduct = buffers.array('f', inputColumns.shape());
                    backward.op(new Mmul(kernel2d, delta2d, fProduct, 1.0, 0.0, MMulTranspose.allFalse()))
                            .copy(fProduct, inputColumns);
                }
                INDArray columns6d = org.nd4j.linalg.api.shape.Shape.newShapeNoCopy(inputColumns,
                        new long[] {kW, kH, inDepth, outW, outH, batch}, true);
                if (columns6d == null) {
                    throw new UnsupportedOperationException("convolution backprop layout has no compiled form");
                }
                int inH = (int) nchw.size(2);
                int inW = (int) nchw.size(3);
                INDArray gradientNchwOrder = buffers.array('c', inDepth, batch, inH, inW);
                backward.op(Col2Im.builder().inputArrays(new INDArray[] {columns6d.permute(5, 2, 1, 0, 4, 3)})
                        .outputs(new INDArray[] {gradientNchwOrder.permute(1, 0, 2, 3)})
                        // DL4J passes the input's height and width where col2im's signature has the kernel's.
                        .conv2DConfig(Conv2DConfig.builder().sH(stride[0]).sW(stride[1]).dH(dilation[0])
                                .dW(dilation[1]).kH(inH).kW(inW).pH(pad[0]).pW(pad[1]).build())
                        .build());
                inputGradient = gradientNchwOrder.permute(1, 0, 2, 3).permute(0, 2, 3, 1);
            }
            if (bias != null) {
                backward.sum(delta2d, 1, parameters.gradient(DefaultParamInitializer.BIAS_KEY));
            }
            return inputGradient;
        });
    }
}
