package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.layers.dl4j.RecurrentCell;
import java.util.Map;
import java.util.Objects;

/**
 * Long short-term memory, Keras's {@code keras.layers.LSTM}: input, forget and output gates and a carry, in Keras's gate
 * order (i, f, c, o). {@code new LSTM(32).inputShape(Shape.NONE, 1)} is {@code LSTM(32, input_shape=(None, 1))}; its
 * output is the last step's state {@code (units)}, or every step's with {@link #returnSequences(boolean)}. Keras's
 * defaults besides {@link RecurrentLayer}'s: recurrent (gate) activation {@code sigmoid} (Keras 1 and 2.0-2.2 wrote
 * {@code hard_sigmoid}, which their files keep: Keras 1/2's {@code clip(0.2x + 0.5, 0, 1)}, Keras 3's
 * {@code clip(x/6 + 0.5, 0, 1)}), {@code unit_forget_bias} true (the forget gate's bias starts at 1). Its weights are
 * Keras's: kernel {@code (features, 4 units)}, recurrent_kernel {@code (units, 4 units)}, bias {@code (4 units)}; a
 * Keras 1 file's twelve per-gate arrays are read too.
 */
public final class LSTM extends RecurrentLayer<LSTM> {

    /** Keras's {@code LSTM}, with Keras 1's key names ({@code forget_bias_init} is read as {@code unit_forget_bias}). */
    public static final LayerType<LSTM> TYPE = LayerType.of("LSTM", LSTM::fromConfig)
            .keras1Keys(KERAS1_KEYS)
            .firstOnSequences()
            .readsInputDim();

    /** Keras's default gate activation. */
    public static final Activations DEFAULT_RECURRENT_ACTIVATION = Activations.SIGMOID;

    private Activations recurrentActivation = DEFAULT_RECURRENT_ACTIVATION;
    private boolean unitForgetBias = true;

    /** {@code LSTM(units)}: activation tanh, gates sigmoid. */
    public LSTM(int units) {
        this(units, DEFAULT_ACTIVATION);
    }

    /** {@code LSTM(units, activation=name)}. */
    public LSTM(int units, String activation) {
        this(units, Activations.get(activation));
    }

    /** {@code LSTM(units, activation=...)}. */
    public LSTM(int units, Activations activation) {
        super(units, activation);
    }

    private static LSTM fromConfig(LayerConfig config) {
        LSTM lstm = new LSTM(config.integer("units"))
                .recurrentActivation(config.activation("recurrent_activation", DEFAULT_RECURRENT_ACTIVATION));
        Object forgetBias = config.read("forget_bias_init");
        if (forgetBias != null) {
            // Keras 1: the forget gate's bias initializer, "one" (the default) or "zero".
            if (config.has("unit_forget_bias")) {
                throw new IllegalArgumentException(config.where() + ": both Keras 1's \"forget_bias_init\" and Keras "
                        + "2's \"unit_forget_bias\" are given");
            }
            if (!"one".equals(forgetBias) && !"zero".equals(forgetBias)) {
                throw new UnsupportedOperationException(config.where() + ": forget_bias_init " + config.json(forgetBias)
                        + " is not supported; only \"one\" or \"zero\"");
            }
            lstm = lstm.unitForgetBias("one".equals(forgetBias));
        } else {
            lstm = lstm.unitForgetBias(config.bool("unit_forget_bias", true));
        }
        return readRecurrent(lstm, config);
    }

    @Override
    public LayerType<LSTM> type() {
        return TYPE;
    }

    @Override
    RecurrentCell.Kind kind() {
        return RecurrentCell.Kind.LSTM;
    }

    /** The gates' activation (Keras's {@code recurrent_activation}). */
    public Activations recurrentActivation() {
        return recurrentActivation;
    }

    /** Whether the forget gate's bias starts at 1 (Keras's {@code unit_forget_bias}). */
    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    /** A copy with this gate activation, by Keras name. */
    public LSTM recurrentActivation(String name) {
        return recurrentActivation(Activations.get(name));
    }

    /** A copy with this gate activation. */
    public LSTM recurrentActivation(Activations activation) {
        LSTM copy = copy();
        copy.recurrentActivation = Objects.requireNonNull(activation, "recurrentActivation");
        return copy;
    }

    /** A copy whose forget gate's bias starts at 1 (Keras's {@code unit_forget_bias}), or not. */
    public LSTM unitForgetBias(boolean unitForgetBias) {
        LSTM copy = copy();
        copy.unitForgetBias = unitForgetBias;
        return copy;
    }

    @Override
    Activations gateActivation() {
        return recurrentActivation;
    }

    @Override
    boolean unitForgetBiasApplies() {
        return unitForgetBias;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        writeRecurrentBase(config);
        config.put("recurrent_activation", recurrentActivation.kerasName());
        writeWeightSettings(config, unitForgetBias);
        config.put("implementation", 2);
    }
}
