package io.github.keras4j.layers;

/**
 * Declares the model's input shape (without the batch axis): Keras's {@code keras.layers.InputLayer(input_shape=(2,))}
 * or {@code keras.Input(shape=(2,))}. As in Keras, it is not listed in {@code model.layers()} and has no weights.
 */
public final class InputLayer extends Layer {

    /** {@code InputLayer(input_shape=shape)}: a number of features, or images (height, width, channels). */
    public InputLayer(long... shape) {
        declareInputShape(shape);
    }

    @Override
    public String className() {
        return "InputLayer";
    }

    @Override
    protected boolean takesImages() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    public InputLayer name(String name) {
        return (InputLayer) super.name(name);
    }

    @Override
    public InputLayer dtype(String dtype) {
        return (InputLayer) super.dtype(dtype);
    }

    @Override
    public InputLayer inputShape(long... shape) {
        return (InputLayer) super.inputShape(shape);
    }

    @Override
    public InputLayer inputDim(long inputDim) {
        return (InputLayer) super.inputDim(inputDim);
    }
}
