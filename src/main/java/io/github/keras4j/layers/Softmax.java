package io.github.keras4j.layers;

/**
 * Softmax over the features: {@code exp(x_i) / sum_j exp(x_j)} per sample. Keras's
 * {@code keras.layers.Softmax(axis=-1)}; the models keras4j builds have one feature axis, so {@code axis} is
 * always -1.
 */
public final class Softmax extends Layer {

    /** {@code Softmax()}. */
    public Softmax() {
    }

    @Override
    public String className() {
        return "Softmax";
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    public Softmax name(String name) {
        return (Softmax) super.name(name);
    }

    @Override
    public Softmax dtype(String dtype) {
        return (Softmax) super.dtype(dtype);
    }

    @Override
    public Softmax inputShape(long... shape) {
        return (Softmax) super.inputShape(shape);
    }

    @Override
    public Softmax inputDim(long inputDim) {
        return (Softmax) super.inputDim(inputDim);
    }
}
