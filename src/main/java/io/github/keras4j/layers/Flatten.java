package io.github.keras4j.layers;

import java.util.Arrays;

/**
 * Flattens each sample to a vector of features, in row-major (height, width, channels) order: Keras's
 * {@code keras.layers.Flatten()} on channels-last data. On features it changes nothing.
 */
public final class Flatten extends Layer {

    /** {@code Flatten()}. */
    public Flatten() {
    }

    @Override
    public String className() {
        return "Flatten";
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
    public long[] outputShape(long[] inputShape) {
        return new long[] {Arrays.stream(inputShape).reduce(1, Math::multiplyExact)};
    }

    @Override
    public Flatten name(String name) {
        return (Flatten) super.name(name);
    }

    @Override
    public Flatten dtype(String dtype) {
        return (Flatten) super.dtype(dtype);
    }

    @Override
    public Flatten inputShape(long... shape) {
        return (Flatten) super.inputShape(shape);
    }
}
