package io.github.keras4j.layers;

/**
 * A {@link Layer} whose fluent setters return its own class: {@code new Dropout(0.2).name("drop")} is a
 * {@code Dropout}. Each layer class extends it with itself ({@code Dropout extends FluentLayer<Dropout>}), and its own
 * setters copy the layer with {@link #copy()}.
 *
 * @param <T> the layer class
 */
public abstract class FluentLayer<T extends FluentLayer<T>> extends Layer {

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

    @SuppressWarnings("unchecked")
    @Override
    public T inputDim(long inputDim) {
        return (T) super.inputDim(inputDim);
    }
}
