package io.github.keras4j.layers;

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
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw new UnsupportedOperationException("Conv2D layer " + name() + " takes images of shape (height, "
                    + "width, channels), received input of shape " + Arrays.toString(inputShape));
        }
        long[] out = new long[] {0, 0, filters};
        for (int axis = 0; axis < 2; axis++) {
            long size = padding == Padding.SAME ? inputShape[axis]
                    : inputShape[axis] - kernelSize[axis] + 1;
            if (size < 1) {
                throw new IllegalArgumentException("Conv2D layer " + name() + ": its kernel " + Arrays.toString(
                        kernelSize) + " is larger than its input " + Arrays.toString(inputShape) + " with padding "
                        + "'valid'");
            }
            out[axis] = (size + strides[axis] - 1) / strides[axis];
        }
        return out;
    }

    @Override
    public long countParams(long[] inputShape) {
        outputShape(inputShape);
        long kernel = Math.multiplyExact(Math.multiplyExact((long) kernelSize[0], kernelSize[1]),
                Math.multiplyExact(inputShape[2], (long) filters));
        return Math.addExact(kernel, useBias() ? filters : 0);
    }

    @Override
    public long countTrainableParams(long[] inputShape) {
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
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(long[] inputShape) {
        return withRegularizers(withKernelSettings(new ConvolutionLayer.Builder(kernelSize, strides))
                .nIn(inputShape[2]).nOut(filters)
                .dataFormat(CNN2DFormat.NHWC)
                .convolutionMode(padding.toDl4j())
                .hasBias(useBias())
                .build());
    }
}
