package io.github.keras4j.layers;

/**
 * Leaky rectified linear unit: {@code x} for {@code x >= 0}, {@code negativeSlope * x} otherwise. Keras's
 * {@code keras.layers.LeakyReLU}: Keras 2 calls the slope {@code alpha} and defaults it to 0.3, Keras 3 calls it
 * {@code negative_slope} and also defaults it to 0.3.
 */
public final class LeakyReLU extends Layer {

    /** Keras's default slope: 0.3. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.3;

    private final double negativeSlope;

    /** {@code LeakyReLU()}: slope 0.3. */
    public LeakyReLU() {
        this(DEFAULT_NEGATIVE_SLOPE);
    }

    /** {@code LeakyReLU(negative_slope)}: the slope for negative inputs, a finite number &gt;= 0. */
    public LeakyReLU(double negativeSlope) {
        if (!(negativeSlope >= 0 && Double.isFinite(negativeSlope))) {
            throw new IllegalArgumentException("The negative_slope value of a Leaky ReLU layer cannot be None or "
                    + "negative. Expected a float. Received: negative_slope=" + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    @Override
    public String className() {
        return "LeakyReLU";
    }

    /** The slope for negative inputs (Keras 2's {@code alpha}). */
    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    public LeakyReLU name(String name) {
        return (LeakyReLU) super.name(name);
    }

    @Override
    public LeakyReLU dtype(String dtype) {
        return (LeakyReLU) super.dtype(dtype);
    }

    @Override
    public LeakyReLU inputShape(long... shape) {
        return (LeakyReLU) super.inputShape(shape);
    }

    @Override
    public LeakyReLU inputDim(long inputDim) {
        return (LeakyReLU) super.inputDim(inputDim);
    }
}
