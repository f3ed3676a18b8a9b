package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.RecurrentSteps;
import io.github.keras4j.layers.dl4j.RecurrentCell;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    @Override
    RecurrentSteps.CellFactory compiledCell() {
        return Cell::new;
    }

    /**
     * Keras's SimpleRNN cell step as {@code KerasRecurrentLayerImpl} computes it: {@code h = activation(z + h U)};
     * backward dL/dz through the activation (from a c-order copy of the state's gradient, as the layer's
     * {@code dup('c')}) and the state's through {@code U}.
     */
    private static final class Cell implements RecurrentSteps.Cell {
        private final RecurrentSteps.Context context;
        private final IActivation activation;
        private final INDArray product;
        private final INDArray stateGradient;

        Cell(RecurrentSteps.Context context) {
            this.context = context;
            this.activation = context.cell().activation();
            this.product = context.buffers().array('f', context.h().size(1), context.units());
            this.stateGradient = context.stateArray();
        }

        @Override
        public void forward(KernelList kernels, int s, INDArray mask) {
            INDArray z = context.z().slice(s);
            kernels.add(z, context.recurrentProduct(kernels, s, 1, product), z);
            kernels.activate(activation, z, context.a().slice(s));
            kernels.copy(context.a().slice(s), context.h().slice(s + 1));
        }

        @Override
        public INDArray backward(KernelList kernels, int s, INDArray state, INDArray stepDz, INDArray[] mask) {
            kernels.copy(state, stateGradient);
            context.backprop(kernels, activation, context.z().slice(s), stateGradient, stepDz);
            return context.recurrentBackward(kernels, s, stepDz, 1);
        }
    }
}
