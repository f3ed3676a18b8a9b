package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.layers.dl4j.RecurrentCell;
import java.util.Map;
import java.util.Objects;

/**
 * Gated recurrent unit, Keras's {@code keras.layers.GRU}: update and reset gates, in Keras's gate order (z, r, h).
 * {@code new GRU(32).inputShape(Shape.NONE, 8)} is {@code GRU(32, input_shape=(None, 8))}. Keras's defaults besides
 * {@link RecurrentLayer}'s: recurrent (gate) activation {@code sigmoid}, {@code reset_after} true (tf.keras 2.x and
 * Keras 3: the reset gate multiplies the recurrent product, which has its own bias; a file that does not say, from Keras
 * 1 or 2.0-2.1, has it false: the reset gate multiplies the state before the product). Its weights are Keras's: kernel
 * {@code (features, 3 units)}, recurrent_kernel {@code (units, 3 units)}, bias {@code (2, 3 units)} with
 * {@code reset_after} (input and recurrent biases), else {@code (3 units)}; a Keras 1 file's nine per-gate arrays are
 * read too. DL4J has no GRU: keras4j's layer computes it with ND4J's operations.
 */
public final class GRU extends RecurrentLayer<GRU> {

    /** Keras's {@code GRU}, with Keras 1's key names. */
    public static final LayerType<GRU> TYPE = LayerType.of("GRU", GRU::fromConfig)
            .keras1Keys(KERAS1_KEYS)
            .firstOnSequences()
            .readsInputDim();

    /** Keras's default gate activation. */
    public static final Activations DEFAULT_RECURRENT_ACTIVATION = Activations.SIGMOID;

    private Activations recurrentActivation = DEFAULT_RECURRENT_ACTIVATION;
    private boolean resetAfter = true;

    /** {@code GRU(units)}: activation tanh, gates sigmoid, reset after. */
    public GRU(int units) {
        this(units, DEFAULT_ACTIVATION);
    }

    /** {@code GRU(units, activation=name)}. */
    public GRU(int units, String activation) {
        this(units, Activations.get(activation));
    }

    /** {@code GRU(units, activation=...)}. */
    public GRU(int units, Activations activation) {
        super(units, activation);
    }

    private static GRU fromConfig(LayerConfig config) {
        GRU gru = new GRU(config.integer("units"))
                .recurrentActivation(config.activation("recurrent_activation", DEFAULT_RECURRENT_ACTIVATION))
                // Keras before 2.1.5 had no reset_after and computed it false.
                .resetAfter(config.bool("reset_after", false));
        return readRecurrent(gru, config);
    }

    @Override
    public LayerType<GRU> type() {
        return TYPE;
    }

    @Override
    RecurrentCell.Kind kind() {
        return RecurrentCell.Kind.GRU;
    }

    /** The gates' activation (Keras's {@code recurrent_activation}). */
    public Activations recurrentActivation() {
        return recurrentActivation;
    }

    /** Whether the reset gate applies after the recurrent product (Keras's {@code reset_after}). */
    public boolean resetAfter() {
        return resetAfter;
    }

    /** A copy with this gate activation, by Keras name. */
    public GRU recurrentActivation(String name) {
        return recurrentActivation(Activations.get(name));
    }

    /** A copy with this gate activation. */
    public GRU recurrentActivation(Activations activation) {
        GRU copy = copy();
        copy.recurrentActivation = Objects.requireNonNull(activation, "recurrentActivation");
        return copy;
    }

    /** A copy applying the reset gate after the recurrent product (Keras's {@code reset_after=True}), or before. */
    public GRU resetAfter(boolean resetAfter) {
        GRU copy = copy();
        copy.resetAfter = resetAfter;
        return copy;
    }

    @Override
    Activations gateActivation() {
        return recurrentActivation;
    }

    @Override
    long biasRows() {
        return resetAfter ? 2 : 1;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        writeRecurrentBase(config);
        config.put("recurrent_activation", recurrentActivation.kerasName());
        writeWeightSettings(config, null);
        config.put("implementation", 2);
        config.put("reset_after", resetAfter);
    }
}
