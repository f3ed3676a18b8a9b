package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.RecurrentSteps;
import io.github.keras4j.layers.dl4j.RecurrentCell;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    @Override
    RecurrentSteps.CellFactory compiledCell() {
        return Cell::new;
    }

    /**
     * Keras's LSTM cell step as {@code KerasRecurrentLayerImpl} computes it, op for op: the gates i, f, c, o from
     * {@code z + h U}, the carry {@code f c + i g}, {@code h = o activation(c)}; backward the carry's gradient through
     * {@code activation(c)} plus the next step's, each gate's dL/dz, and the state's through {@code U}.
     */
    private static final class Cell implements RecurrentSteps.Cell {
        private final RecurrentSteps.Context context;
        private final IActivation activation;
        private final IActivation gates;
        private final long units;
        /** The carries before and after each step, [steps + 1, samples, units], the first zero. */
        private final INDArray carries;
        /** activation(carry) of each step, [steps, samples, units]. */
        private final INDArray activatedCarries;
        private final INDArray product;
        private final INDArray inputTimesCandidate;
        // Backward, shared by the steps.
        private final INDArray zeroCarry;
        private final INDArray carry;
        private final INDArray keptCarry;
        private final INDArray countedCarry;
        private final INDArray[] gateGradients = new INDArray[6];

        Cell(RecurrentSteps.Context context) {
            this.context = context;
            this.activation = context.cell().activation();
            this.gates = context.cell().recurrentActivation();
            this.units = context.units();
            long samples = context.h().size(1);
            int steps = context.steps();
            this.carries = context.buffers().filled(0.0, 'c', steps + 1L, samples, units);
            this.activatedCarries = context.buffers().array('c', steps, samples, units);
            this.product = context.buffers().array('f', samples, 4 * units);
            this.inputTimesCandidate = context.stateArray();
            this.zeroCarry = context.stateArray();
            this.carry = context.stateArray();
            this.keptCarry = context.stateArray();
            this.countedCarry = context.stateArray();
            for (int k = 0; k < gateGradients.length; k++) {
                gateGradients[k] = context.stateArray();
            }
        }

        @Override
        public void forward(KernelList kernels, int s, INDArray mask) {
            INDArray z = context.z().slice(s);
            INDArray a = context.a().slice(s);
            kernels.add(z, context.recurrentProduct(kernels, s, 4, product), z);
            // a = z, then each gate's activation in place: as one kernel per gate from z's block into a's.
            INDArray i = context.block(a, 0, units);
            INDArray f = context.block(a, 1, units);
            INDArray g = context.block(a, 2, units);
            INDArray o = context.block(a, 3, units);
            kernels.activate(gates, context.block(z, 0, units), i);
            kernels.activate(gates, context.block(z, 1, units), f);
            kernels.activate(activation, context.block(z, 2, units), g);
            kernels.activate(gates, context.block(z, 3, units), o);
            INDArray next = carries.slice(s + 1);
            INDArray previous = carries.slice(s);
            kernels.mul(f, previous, next);
            kernels.mul(i, g, inputTimesCandidate);
            kernels.add(next, inputTimesCandidate, next);
            if (mask != null) {
                RecurrentSteps.keepMasked(kernels, next, previous, mask);
            }
            INDArray activatedCarry = activatedCarries.slice(s);
            kernels.copy(next, activatedCarry);
            kernels.activate(activation, activatedCarry, activatedCarry);
            kernels.mul(o, activatedCarry, context.h().slice(s + 1));
        }

        @Override
        public INDArray backward(KernelList kernels, int s, INDArray state, INDArray stepDz, INDArray[] mask) {
            INDArray z = context.z().slice(s);
            INDArray a = context.a().slice(s);
            INDArray i = context.block(a, 0, units);
            INDArray f = context.block(a, 1, units);
            INDArray g = context.block(a, 2, units);
            INDArray o = context.block(a, 3, units);
            INDArray carryIn = s == context.steps() - 1 ? zeroCarry : carry;
            if (mask != null) {
                kernels.mul(carryIn, mask[1], keptCarry);
                kernels.mul(carryIn, mask[0], countedCarry);
                carryIn = countedCarry;
            }
            kernels.mul(state, o, gateGradients[4]);
            INDArray carryGradient = gateGradients[5];
            context.backprop(kernels, activation, carries.slice(s + 1), gateGradients[4], carryGradient);
            kernels.add(carryGradient, carryIn, carryGradient);
            kernels.mul(carryGradient, g, gateGradients[0]);
            context.backprop(kernels, gates, context.block(z, 0, units), gateGradients[0],
                    context.block(stepDz, 0, units));
            kernels.mul(carryGradient, carries.slice(s), gateGradients[1]);
            context.backprop(kernels, gates, context.block(z, 1, units), gateGradients[1],
                    context.block(stepDz, 1, units));
            kernels.mul(carryGradient, i, gateGradients[2]);
            context.backprop(kernels, activation, context.block(z, 2, units), gateGradients[2],
                    context.block(stepDz, 2, units));
            kernels.mul(state, activatedCarries.slice(s), gateGradients[3]);
            context.backprop(kernels, gates, context.block(z, 3, units), gateGradients[3],
                    context.block(stepDz, 3, units));
            kernels.mul(carryGradient, f, carry);
            if (mask != null) {
                kernels.add(carry, keptCarry, carry);
            }
            return context.recurrentBackward(kernels, s, stepDz, 4);
        }
    }
}
