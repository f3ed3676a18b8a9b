package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import java.util.Objects;

/** Applies an activation function: Keras's {@code keras.layers.Activation('relu')}. */
public final class Activation extends Layer {

    private final Activations activation;

    /** {@code Activation(name)}. */
    public Activation(String activation) {
        this(Activations.get(activation));
    }

    /** {@code Activation(activation)}. */
    public Activation(Activations activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    public Activations activation() {
        return activation;
    }

    @Override
    public Activation name(String name) {
        return (Activation) super.name(name);
    }

    @Override
    public Activation dtype(String dtype) {
        return (Activation) super.dtype(dtype);
    }

    @Override
    public Activation inputShape(long... shape) {
        return (Activation) super.inputShape(shape);
    }

    @Override
    public Activation inputDim(long inputDim) {
        return (Activation) super.inputDim(inputDim);
    }
}
