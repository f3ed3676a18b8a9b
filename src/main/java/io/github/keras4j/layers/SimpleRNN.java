package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.layers.dl4j.RecurrentCell;
import java.util.Map;

/**
 * A fully connected recurrent layer, Keras's {@code keras.layers.SimpleRNN}: {@code h_t = activation(x_t W + h_{t-1} U
 * + b)}. {@code new SimpleRNN(32).inputShape(Shape.NONE, 8)} is {@code SimpleRNN(32, input_shape=(None, 8))}; its
 * output is the last step's state {@code (units)}, or every step's with {@link #returnSequences(boolean)}. Keras's
 * defaults and the arguments it shares with LSTM and GRU: {@link RecurrentLayer}. Its weights are Keras's: kernel
 * {@code (features, units)}, recurrent_kernel {@code (units, units)}, bias {@code (units)}.
 */
public final class SimpleRNN extends RecurrentLayer<SimpleRNN> {

    /** Keras's {@code SimpleRNN}, with Keras 1's key names. */
    public static final LayerType<SimpleRNN> TYPE = LayerType.of("SimpleRNN", SimpleRNN::fromConfig)
            .keras1Keys(KERAS1_KEYS)
            .firstOnSequences()
            .readsInputDim();

    /** {@code SimpleRNN(units)}: activation tanh. */
    public SimpleRNN(int units) {
        this(units, DEFAULT_ACTIVATION);
    }

    /** {@code SimpleRNN(units, activation=name)}. */
    public SimpleRNN(int units, String activation) {
        this(units, Activations.get(activation));
    }

    /** {@code SimpleRNN(units, activation=...)}. */
    public SimpleRNN(int units, Activations activation) {
        super(units, activation);
    }

    private static SimpleRNN fromConfig(LayerConfig config) {
        return readRecurrent(new SimpleRNN(config.integer("units")), config);
    }

    @Override
    public LayerType<SimpleRNN> type() {
        return TYPE;
    }

    @Override
    RecurrentCell.Kind kind() {
        return RecurrentCell.Kind.SIMPLE_RNN;
    }

    @Override
    protected String defaultNamePrefix() {
        return "simple_rnn";
    }

    @Override
    boolean keras3Seeded() {
        return false;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        writeRecurrentBase(config);
        writeWeightSettings(config, null);
    }
}
