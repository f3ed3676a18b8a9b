package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.Objects;

/**
 * What Keras's {@code Dense} and {@code Conv2D} share: an activation, an optional bias, and the initializers and
 * regularizers of the kernel and the bias, with Keras's defaults ({@code linear}, {@code use_bias=True},
 * {@code glorot_uniform}, {@code zeros}, no regularizers). The fluent setters return a copy of the concrete layer.
 *
 * @param <T> the concrete layer
 */
public abstract class KernelLayer<T extends KernelLayer<T>> extends Layer {

    /** Keras's default activation. */
    public static final Activations DEFAULT_ACTIVATION = Activations.LINEAR;
    /** Keras's default kernel initializer name. */
    public static final String DEFAULT_KERNEL_INITIALIZER = "glorot_uniform";
    /** Keras's default bias initializer name. */
    public static final String DEFAULT_BIAS_INITIALIZER = "zeros";

    private Activations activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get(DEFAULT_KERNEL_INITIALIZER);
    private Initializer biasInitializer = Initializers.get(DEFAULT_BIAS_INITIALIZER);
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;

    KernelLayer(Activations activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
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
    public T activation(String name) {
        return activation(Activations.get(name));
    }

    /** A copy with this activation. */
    public T activation(Activations activation) {
        T copy = copy();
        ((KernelLayer<T>) copy).activation = Objects.requireNonNull(activation, "activation");
        return copy;
    }

    /** A copy with or without a bias vector (Keras's {@code use_bias}). */
    public T useBias(boolean useBias) {
        T copy = copy();
        ((KernelLayer<T>) copy).useBias = useBias;
        return copy;
    }

    /** A copy with this kernel initializer, by Keras name. */
    public T kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** A copy with this kernel initializer. */
    public T kernelInitializer(Initializer initializer) {
        T copy = copy();
        ((KernelLayer<T>) copy).kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
        return copy;
    }

    /** A copy with this bias initializer, by Keras name. */
    public T biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** A copy with this bias initializer. */
    public T biasInitializer(Initializer initializer) {
        T copy = copy();
        ((KernelLayer<T>) copy).biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
        return copy;
    }

    /** A copy with this kernel regularizer, by Keras name ({@code "l2"} is {@code l2(0.01)}). */
    public T kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** A copy with this kernel regularizer (null for none). */
    public T kernelRegularizer(Regularizer regularizer) {
        T copy = copy();
        ((KernelLayer<T>) copy).kernelRegularizer = regularizer;
        return copy;
    }

    /** A copy with this bias regularizer, by Keras name. */
    public T biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /** A copy with this bias regularizer (null for none). */
    public T biasRegularizer(Regularizer regularizer) {
        T copy = copy();
        ((KernelLayer<T>) copy).biasRegularizer = regularizer;
        return copy;
    }

    @SuppressWarnings("unchecked")
    @Override
    public T name(String name) {
        return (T) super.name(name);
    }

    @SuppressWarnings("unchecked")
    @Override
    public T dtype(String dtype) {
        return (T) super.dtype(dtype);
    }

    @SuppressWarnings("unchecked")
    @Override
    public T inputShape(long... shape) {
        return (T) super.inputShape(shape);
    }
}
