package io.github.keras4j.layers;

/**
 * Randomly sets a fraction {@code rate} of its inputs to 0 during training and scales the others by
 * {@code 1 / (1 - rate)}; the identity at inference. Keras's {@code keras.layers.Dropout(rate)}.
 */
public final class Dropout extends Layer {

    private final double rate;

    /** {@code Dropout(rate)}: {@code rate} is the fraction dropped, in [0, 1). */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "in [0, 1). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    @Override
    public String className() {
        return "Dropout";
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    /** The fraction of inputs dropped. */
    public double rate() {
        return rate;
    }

    @Override
    public Dropout name(String name) {
        return (Dropout) super.name(name);
    }

    @Override
    public Dropout dtype(String dtype) {
        return (Dropout) super.dtype(dtype);
    }

    @Override
    public Dropout inputShape(long... shape) {
        return (Dropout) super.inputShape(shape);
    }

    @Override
    public Dropout inputDim(long inputDim) {
        return (Dropout) super.inputDim(inputDim);
    }
}
