package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;

/**
 * A fully connected layer, Keras's {@code keras.layers.Dense}: {@code output = activation(input . kernel + bias)}.
 *
 * <p>Keras's defaults: activation {@code linear}, {@code useBias} true, kernel initializer {@code glorot_uniform},
 * bias initializer {@code zeros}, no regularizers. {@code new Dense(16, "relu").inputDim(2)} is
 * {@code Dense(16, activation='relu', input_dim=2)}.
 */
public final class Dense extends KernelLayer<Dense> {

    private final int units;

    /** {@code Dense(units)}: a linear layer. */
    public Dense(int units) {
        this(units, DEFAULT_ACTIVATION);
    }

    /** {@code Dense(units, activation=name)}. */
    public Dense(int units, String activation) {
        this(units, Activations.get(activation));
    }

    /** {@code Dense(units, activation=...)}. */
    public Dense(int units, Activations activation) {
        super(activation);
        if (units < 1) {
            throw new IllegalArgumentException("Received an invalid value for `units`, expected a positive integer. "
                    + "Received: units=" + units);
        }
        this.units = units;
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
        return inputUnits * units + (useBias() ? units : 0);
    }

    /** The number of output features. */
    public int units() {
        return units;
    }

    @Override
    public Dense inputDim(long inputDim) {
        return (Dense) super.inputDim(inputDim);
    }
}
