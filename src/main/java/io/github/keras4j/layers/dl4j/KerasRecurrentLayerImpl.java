package io.github.keras4j.layers.dl4j;

import io.github.keras4j.layers.dl4j.KerasRecurrentLayer.Merge;
import io.github.keras4j.layers.dl4j.RecurrentCell.Kind;
import java.util.List;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer of a {@link KerasRecurrentLayer}: Keras's SimpleRNN, LSTM and GRU cells, one or two directions, on
 * {@code [samples, timesteps, features]} sequences, computed step by step with ND4J operations as Keras's cells compute
 * them, and differentiated back through time by hand (the backward pass recomputes the forward one, keeping each
 * step's pre-activations and states, with the same dropout masks).
 *
 * <p>Keras's semantics, kept exactly:
 * <ul>
 * <li>gate order and weight layout: LSTM i, f, c, o; GRU z, r, h, with {@code reset_after} (the reset gate applied to
 * the recurrent product plus its own bias) or before (applied to the state before the product);</li>
 * <li>a timestep mask {@code [samples, timesteps]} (1: counts, 0: padding) keeps the state (and an LSTM's carry) of a
 * sample through its padded steps, so the last output is the one after its last real step, wherever the padding is;</li>
 * <li>{@code go_backwards} reads the sequence from its end and returns its outputs in that order; the backward direction
 * of a bidirectional layer is one, whose outputs are put back in time order before the merge;</li>
 * <li>dropout masks are drawn once per batch and sequence (not per step), for the input and the recurrent state, one per
 * gate when there is recurrent dropout (Keras 3's implementation 1), else one shared.</li>
 * </ul>
 */
public class KerasRecurrentLayerImpl extends BaseLayer<KerasRecurrentLayer> {

    /** Per direction, the input and recurrent dropout masks of the last training pass (per gate, or one), or null. */
    private INDArray[][] inputMasks;
    private INDArray[][] recurrentMasks;

    public KerasRecurrentLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        drawDropoutMasks(training);
        Pass[] passes = forward();
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, merged(passes));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        // The same masks as the training pass that produced epsilon's output.
        Pass[] passes = forward();
        gradientsFlattened.assign(0);
        INDArray[] epsilons = split(epsilon, passes);
        INDArray inputGradient = null;
        for (int d = 0; d < passes.length; d++) {
            INDArray gradient = backward(passes[d], epsilons[d], d);
            inputGradient = inputGradient == null ? gradient : inputGradient.addi(gradient);
        }
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
    }

    /** A recurrent layer returning only its last step consumes the timestep mask; returning every step passes it on. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return maskArray == null || !layerConf().returnSequences() ? null : new Pair<>(maskArray, currentMaskState);
    }

    // ---------------------------------------------------------------------------------------------------------
    // forward

    /** One direction's pass over a batch, in processing order ({@code go_backwards}: from the last timestep). */
    private static final class Pass {
        RecurrentCell cell;
        boolean aligned;
        int steps;
        long samples;
        /** The inputs as processed, [steps * samples, inputs], one per input dropout mask. */
        INDArray[] inputs;
        /** [steps, samples], or null. */
        INDArray mask;
        /** The gates' pre-activations, [steps, samples, gates * units]. */
        INDArray z;
        /** The gates' activations, [steps, samples, gates * units]. */
        INDArray a;
        /** The states before and after each step, [steps + 1, samples, units]. */
        INDArray h;
        /** LSTM: the carries, [steps + 1, samples, units]. */
        INDArray c;
        /** LSTM: activation(carry) of each step; GRU: the recurrent product of the h gate (reset after) or r * h. */
        INDArray extra;
    }

    private Pass[] forward() {
        List<RecurrentCell> cells = layerConf().cells();
        Pass[] passes = new Pass[cells.size()];
        INDArray sequences = input.castTo(dataType);
        for (int d = 0; d < passes.length; d++) {
            passes[d] = forward(cells.get(d), sequences, d, cells.size() == 2 && d == 1);
        }
        return passes;
    }

    private Pass forward(RecurrentCell cell, INDArray sequences, int direction, boolean aligned) {
        Pass pass = new Pass();
        pass.cell = cell;
        pass.aligned = aligned;
        pass.samples = sequences.size(0);
        pass.steps = (int) sequences.size(1);
        long samples = pass.samples;
        int steps = pass.steps;
        long units = cell.units();
        long columns = cell.gateColumns();
        String prefix = RecurrentParams.prefix(direction);
        INDArray kernel = params.get(prefix + RecurrentParams.KERNEL);
        INDArray recurrent = params.get(prefix + RecurrentParams.RECURRENT_KERNEL);
        INDArray bias = cell.useBias() ? params.get(prefix + RecurrentParams.BIAS) : null;
        INDArray[] inputDropout = inputMasks == null ? null : inputMasks[direction];
        INDArray[] recurrentDropout = recurrentMasks == null ? null : recurrentMasks[direction];

        INDArray timeMajor = inProcessingOrder(sequences.permute(1, 0, 2).dup('c'), cell.goBackwards());
        pass.mask = maskArray == null ? null
                : inProcessingOrder(maskArray.castTo(dataType).transpose().dup('c'), cell.goBackwards());
        // Every step's input part at once: x W + b, each gate from its dropout mask's inputs.
        INDArray xw;
        if (inputDropout == null) {
            pass.inputs = new INDArray[] {flat(timeMajor)};
            xw = pass.inputs[0].mmul(kernel);
        } else {
            pass.inputs = new INDArray[inputDropout.length];
            for (int k = 0; k < inputDropout.length; k++) {
                pass.inputs[k] = flat(timeMajor).reshape('c', steps, samples * cell.inputSize())
                        .mulRowVector(inputDropout[k].reshape('c', 1, samples * cell.inputSize()))
                        .reshape('c', steps * samples, cell.inputSize());
            }
            if (inputDropout.length == 1) {
                xw = pass.inputs[0].mmul(kernel);
            } else {
                xw = Nd4j.create(dataType, steps * samples, columns);
                for (int k = 0; k < inputDropout.length; k++) {
                    block(xw, k, units).assign(pass.inputs[k].mmul(block(kernel, k, units)));
                }
            }
        }
        if (bias != null) {
            xw.addiRowVector(bias.getRow(0, true));
        }
        pass.z = xw.reshape('c', steps, samples, columns);
        pass.a = Nd4j.createUninitialized(dataType, steps, samples, columns);
        pass.h = Nd4j.create(dataType, steps + 1, samples, units);
        if (cell.kind() == Kind.LSTM) {
            pass.c = Nd4j.create(dataType, steps + 1, samples, units);
        }
        if (cell.kind() != Kind.SIMPLE_RNN) {
            pass.extra = Nd4j.createUninitialized(dataType, steps, samples, units);
        }
        IActivation activation = cell.activation();
        IActivation gates = cell.recurrentActivation();
        for (int s = 0; s < steps; s++) {
            INDArray previous = pass.h.slice(s);
            INDArray z = pass.z.slice(s);
            INDArray a = pass.a.slice(s);
            INDArray next;
            switch (cell.kind()) {
                case SIMPLE_RNN -> {
                    z.addi(recurrentProduct(previous, recurrentDropout, recurrent, units, 0, 1));
                    a.assign(z);
                    next = activated(activation, a);
                }
                case LSTM -> {
                    z.addi(recurrentProduct(previous, recurrentDropout, recurrent, units, 0, 4));
                    a.assign(z);
                    INDArray i = activated(gates, block(a, 0, units));
                    INDArray f = activated(gates, block(a, 1, units));
                    INDArray g = activated(activation, block(a, 2, units));
                    INDArray o = activated(gates, block(a, 3, units));
                    INDArray carry = pass.c.slice(s + 1);
                    carry.assign(f.mul(pass.c.slice(s))).addi(i.mul(g));
                    if (pass.mask != null) {
                        keepMasked(carry, pass.c.slice(s), column(pass.mask, s, samples));
                    }
                    INDArray activatedCarry = pass.extra.slice(s);
                    activatedCarry.assign(carry);
                    activated(activation, activatedCarry);
                    next = o.mul(activatedCarry);
                }
                case GRU -> next = gruStep(pass, s, previous, recurrent, bias, recurrentDropout);
                default -> throw new IllegalStateException("unknown cell " + cell.kind());
            }
            INDArray state = pass.h.slice(s + 1);
            state.assign(next);
            if (pass.mask != null) {
                keepMasked(state, previous, column(pass.mask, s, samples));
            }
        }
        return pass;
    }

    /** One GRU step: z and r from the gates, the candidate hh, {@code z * h + (1 - z) * hh}. */
    private INDArray gruStep(Pass pass, int s, INDArray previous, INDArray recurrent, INDArray bias,
            INDArray[] recurrentDropout) {
        RecurrentCell cell = pass.cell;
        long units = cell.units();
        IActivation gates = cell.recurrentActivation();
        INDArray z = pass.z.slice(s);
        INDArray a = pass.a.slice(s);
        INDArray extra = pass.extra.slice(s);
        if (cell.resetAfter()) {
            INDArray product = recurrentProduct(previous, recurrentDropout, recurrent, units, 0, 3);
            if (bias != null) {
                product.addiRowVector(bias.getRow(1, true));
            }
            block(z, 0, units).addi(block(product, 0, units));
            block(z, 1, units).addi(block(product, 1, units));
            extra.assign(block(product, 2, units));
            block(a, 0, 2 * units).assign(block(z, 0, 2 * units));
            INDArray r = activated(gates, block(a, 1, units));
            activated(gates, block(a, 0, units));
            block(z, 2, units).addi(r.mul(extra));
        } else {
            block(z, 0, 2 * units).addi(recurrentProduct(previous, recurrentDropout, recurrent, units, 0, 2));
            block(a, 0, 2 * units).assign(block(z, 0, 2 * units));
            INDArray r = activated(gates, block(a, 1, units));
            activated(gates, block(a, 0, units));
            extra.assign(r.mul(dropped(previous, recurrentDropout, 2)));
            block(z, 2, units).addi(extra.mmul(block(recurrent, 2, units)));
        }
        INDArray candidate = block(a, 2, units);
        candidate.assign(block(z, 2, units));
        cell.activation().getActivation(candidate, true);
        // hh + z * (h - hh)
        return previous.sub(candidate).muli(block(a, 0, units)).addi(candidate);
    }

    /** The merged output: every step's ([samples, timesteps, size]) or the last one's ([samples, size]). */
    private INDArray merged(Pass[] passes) {
        INDArray forward = output(passes[0]);
        if (passes.length == 1) {
            return forward;
        }
        INDArray backward = output(passes[1]);
        return switch (layerConf().merge()) {
            case CONCAT -> Nd4j.concat(forward.rank() - 1, forward, backward);
            case SUM -> forward.addi(backward);
            case MUL -> forward.muli(backward);
            case AVE -> forward.addi(backward).muli(0.5);
        };
    }

    /** A direction's output, in time order for the backward direction of a bidirectional layer. */
    private INDArray output(Pass pass) {
        if (!layerConf().returnSequences()) {
            return pass.h.slice(pass.steps).dup('c');
        }
        INDArray steps = pass.h.get(NDArrayIndex.interval(1, pass.steps + 1), NDArrayIndex.all(), NDArrayIndex.all());
        if (pass.aligned) {
            steps = inProcessingOrder(steps.dup('c'), true);
        }
        return steps.permute(1, 0, 2).dup('c');
    }

    // ---------------------------------------------------------------------------------------------------------
    // backward

    /** The gradient of the loss with respect to each direction's output. */
    private INDArray[] split(INDArray epsilon, Pass[] passes) {
        if (passes.length == 1) {
            return new INDArray[] {epsilon};
        }
        Merge merge = layerConf().merge();
        return switch (merge) {
            case CONCAT -> {
                long forwardUnits = passes[0].cell.units();
                long all = forwardUnits + passes[1].cell.units();
                yield new INDArray[] {lastAxis(epsilon, 0, forwardUnits), lastAxis(epsilon, forwardUnits, all)};
            }
            case SUM -> new INDArray[] {epsilon, epsilon};
            case AVE -> new INDArray[] {epsilon.mul(0.5), epsilon.mul(0.5)};
            case MUL -> new INDArray[] {epsilon.mul(output(passes[1])), epsilon.mul(output(passes[0]))};
        };
    }

    /** Backward through time for one direction; accumulates its weights' gradients, returns the input's. */
    private INDArray backward(Pass pass, INDArray epsilon, int direction) {
        RecurrentCell cell = pass.cell;
        long samples = pass.samples;
        int steps = pass.steps;
        long units = cell.units();
        long columns = cell.gateColumns();
        String prefix = RecurrentParams.prefix(direction);
        INDArray kernel = params.get(prefix + RecurrentParams.KERNEL);
        INDArray recurrent = params.get(prefix + RecurrentParams.RECURRENT_KERNEL);
        INDArray kernelGradient = gradientViews.get(prefix + RecurrentParams.KERNEL);
        INDArray recurrentGradient = gradientViews.get(prefix + RecurrentParams.RECURRENT_KERNEL);
        INDArray biasGradient = cell.useBias() ? gradientViews.get(prefix + RecurrentParams.BIAS) : null;
        INDArray[] inputDropout = inputMasks == null ? null : inputMasks[direction];
        INDArray[] recurrentDropout = recurrentMasks == null ? null : recurrentMasks[direction];
        IActivation activation = cell.activation();
        IActivation gates = cell.recurrentActivation();

        INDArray stepGradients = null;
        INDArray state;
        if (layerConf().returnSequences()) {
            stepGradients = inProcessingOrder(epsilon.permute(1, 0, 2).dup('c'), pass.aligned);
            state = Nd4j.create(dataType, samples, units);
        } else {
            state = epsilon.castTo(dataType).dup('c');
        }
        INDArray carry = cell.kind() == Kind.LSTM ? Nd4j.create(dataType, samples, units) : null;
        // dL/dz of every step: the gradient of the input part x W + b.
        INDArray dz = Nd4j.create(dataType, steps, samples, columns);
        INDArray recurrentBiasGradient = cell.resetAfter() && biasGradient != null
                ? Nd4j.create(dataType, 1, columns) : null;
        for (int s = steps - 1; s >= 0; s--) {
            if (stepGradients != null) {
                state.addi(stepGradients.slice(s));
            }
            INDArray previous = pass.h.slice(s);
            INDArray z = pass.z.slice(s);
            INDArray a = pass.a.slice(s);
            INDArray stepDz = dz.slice(s);
            // A padded step passes the gradient through to the state it kept.
            INDArray kept = null;
            INDArray keptCarry = null;
            if (pass.mask != null) {
                INDArray mask = column(pass.mask, s, samples);
                kept = state.mulColumnVector(mask.rsub(1.0));
                state = state.mulColumnVector(mask);
                if (carry != null) {
                    keptCarry = carry.mulColumnVector(mask.rsub(1.0));
                    carry = carry.mulColumnVector(mask);
                }
            }
            INDArray previousGradient;
            switch (cell.kind()) {
                case SIMPLE_RNN -> {
                    stepDz.assign(backprop(activation, z, state));
                    previousGradient = recurrentBackward(previous, recurrentDropout, recurrent, recurrentGradient,
                            stepDz, units, 0, 1);
                }
                case LSTM -> {
                    INDArray i = block(a, 0, units);
                    INDArray f = block(a, 1, units);
                    INDArray g = block(a, 2, units);
                    INDArray o = block(a, 3, units);
                    INDArray activatedCarry = pass.extra.slice(s);
                    INDArray carryGradient = backprop(activation, pass.c.slice(s + 1), state.mul(o)).addi(carry);
                    block(stepDz, 0, units).assign(backprop(gates, block(z, 0, units), carryGradient.mul(g)));
                    block(stepDz, 1, units).assign(backprop(gates, block(z, 1, units),
                            carryGradient.mul(pass.c.slice(s))));
                    block(stepDz, 2, units).assign(backprop(activation, block(z, 2, units), carryGradient.mul(i)));
                    block(stepDz, 3, units).assign(backprop(gates, block(z, 3, units), state.mul(activatedCarry)));
                    carry = carryGradient.muli(f);
                    previousGradient = recurrentBackward(previous, recurrentDropout, recurrent, recurrentGradient,
                            stepDz, units, 0, 4);
                }
                case GRU -> previousGradient = gruBackward(pass, s, previous, state, stepDz, recurrent,
                        recurrentGradient, recurrentBiasGradient, recurrentDropout);
                default -> throw new IllegalStateException("unknown cell " + cell.kind());
            }
            state = kept == null ? previousGradient : previousGradient.addi(kept);
            if (keptCarry != null) {
                carry.addi(keptCarry);
            }
        }
        // The input part of every step at once: the kernel's and the bias's gradients, and the input's.
        INDArray dzRows = dz.reshape('c', (long) steps * samples, columns);
        INDArray inputGradient;
        if (pass.inputs.length == 1) {
            kernelGradient.addi(pass.inputs[0].transpose().mmul(dzRows));
            inputGradient = dzRows.mmul(kernel.transpose());
        } else {
            inputGradient = Nd4j.create(dataType, (long) steps * samples, cell.inputSize());
            for (int k = 0; k < pass.inputs.length; k++) {
                block(kernelGradient, k, units).addi(pass.inputs[k].transpose().mmul(block(dzRows, k, units)));
                INDArray part = block(dzRows, k, units).mmul(block(kernel, k, units).transpose());
                inputGradient.addi(part.reshape('c', steps, samples * cell.inputSize())
                        .muliRowVector(inputDropout[k].reshape('c', 1, samples * cell.inputSize()))
                        .reshape('c', (long) steps * samples, cell.inputSize()));
            }
        }
        if (inputDropout != null && inputDropout.length == 1) {
            inputGradient = inputGradient.reshape('c', steps, samples * cell.inputSize())
                    .muliRowVector(inputDropout[0].reshape('c', 1, samples * cell.inputSize()))
                    .reshape('c', (long) steps * samples, cell.inputSize());
        }
        if (biasGradient != null) {
            biasGradient.getRow(0, true).addi(dzRows.sum(true, 0));
            if (recurrentBiasGradient != null) {
                biasGradient.getRow(1, true).addi(recurrentBiasGradient);
            }
        }
        INDArray timeMajor = inProcessingOrder(inputGradient.reshape('c', steps, samples, cell.inputSize()),
                cell.goBackwards());
        return timeMajor.permute(1, 0, 2).dup('c');
    }

    /** A GRU step backward: fills the step's dL/dz, returns the gradient of the previous state. */
    private INDArray gruBackward(Pass pass, int s, INDArray previous, INDArray state, INDArray stepDz,
            INDArray recurrent, INDArray recurrentGradient, INDArray recurrentBiasGradient,
            INDArray[] recurrentDropout) {
        RecurrentCell cell = pass.cell;
        long units = cell.units();
        IActivation gates = cell.recurrentActivation();
        INDArray z = pass.z.slice(s);
        INDArray a = pass.a.slice(s);
        INDArray update = block(a, 0, units);
        INDArray reset = block(a, 1, units);
        INDArray candidate = block(a, 2, units);
        INDArray extra = pass.extra.slice(s);
        INDArray candidateGradient = backprop(cell.activation(), block(z, 2, units),
                state.mul(update.rsub(1.0)));
        block(stepDz, 0, units).assign(backprop(gates, block(z, 0, units), state.mul(previous.sub(candidate))));
        INDArray direct = state.mul(update);
        block(stepDz, 2, units).assign(candidateGradient);
        if (cell.resetAfter()) {
            block(stepDz, 1, units).assign(backprop(gates, block(z, 1, units), candidateGradient.mul(extra)));
            // The recurrent product's gradient: z's and r's as their inputs', h's through the reset gate.
            INDArray productGradient = stepDz.dup();
            block(productGradient, 2, units).muli(reset);
            if (recurrentBiasGradient != null) {
                recurrentBiasGradient.addi(productGradient.sum(true, 0));
            }
            return recurrentBackward(previous, recurrentDropout, recurrent, recurrentGradient, productGradient, units,
                    0, 3).addi(direct);
        }
        INDArray resetStateGradient = candidateGradient.mmul(block(recurrent, 2, units).transpose());
        block(recurrentGradient, 2, units).addi(extra.transpose().mmul(candidateGradient));
        INDArray droppedState = dropped(previous, recurrentDropout, 2);
        block(stepDz, 1, units).assign(backprop(gates, block(z, 1, units), resetStateGradient.mul(droppedState)));
        INDArray throughReset = resetStateGradient.muli(reset);
        if (recurrentDropout != null) {
            throughReset.muli(recurrentDropout[recurrentDropout.length == 1 ? 0 : 2]);
        }
        return recurrentBackward(previous, recurrentDropout, recurrent, recurrentGradient, block(stepDz, 0, 2 * units),
                units, 0, 2).addi(direct).addi(throughReset);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** {@code h U} for gate blocks {@code from} to {@code from + count}, each from its recurrent dropout mask's state. */
    private static INDArray recurrentProduct(INDArray state, INDArray[] masks, INDArray recurrent, long units, int from,
            int count) {
        if (masks == null || masks.length == 1) {
            return dropped(state, masks, 0).mmul(block(recurrent, from, count * units));
        }
        INDArray product = Nd4j.create(state.dataType(), state.size(0), count * units);
        for (int k = 0; k < count; k++) {
            block(product, k, units).assign(dropped(state, masks, from + k).mmul(block(recurrent, from + k, units)));
        }
        return product;
    }

    /**
     * The backward pass of {@link #recurrentProduct}: adds {@code h^T dR} to the recurrent kernel's gradient and
     * returns the state's gradient {@code dR U^T}, through each gate's mask.
     */
    private static INDArray recurrentBackward(INDArray state, INDArray[] masks, INDArray recurrent,
            INDArray recurrentGradient, INDArray productGradient, long units, int from, int count) {
        if (masks == null || masks.length == 1) {
            block(recurrentGradient, from, count * units).addi(dropped(state, masks, 0).transpose()
                    .mmul(productGradient));
            INDArray gradient = productGradient.mmul(block(recurrent, from, count * units).transpose());
            return masks == null ? gradient : gradient.muli(masks[0]);
        }
        INDArray gradient = Nd4j.create(state.dataType(), state.shape());
        for (int k = 0; k < count; k++) {
            INDArray part = block(productGradient, k, units);
            block(recurrentGradient, from + k, units).addi(dropped(state, masks, from + k).transpose().mmul(part));
            gradient.addi(part.mmul(block(recurrent, from + k, units).transpose()).muli(masks[from + k]));
        }
        return gradient;
    }

    /** The state through gate {@code gate}'s recurrent dropout mask (the one mask, or none). */
    private static INDArray dropped(INDArray state, INDArray[] masks, int gate) {
        if (masks == null) {
            return state;
        }
        return state.mul(masks[masks.length == 1 ? 0 : gate]);
    }

    /** {@code activation} applied to {@code values} in place (DL4J's contract, enforced), returned. */
    private static INDArray activated(IActivation activation, INDArray values) {
        INDArray result = activation.getActivation(values, true);
        if (result != values) {
            values.assign(result);
        }
        return values;
    }

    /** dL/dz of {@code activation} at pre-activation {@code z} (left untouched) for dL/da {@code gradient}. */
    private static INDArray backprop(IActivation activation, INDArray z, INDArray gradient) {
        return activation.backprop(z.dup('c'), gradient.dup('c')).getFirst();
    }

    /** Columns {@code k * units} to {@code (k + 1) * units} (gate block k) of a matrix, as a view. */
    private static INDArray block(INDArray matrix, long k, long units) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(k * units, (k + 1) * units));
    }

    /** The last axis's entries {@code from} to {@code to} of a [samples, size] or [samples, steps, size] array. */
    private static INDArray lastAxis(INDArray array, long from, long to) {
        return array.rank() == 2 ? array.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup('c')
                : array.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup('c');
    }

    /** A [steps, ...] array (C order) in processing order: reversed along the steps when reading backwards. */
    private static INDArray inProcessingOrder(INDArray timeMajor, boolean backwards) {
        if (!backwards) {
            return timeMajor;
        }
        int steps = (int) timeMajor.size(0);
        INDArray reversed = Nd4j.createUninitialized(timeMajor.dataType(), timeMajor.shape(), 'c');
        for (int s = 0; s < steps; s++) {
            reversed.slice(s).assign(timeMajor.slice(steps - 1 - s));
        }
        return reversed;
    }

    /** Step {@code s} of a [steps, samples] mask as a column [samples, 1]. */
    private static INDArray column(INDArray mask, int s, long samples) {
        return mask.get(NDArrayIndex.point(s), NDArrayIndex.all()).reshape('c', samples, 1);
    }

    /** {@code state = previous + mask * (state - previous)}: padded samples keep their previous state. */
    private static void keepMasked(INDArray state, INDArray previous, INDArray mask) {
        state.subi(previous).muliColumnVector(mask).addi(previous);
    }

    private static INDArray flat(INDArray timeMajor) {
        return timeMajor.reshape('c', timeMajor.size(0) * timeMajor.size(1), timeMajor.size(2));
    }

    /** Draws this batch's dropout masks during training (outside workspaces: the backward pass reuses them). */
    private void drawDropoutMasks(boolean training) {
        List<RecurrentCell> cells = layerConf().cells();
        inputMasks = null;
        recurrentMasks = null;
        if (!training || cells.stream().allMatch(cell -> cell.dropout() == 0 && cell.recurrentDropout() == 0)) {
            return;
        }
        long samples = input.size(0);
        inputMasks = new INDArray[cells.size()][];
        recurrentMasks = new INDArray[cells.size()][];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int d = 0; d < cells.size(); d++) {
                RecurrentCell cell = cells.get(d);
                inputMasks[d] = masks(cell.dropoutMasks(), samples, cell.inputSize(), cell.dropout());
                recurrentMasks[d] = masks(cell.dropoutMasks(), samples, cell.units(), cell.recurrentDropout());
            }
        }
    }

    /** Keras's dropout masks: 0 with probability {@code rate}, else {@code 1 / (1 - rate)}; null for rate 0. */
    private INDArray[] masks(int count, long samples, long size, double rate) {
        if (rate == 0) {
            return null;
        }
        INDArray[] masks = new INDArray[count];
        for (int k = 0; k < count; k++) {
            masks[k] = Nd4j.rand(dataType, samples, size).gte(rate).castTo(dataType).divi(1.0 - rate);
        }
        return masks;
    }
}
