package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.engine.step.ActivationKernels;
import io.github.keras4j.engine.step.Buffers;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LayerParameters;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.layers.dl4j.ChannelsLastLayer;
import io.github.keras4j.layers.dl4j.ChannelsLastLayerImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv1DDerivative;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;

/**
 * A 1-D convolution over sequences, Keras's {@code keras.layers.Conv1D}: {@code filters} kernels of
 * {@code kernelSize} timesteps slide along the timesteps of {@code (timesteps, features)} input.
 *
 * <p>Keras's defaults: strides 1, padding {@code "valid"}, dilation rate 1, activation {@code linear},
 * {@code useBias} true, kernel initializer {@code glorot_uniform}, bias initializer {@code zeros}, no regularizers.
 * {@code new Conv1D(32, 3, "relu").padding("causal").dilationRate(2).inputShape(100, 8)} is
 * {@code Conv1D(32, 3, activation='relu', padding='causal', dilation_rate=2, input_shape=(100, 8))}. Only
 * channels-last data and groups 1 are supported. Its weights are Keras's: kernel
 * {@code (kernel_size, in_features, filters)}, bias {@code (filters)}.
 */
public final class Conv1D extends KernelLayer<Conv1D> {

    /**
     * Keras's {@code Conv1D} (also spelt {@code Convolution1D}); Keras 1's {@code Convolution1D} called its arguments
     * {@code nb_filter}, {@code filter_length}, {@code subsample_length} and {@code border_mode}.
     */
    public static final LayerType<Conv1D> TYPE = LayerType.of("Conv1D", Conv1D::fromConfig)
            .aliases("Convolution1D")
            .keras1Keys(keras1Keys())
            .readsInputDim()
            .firstOnSequences();

    /** Keras's {@code padding} argument of {@code Conv1D}. */
    public enum Padding {
        /** No padding: the output shrinks by the dilated kernel's length less one (Keras's {@code "valid"}). */
        VALID,
        /** Zero padding on both sides so that the output length is {@code ceil(input / stride)} ({@code "same"}). */
        SAME,
        /** Zero padding before the sequence only: step t sees no later step (Keras's {@code "causal"}). */
        CAUSAL;

        /** Keras's name, {@code "valid"}, {@code "same"} or {@code "causal"}. */
        public String kerasName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** DL4J's mode: "valid" drops what does not fit (Truncate); "same" pads as TensorFlow; "causal" on the left. */
        ConvolutionMode toDl4j() {
            return switch (this) {
                case VALID -> ConvolutionMode.Truncate;
                case SAME -> ConvolutionMode.Same;
                case CAUSAL -> ConvolutionMode.Causal;
            };
        }

        /** The padding of this Keras name. */
        public static Padding of(String name) {
            for (Padding padding : values()) {
                if (padding.kerasName().equals(name)) {
                    return padding;
                }
            }
            String lower = name == null ? null : name.toLowerCase(Locale.ROOT);
            boolean respelt = false;
            for (Padding padding : values()) {
                respelt |= padding.kerasName().equals(lower);
            }
            throw new IllegalArgumentException("Unknown padding: " + (name == null ? "null" : "'" + name + "'")
                    + "; valid values: 'valid', 'same', 'causal'" + (respelt ? " (did you mean '" + lower + "'?)" : ""));
        }
    }

    private final int filters;
    private final int kernelSize;
    private int strides = 1;
    private Padding padding = Padding.VALID;
    private int dilationRate = 1;

    /** {@code Conv1D(filters, kernel_size)}. */
    public Conv1D(int filters, int kernelSize) {
        this(DEFAULT_ACTIVATION, filters, kernelSize);
    }

    /** {@code Conv1D(filters, kernel_size, activation=name)}. */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(Activations.get(activation), filters, kernelSize);
    }

    private Conv1D(Activations activation, int filters, int kernelSize) {
        super(activation);
        if (filters < 1) {
            throw new IllegalArgumentException("Invalid value for argument `filters`. Expected a strictly positive "
                    + "value. Received filters=" + filters);
        }
        this.filters = filters;
        this.kernelSize = positive("kernel_size", kernelSize);
    }

    private static String[] keras1Keys() {
        String[] own = {"nb_filter", "filters", "filter_length", "kernel_size", "subsample_length", "strides",
            "border_mode", "padding"};
        String[] keys = new String[own.length + KERAS1_KEYS.length];
        System.arraycopy(own, 0, keys, 0, own.length);
        System.arraycopy(KERAS1_KEYS, 0, keys, own.length, KERAS1_KEYS.length);
        return keys;
    }

    private static Conv1D fromConfig(LayerConfig config) {
        config.mustBe("data_format", "channels_last");
        Object groups = config.read("groups");
        if (!(groups == null || Objects.equals(groups, 1))) {
            throw new UnsupportedOperationException(config.where() + ": \"groups\" = " + config.json(groups)
                    + " is not supported by keras4j; only 1");
        }
        Conv1D conv = new Conv1D(config.integer("filters"), single(config, "kernel_size", null))
                .strides(single(config, "strides", 1))
                .padding(String.valueOf(config.optional("padding", Padding.VALID.kerasName())))
                .dilationRate(single(config, "dilation_rate", 1));
        Conv1D read = readKernelSettings(conv, config);
        // Keras 1 put the input's sizes on a first layer as input_dim and input_length.
        Object inputDim = config.read("input_dim");
        Object inputLength = config.read("input_length");
        if (inputDim instanceof Number features) {
            read = read.inputShape(inputLength instanceof Number steps ? steps.longValue() : Shape.NONE,
                    features.longValue());
        } else if (inputDim != null || inputLength != null && !(inputLength instanceof Number)) {
            throw config.wrongType(inputDim != null ? "input_dim" : "input_length", "an integer or null");
        }
        return read;
    }

    /** One integer of a config's key, given as an integer or a list of one (Keras's 1-D tuples); null: required. */
    static int single(LayerConfig config, String key, Integer otherwise) {
        int[] values = otherwise == null ? config.integers(key) : config.integers(key, new int[] {otherwise});
        if (values.length != 1) {
            throw new IllegalArgumentException(config.where() + ": \"" + key + "\" must be one integer or a list of "
                    + "one, found " + config.json(config.read(key)));
        }
        return values[0];
    }

    private static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("`" + what + "` must be positive, received: " + value);
        }
        return value;
    }

    @Override
    public LayerType<Conv1D> type() {
        return TYPE;
    }

    /** The number of output features of each timestep. */
    public int filters() {
        return filters;
    }

    /** The kernel's length in timesteps. */
    public int kernelSize() {
        return kernelSize;
    }

    /** The kernel's step along the timesteps. */
    public int strides() {
        return strides;
    }

    public Padding padding() {
        return padding;
    }

    /** The spacing of the kernel's taps (Keras's {@code dilation_rate}). */
    public int dilationRate() {
        return dilationRate;
    }

    /** A copy with this stride (Keras's {@code strides}); Keras refuses strides above 1 with a dilation above 1. */
    public Conv1D strides(int strides) {
        Conv1D copy = copy();
        copy.strides = positive("strides", strides);
        copy.checkStridesAndDilation();
        return copy;
    }

    /** A copy with this padding by Keras name, {@code "valid"}, {@code "same"} or {@code "causal"}. */
    public Conv1D padding(String padding) {
        return padding(Padding.of(padding));
    }

    /** A copy with this padding. */
    public Conv1D padding(Padding padding) {
        Conv1D copy = copy();
        copy.padding = Objects.requireNonNull(padding, "padding");
        return copy;
    }

    /** A copy with this dilation rate (Keras's {@code dilation_rate}): the kernel's taps that many steps apart. */
    public Conv1D dilationRate(int dilationRate) {
        Conv1D copy = copy();
        copy.dilationRate = positive("dilation_rate", dilationRate);
        copy.checkStridesAndDilation();
        return copy;
    }

    private void checkStridesAndDilation() {
        if (strides > 1 && dilationRate > 1) {
            throw new IllegalArgumentException("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                    + "Received: strides=[" + strides + "] and dilation_rate=[" + dilationRate + "]");
        }
    }

    /** The kernel's length with its dilation: {@code (kernel_size - 1) * dilation_rate + 1}. */
    private long dilatedKernel() {
        return (long) (kernelSize - 1) * dilationRate + 1;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException("Conv1D layer " + name() + " takes sequences (timesteps, features), "
                + "not " + inputUnits + " features; give it inputShape(timesteps, features)");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isSequence() || !inputShape.isKnown(-1)) {
            throw new UnsupportedOperationException("Conv1D layer " + name() + " takes sequences of shape (timesteps, "
                    + "features), received input of shape " + inputShape.sizesText());
        }
        if (!inputShape.isKnown(0)) {
            return Shape.of(Shape.NONE, filters);
        }
        long steps = inputShape.size(0);
        long size = padding == Padding.VALID ? steps - dilatedKernel() + 1 : steps;
        if (size < 1) {
            throw new IllegalArgumentException("Conv1D layer " + name() + ": its kernel of " + kernelSize
                    + (dilationRate > 1 ? " dilated by " + dilationRate : "") + " is longer than its input "
                    + inputShape.sizesText() + " with padding 'valid'");
        }
        return Shape.of((size + strides - 1) / strides, filters);
    }

    @Override
    public long countParams(Shape inputShape) {
        outputShape(inputShape);
        long kernel = Math.multiplyExact(Math.multiplyExact((long) kernelSize, inputShape.last()), (long) filters);
        return Math.addExact(kernel, useBias() ? filters : 0);
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return countParams(inputShape);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        // tf.keras 2.x's key order (Keras 3's too).
        config.put("filters", filters);
        config.put("kernel_size", List.of(kernelSize));
        config.put("strides", List.of(strides));
        config.put("padding", padding.kerasName());
        config.put("data_format", "channels_last");
        config.put("dilation_rate", List.of(dilationRate));
        config.put("groups", 1);
        writeKernelSettings(config);
    }

    /**
     * DL4J's {@code Convolution1DLayer} keeps its kernel flat in Keras's order ({@code (kernel_size, in, filters)}
     * read in C order; its parameter view is shaped {@code [filters, in, kernel_size, 1]}).
     */
    @Override
    KerasWeight kernelWeight() {
        return KerasWeight.conv1DKernel("kernel", ConvolutionParamInitializer.WEIGHT_KEY);
    }

    /**
     * Keras 1's {@code Convolution1D} kept its kernel as a 2-D convolution's of width 1,
     * {@code (filter_length, 1, input_dim, nb_filter)}: read as Keras 2's {@code (kernel_size, in, filters)}.
     */
    @Override
    public List<INDArray> kerasWeightsFrom(List<INDArray> saved) {
        if (saved.isEmpty() || saved.get(0).rank() != 4 || saved.get(0).size(1) != 1) {
            return saved;
        }
        List<INDArray> weights = new ArrayList<>(saved);
        INDArray kernel = saved.get(0);
        weights.set(0, kernel.reshape(kernel.size(0), kernel.size(2), kernel.size(3)));
        return weights;
    }

    /**
     * Draws the kernel again with Keras's fans when strides are above 1: DL4J divides the fan-out of a convolution by
     * its strides, Keras does not ({@code fan_out = kernel_size * filters}). Then the bias, as every kernel layer.
     */
    @Override
    public void initializeParams(Map<String, INDArray> params) {
        if (strides > 1) {
            INDArray kernel = params.get(ConvolutionParamInitializer.WEIGHT_KEY);
            long fanIn = (long) kernelSize * kernel.size(1);
            long fanOut = (long) kernelSize * filters;
            INDArray values = kernel.dup('c');
            kernelInitializer().toDl4j().init(fanIn, fanOut, new long[] {kernelSize, kernel.size(1), filters}, 'c',
                    values.reshape('c', kernelSize, kernel.size(1), filters));
            kernel.assign(values);
        }
        super.initializeParams(params);
    }

    /**
     * DL4J's {@code Convolution1DLayer} on NCW sequences inside {@link ChannelsLastLayer}, which hands it keras4j's
     * {@code [samples, timesteps, features]} permuted and its output back.
     */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        Convolution1DLayer conv = withRegularizers(withKernelSettings(new Convolution1DLayer.Builder(kernelSize,
                strides))
                .dilation(dilationRate)
                .nIn(inputShape.last()).nOut(filters)
                .rnnDataFormat(RNNFormat.NCW)
                .convolutionMode(padding.toDl4j())
                .hasBias(useBias())
                .build());
        return new ChannelsLastLayer(conv, true, false);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    /** On sequences (unmasked: Conv1D takes no mask). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return !maskedInput;
    }

    /**
     * DL4J's {@code Convolution1DLayer} on NCW views inside {@link ChannelsLastLayer}: libnd4j's {@code conv1d} with
     * DL4J's arguments on the input's NCW view, the kernel and its gradient seen as DL4J reshapes them
     * ({@code [filters, in, k, 1]} read as {@code [k, in, filters]}), into a c-order {@code [samples, filters, steps]}
     * output, then the activation; backward the activation's gradient where DL4J's backprop leaves it and
     * {@code conv1d_bp} into a c-order NCW input gradient and the weight and bias gradient views. Each array is handed
     * on as the NWC view DL4J's wrapper makes of it.
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        setup.refuseMask("Conv1D");
        if (setup.preProcessor() != null || !(setup.layer() instanceof ChannelsLastLayerImpl wrapper)) {
            throw new UnsupportedOperationException(this + " has no compiled form for DL4J layer " + setup.layer());
        }
        org.deeplearning4j.nn.api.Layer dl4j = wrapper.getUnderlying();
        Convolution1DLayer conf = (Convolution1DLayer) dl4j.conf().getLayer();
        if (conf.getRnnDataFormat() != RNNFormat.NCW) {
            throw new UnsupportedOperationException(this + " has no compiled form for " + conf.getRnnDataFormat());
        }
        Buffers buffers = setup.buffers();
        LayerParameters parameters = new LayerParameters(dl4j);
        Conv1DConfig convolution = Conv1DConfig.builder()
                .k(conf.getKernelSize()[0])
                .s(conf.getStride()[0])
                .d(conf.getDilation()[0])
                .p(conf.getPadding()[0])
                .dataFormat(Conv1DConfig.NCW)
                .paddingMode(ConvolutionUtils.paddingModeForConvolutionMode(conf.getConvolutionMode()))
                .build();
        INDArray weights = dl4jKernelView(parameters.parameter(ConvolutionParamInitializer.WEIGHT_KEY));
        INDArray bias = null;
        if (conf.hasBias()) {
            INDArray b = parameters.parameter(ConvolutionParamInitializer.BIAS_KEY);
            bias = b.reshape(b.length());
        }
        INDArray input = setup.input().permute(0, 2, 1);
        INDArray[] inputs = bias == null ? new INDArray[] {input, weights} : new INDArray[] {input, weights, bias};
        org.nd4j.linalg.api.ops.impl.layers.convolution.Conv1D op =
                new org.nd4j.linalg.api.ops.impl.layers.convolution.Conv1D(inputs, null, convolution);
        INDArray z = buffers.array('c', op.calculateOutputShape().get(0).getShape());
        op.setOutputArgument(0, z);
        KernelList forward = new KernelList(buffers);
        forward.op(op);
        IActivation activation = conf.getActivationFn();
        ActivationKernels.ActivationKernel activationKernel = ActivationKernels.of(activation);
        INDArray output = forward.like(z);
        forward.activate(activation, z, output);
        INDArray finalBias = bias;
        return CompiledLayer.of(output.permute(0, 2, 1), forward.build(), buffers, (backward, outputGradient, needed) -> {
            INDArray gradientNcw = outputGradient.permute(0, 2, 1);
            INDArray delta = switch (activationKernel.gradientPlace()) {
                case PRE_ACTIVATION -> z;
                case NEW_ARRAY -> buffers.array(z.ordering(), z.shape());
                case INCOMING -> gradientNcw;
            };
            backward.backprop(activation, z, gradientNcw, delta);
            // The gradient views exist once the network trains (not for a network that only predicts).
            INDArray weightGradient = dl4jKernelView(parameters.gradient(ConvolutionParamInitializer.WEIGHT_KEY));
            INDArray finalBiasGradient = null;
            if (finalBias != null) {
                INDArray bg = parameters.gradient(ConvolutionParamInitializer.BIAS_KEY);
                finalBiasGradient = bg.reshape(bg.length());
            }
            // DL4J computes dL/d(input) whether or not anything reads it.
            INDArray inputGradient = buffers.array('c', input.shape());
            INDArray[] in = finalBias == null ? new INDArray[] {input, weights, delta}
                    : new INDArray[] {input, weights, finalBias, delta};
            INDArray[] out = finalBias == null ? new INDArray[] {inputGradient, weightGradient}
                    : new INDArray[] {inputGradient, weightGradient, finalBiasGradient};
            backward.op(new Conv1DDerivative(in, out, convolution));
            return needed ? inputGradient.permute(0, 2, 1) : null;
        });
    }

    /** DL4J's view of a Conv1D kernel (or its gradient) {@code [filters, in, k, 1]} as {@code [k, in, filters]}. */
    private INDArray dl4jKernelView(INDArray kernel) {
        INDArray view = org.nd4j.linalg.api.shape.Shape.newShapeNoCopy(kernel,
                new long[] {kernel.size(2), kernel.size(1), kernel.size(0)}, kernel.ordering() == 'f');
        if (view == null) {
            throw new UnsupportedOperationException(this + ": DL4J's kernel layout has no compiled form");
        }
        return view;
    }
}
