package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.Objects;

/**
 * A fully connected layer, Keras's {@code keras.layers.Dense}: {@code output = activation(input . kernel + bias)}.
 *
 * <p>Keras's defaults: activation {@code linear}, {@code useBias} true, kernel initializer {@code glorot_uniform},
 * bias initializer {@code zeros}, no regularizers. {@code new Dense(16, "relu").inputDim(2)} is
 * {@code Dense(16, activation='relu', input_dim=2)}.
 */
public final class Dense extends Layer {

    /** Keras's default activation. */
    public static final Activations DEFAULT_ACTIVATION = Activations.LINEAR;
    /** Keras's default kernel initializer name. */
    public static final String DEFAULT_KERNEL_INITIALIZER = "glorot_uniform";
    /** Keras's default bias initializer name. */
    public static final String DEFAULT_BIAS_INITIALIZER = "zeros";

    private final int units;
    private Activations activation = DEFAULT_ACTIVATION;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get(DEFAULT_KERNEL_INITIALIZER);
    private Initializer biasInitializer = Initializers.get(DEFAULT_BIAS_INITIALIZER);
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;

    /** {@code Dense(units)}: a linear layer. */
    public Dense(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("Received an invalid value for `units`, expected a positive integer. "
                    + "Received: units=" + units);
        }
        this.units = units;
    }

    /** {@code Dense(units, activation=name)}. */
    public Dense(int units, String activation) {
        this(units, Activations.get(activation));
    }

    /** {@code Dense(units, activation=...)}. */
    public Dense(int units, Activations activation) {
        this(units);
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String className() {
        return "Dense";
    }

    @Override
    public long outputUnits(long inputUnits) {
        return units;
    }

    @Override
    public long countParams(long inputUnits) {
        return inputUnits * units + (useBias ? units : 0);
    }

    /** The number of output features. */
    public int units() {
        return units;
    }

    public Activations activation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    /** The kernel regularizer, or null. */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /** The bias regularizer, or null. */
    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    /** A copy with this activation, by Keras name. */
    public Dense activation(String name) {
        return activation(Activations.get(name));
    }

    /** A copy with this activation. */
    public Dense activation(Activations activation) {
        Dense copy = copy();
        copy.activation = Objects.requireNonNull(activation, "activation");
        return copy;
    }

    /** A copy with or without a bias vector (Keras's {@code use_bias}). */
    public Dense useBias(boolean useBias) {
        Dense copy = copy();
        copy.useBias = useBias;
        return copy;
    }

    /** A copy with this kernel initializer, by Keras name. */
    public Dense kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** A copy with this kernel initializer. */
    public Dense kernelInitializer(Initializer initializer) {
        Dense copy = copy();
        copy.kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
        return copy;
    }

    /** A copy with this bias initializer, by Keras name. */
    public Dense biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** A copy with this bias initializer. */
    public Dense biasInitializer(Initializer initializer) {
        Dense copy = copy();
        copy.biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
        return copy;
    }

    /** A copy with this kernel regularizer, by Keras name ({@code "l2"} is {@code l2(0.01)}). */
    public Dense kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** A copy with this kernel regularizer (null for none). */
    public Dense kernelRegularizer(Regularizer regularizer) {
        Dense copy = copy();
        copy.kernelRegularizer = regularizer;
        return copy;
    }

    /** A copy with this bias regularizer, by Keras name. */
    public Dense biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /** A copy with this bias regularizer (null for none). */
    public Dense biasRegularizer(Regularizer regularizer) {
        Dense copy = copy();
        copy.biasRegularizer = regularizer;
        return copy;
    }

    @Override
    public Dense name(String name) {
        return (Dense) super.name(name);
    }

    @Override
    public Dense dtype(String dtype) {
        return (Dense) super.dtype(dtype);
    }

    @Override
    public Dense inputShape(long... shape) {
        return (Dense) super.inputShape(shape);
    }

    @Override
    public Dense inputDim(long inputDim) {
        return (Dense) super.inputDim(inputDim);
    }
}
