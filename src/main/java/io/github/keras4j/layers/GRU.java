package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.RecurrentSteps;
import io.github.keras4j.layers.dl4j.RecurrentParams;
import io.github.keras4j.layers.dl4j.RecurrentCell;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSet;

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

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    /** With the reset gate after the recurrent product (Keras 2.3+'s default); before it, DL4J's fit trains. */
    @Override
    RecurrentSteps.CellFactory compiledCell() {
        return resetAfter() ? Cell::new : null;
    }

    /**
     * Keras's GRU cell step with the reset gate after the product, as {@code KerasRecurrentLayerImpl} computes it:
     * {@code p = h U + b_r}; z and r from their blocks of {@code x W + b + p}; the candidate {@code hh} from
     * {@code x W_h + b_h + r * p_h}; {@code h' = (h - hh) * z + hh}. Backward the gates' dL/dz, the product's gradient
     * (the candidate's through the reset gate), the recurrent bias's sum, and the state's through {@code U} plus
     * {@code z}'s direct share.
     */
    private static final class Cell implements RecurrentSteps.Cell {
        private final RecurrentSteps.Context context;
        private final IActivation activation;
        private final IActivation gates;
        private final long units;
        private final boolean bias;
        /** The recurrent product's h block of each step, [steps, samples, units]. */
        private final INDArray products;
        private final INDArray product;
        private final INDArray scratch;
        private final INDArray difference;
        private final INDArray updateGradient;
        private final INDArray resetGradient;
        private final INDArray candidateGradient;
        private final INDArray direct;
        private final INDArray productGradient;
        private final INDArray biasSum;
        private final INDArray recurrentBiasGradient;

        Cell(RecurrentSteps.Context context) {
            this.context = context;
            this.activation = context.cell().activation();
            this.gates = context.cell().recurrentActivation();
            this.units = context.units();
            this.bias = context.cell().useBias();
            long samples = context.h().size(1);
            this.products = context.buffers().array('c', context.steps(), samples, units);
            this.product = context.buffers().array('f', samples, 3 * units);
            this.scratch = context.stateArray();
            this.difference = context.stateArray();
            this.updateGradient = context.stateArray();
            this.resetGradient = context.stateArray();
            this.candidateGradient = context.stateArray();
            this.direct = context.stateArray();
            this.productGradient = context.buffers().array('c', samples, 3 * units);
            this.biasSum = context.buffers().array('c', 1, 3 * units);
            this.recurrentBiasGradient = context.buffers().array('c', 1, 3 * units);
        }

        @Override
        public void forward(KernelList kernels, int s, INDArray mask) {
            INDArray z = context.z().slice(s);
            INDArray a = context.a().slice(s);
            INDArray previous = context.h().slice(s);
            context.recurrentProduct(kernels, s, 3, product);
            if (bias) {
                INDArray recurrentBias = context.parameters().parameter(RecurrentParams.BIAS).getRow(1, true);
                kernels.add(product, recurrentBias, product);
            }
            kernels.add(context.block(z, 0, units), context.block(product, 0, units), context.block(z, 0, units));
            kernels.add(context.block(z, 1, units), context.block(product, 1, units), context.block(z, 1, units));
            INDArray hProduct = products.slice(s);
            kernels.copy(context.block(product, 2, units), hProduct);
            INDArray update = context.block(a, 0, units);
            INDArray reset = context.block(a, 1, units);
            INDArray candidate = context.block(a, 2, units);
            kernels.activate(gates, context.block(z, 1, units), reset);
            kernels.activate(gates, context.block(z, 0, units), update);
            kernels.mul(reset, hProduct, scratch);
            kernels.add(context.block(z, 2, units), scratch, context.block(z, 2, units));
            kernels.activate(activation, context.block(z, 2, units), candidate);
            // hh + z * (h - hh), in the layer's order: (h - hh) * z + hh
            INDArray next = context.h().slice(s + 1);
            kernels.sub(previous, candidate, scratch);
            kernels.mul(scratch, update, scratch);
            kernels.add(scratch, candidate, next);
        }

        @Override
        public void startBackward(KernelList kernels) {
            if (bias) {
                kernels.op(new ScalarSet(recurrentBiasGradient, null, recurrentBiasGradient, 0.0));
            }
        }

        @Override
        public INDArray backward(KernelList kernels, int s, INDArray state, INDArray stepDz, INDArray[] mask) {
            INDArray z = context.z().slice(s);
            INDArray a = context.a().slice(s);
            INDArray previous = context.h().slice(s);
            INDArray update = context.block(a, 0, units);
            INDArray reset = context.block(a, 1, units);
            INDArray candidate = context.block(a, 2, units);
            INDArray candidateDz = context.block(stepDz, 2, units);
            kernels.rsub(update, 1.0, scratch);
            kernels.mul(state, scratch, candidateGradient);
            context.backprop(kernels, activation, context.block(z, 2, units), candidateGradient, candidateDz);
            kernels.sub(previous, candidate, difference);
            kernels.mul(state, difference, updateGradient);
            context.backprop(kernels, gates, context.block(z, 0, units), updateGradient,
                    context.block(stepDz, 0, units));
            kernels.mul(state, update, direct);
            kernels.mul(candidateDz, products.slice(s), resetGradient);
            context.backprop(kernels, gates, context.block(z, 1, units), resetGradient,
                    context.block(stepDz, 1, units));
            kernels.copy(stepDz, productGradient);
            INDArray productCandidate = context.block(productGradient, 2, units);
            kernels.mul(productCandidate, reset, productCandidate);
            if (bias) {
                kernels.sum(productGradient, 0, biasSum);
                kernels.add(recurrentBiasGradient, biasSum, recurrentBiasGradient);
            }
            INDArray previousGradient = context.recurrentBackward(kernels, s, productGradient, 3);
            kernels.add(previousGradient, direct, previousGradient);
            return previousGradient;
        }

        @Override
        public void finishBackward(KernelList kernels) {
            if (bias) {
                INDArray gradient = context.parameters().gradient(RecurrentParams.BIAS).getRow(1, true);
                kernels.add(gradient, recurrentBiasGradient, gradient);
            }
        }
    }
}
