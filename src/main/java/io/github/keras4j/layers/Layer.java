package io.github.keras4j.layers;

import io.github.keras4j.Backend;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A layer of a {@link io.github.keras4j.Sequential} model (Keras's {@code keras.layers.Layer}).
 *
 * <p>Layers are immutable values: {@code new Dense(16, "relu").inputDim(2)} returns a new {@code Dense}. A layer
 * records {@link Backend#floatx()} when it is created, as Keras layers take their dtype from the global policy.
 * Its name is the one given with {@link #name(String)}, or a session-unique one ({@code dense}, {@code dense_1}...)
 * assigned when it is added to a model.
 */
public abstract class Layer implements Cloneable {

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.\\-/]+");

    private String name;
    private String dtype = Backend.floatx();
    private long[] inputShape;

    /** Keras's class name, for example {@code "Dense"}; {@code model.summary()} shows it. */
    public abstract String className();

    /** The number of features this layer outputs for {@code inputUnits} input features. */
    public abstract long outputUnits(long inputUnits);

    /** The number of weights (trainable or not) for {@code inputUnits} input features. */
    public long countParams(long inputUnits) {
        return 0;
    }

    /** The number of weights that training changes, for {@code inputUnits} input features. */
    public long countTrainableParams(long inputUnits) {
        return countParams(inputUnits);
    }

    /**
     * Keras's output shape without the batch axis for this input shape: {@code [units]} for features, or
     * {@code [height, width, channels]} for images. Layers that take only features refuse images.
     */
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length == 1) {
            return new long[] {outputUnits(inputShape[0])};
        }
        if (elementwise()) {
            return inputShape.clone();
        }
        throw new UnsupportedOperationException("layer " + this + " takes features (shape [n]) only, not input of "
                + "shape " + Arrays.toString(inputShape) + "; put a Flatten layer before it");
    }

    /** The number of weights (trainable or not) for this input shape (without the batch axis). */
    public long countParams(long[] inputShape) {
        // Elementwise layers with weights (BatchNormalization) hold them per channel, the last axis, as Keras's axis=-1.
        return countParams(featureAxis(inputShape));
    }

    /** The number of weights that training changes, for this input shape (without the batch axis). */
    public long countTrainableParams(long[] inputShape) {
        return countTrainableParams(featureAxis(inputShape));
    }

    private long featureAxis(long[] inputShape) {
        outputShape(inputShape);
        return inputShape[inputShape.length - 1];
    }

    /**
     * Whether the layer works on each value (or each channel, on the last axis) alone, so that it keeps any input
     * shape, images included.
     */
    protected boolean elementwise() {
        return false;
    }

    /** Whether the layer can be the first of a model taking images ({@code inputShape(height, width, channels)}). */
    protected boolean takesImages() {
        return false;
    }

    /** The layer's name, or null until a model assigns one. */
    public String name() {
        return name;
    }

    /** A copy with this name (Keras's {@code name=} argument); names must be unique within a model. */
    public Layer name(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a layer name must be letters, digits, '_', '.', '-' or '/', received: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        Layer copy = copy();
        copy.name = name;
        return copy;
    }

    /** The float type, {@code "float32"} or {@code "float64"}, taken from {@link Backend#floatx()} at creation. */
    public String dtype() {
        return dtype;
    }

    /** A copy computing in another float type (Keras's {@code dtype=} argument). */
    public Layer dtype(String dtype) {
        Backend.toDataType(dtype);
        Layer copy = copy();
        copy.dtype = dtype;
        return copy;
    }

    /** The input shape without the batch axis, when this layer declares one (Keras's {@code input_shape=}). */
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** A copy declaring the input shape without the batch axis: Keras's {@code input_shape=(2,)}. */
    public Layer inputShape(long... shape) {
        Layer copy = copy();
        copy.declareInputShape(shape);
        return copy;
    }

    /** Validates and records the input shape of this instance; for constructors and copies only. */
    protected final void declareInputShape(long... shape) {
        if (shape == null || !(shape.length == 1 || shape.length == 3 && takesImages())) {
            throw new UnsupportedOperationException("only 1-D input shapes (a number of features) are supported"
                    + " here, and (height, width, channels) on a first Conv2D or Flatten layer; received: "
                    + (shape == null ? "null" : Arrays.toString(shape)) + " on " + className());
        }
        for (long size : shape) {
            if (size < 1) {
                throw new IllegalArgumentException("the input size must be positive, received: "
                        + Arrays.toString(shape));
            }
        }
        inputShape = shape.clone();
    }

    /** A copy declaring {@code inputDim} input features: Keras's {@code input_dim=2}. */
    public Layer inputDim(long inputDim) {
        return inputShape(inputDim);
    }

    /**
     * The name this layer gets in a model: its own, or a new session-unique one derived from its class name.
     * Only {@link io.github.keras4j.Sequential} calls this.
     */
    public final Layer named() {
        return name != null ? this : name(Backend.uniqueName(defaultNamePrefix()));
    }

    /** Keras's default name prefix: the class name in snake case ({@code BatchNormalization} gives {@code batch_normalization}). */
    protected String defaultNamePrefix() {
        return className().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A shallow copy for the fluent setters of subclasses, which then change only the copy. */
    @SuppressWarnings("unchecked")
    protected <T extends Layer> T copy() {
        try {
            return (T) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return (name == null ? "" : name + " ") + "(" + className() + ")";
    }
}
