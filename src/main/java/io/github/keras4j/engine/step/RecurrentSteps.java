package io.github.keras4j.engine.step;

import io.github.keras4j.layers.dl4j.KerasRecurrentLayer;
import io.github.keras4j.layers.dl4j.RecurrentCell;
import io.github.keras4j.layers.dl4j.RecurrentParams;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The compiled form of keras4j's DL4J recurrent layer ({@code layers.dl4j.KerasRecurrentLayerImpl}) for one direction
 * without dropout: what every cell shares (the sequences in time-major processing order, every step's input part
 * {@code x W + b} at once, the states {@code h}, the timestep mask keeping a padded sample's state, the output, and
 * backward the kernel's, bias's and input's gradients), the cell's own step coming from a {@link Cell}.
 *
 * <p>Each operation is the one {@code KerasRecurrentLayerImpl} runs at that point, on arrays of the same shapes and
 * orders (a matrix product into an f-order array, as {@code INDArray.mmul}'s BLAS call writes it before copying), so
 * the numbers are its numbers, bit for bit. The loop over timesteps is unrolled: every step's kernels are compiled
 * once per batch shape, on arrays allocated once and shared by the steps where one step's use ends before the next's.
 */
public final class RecurrentSteps {

    /** One cell's step, compiled for a batch shape on the arrays of a {@link Context}. */
    public interface Cell {

        /**
         * Adds the kernels of forward step {@code s}: from {@code z.slice(s)} (the step's input part) and the state
         * {@code h.slice(s)} to the gate activations {@code a.slice(s)} and the new state, written into
         * {@code h.slice(s + 1)} (the plumbing then keeps a padded sample's previous state).
         *
         * @param mask the step's mask column {@code [samples, 1]}, or null unmasked
         */
        void forward(KernelList kernels, int s, INDArray mask);

        /**
         * Adds the kernels of backward step {@code s}: from dL/d(new state) {@code state} (zero for the samples the
         * step did not count, when masked) to the step's dL/dz, written into {@code stepDz}, and dL/d(previous state),
         * returned ({@link Context#recurrentBackward}).
         *
         * @param mask the step's mask column {@code [samples, 1]} and its complement {@code 1 - mask}, or null
         */
        INDArray backward(KernelList kernels, int s, INDArray state, INDArray stepDz, INDArray[] mask);

        /** Adds the kernels that run before the backward pass's first step (a cell's own accumulators zeroed). */
        default void startBackward(KernelList kernels) {
        }

        /** Adds the kernels that run after the backward pass's last step (a cell's own gradients added). */
        default void finishBackward(KernelList kernels) {
        }
    }

    /** Builds a layer type's cell on a compiled layer's arrays. */
    @FunctionalInterface
    public interface CellFactory {
        Cell create(Context context);
    }

    /**
     * The arrays of one compiled recurrent layer for one batch shape, as {@code KerasRecurrentLayerImpl}'s pass holds
     * them: the gates' pre-activations {@code z} and activations {@code a} {@code [steps, samples, columns]}, the
     * states {@code h} {@code [steps + 1, samples, units]} (the first zero).
     */
    public static final class Context {
        private final RecurrentCell cell;
        private final LayerParameters parameters;
        private final INDArray recurrent;
        private final long samples;
        private final int steps;
        private final INDArray z;
        private final INDArray a;
        private final INDArray h;
        private final Buffers buffers;
        private INDArray recurrentGradientProduct;
        private INDArray previousGradient;

        private Context(RecurrentCell cell, LayerParameters parameters, long samples, int steps, INDArray z,
                INDArray a, INDArray h, Buffers buffers) {
            this.cell = cell;
            this.parameters = parameters;
            this.recurrent = parameters.parameter(RecurrentParams.RECURRENT_KERNEL);
            this.samples = samples;
            this.steps = steps;
            this.z = z;
            this.a = a;
            this.h = h;
            this.buffers = buffers;
        }

        public RecurrentCell cell() {
            return cell;
        }

        /** The layer's parameter and gradient views. */
        public LayerParameters parameters() {
            return parameters;
        }

        /** The recurrent kernel {@code U}. */
        public INDArray recurrent() {
            return recurrent;
        }

        public long units() {
            return cell.units();
        }

        public int steps() {
            return steps;
        }

        public INDArray z() {
            return z;
        }

        public INDArray a() {
            return a;
        }

        public INDArray h() {
            return h;
        }

        public Buffers buffers() {
            return buffers;
        }

        /** Gate block {@code k} ({@code size} columns from {@code k * size}) of a matrix, the view the layer takes. */
        public INDArray block(INDArray matrix, long k, long size) {
            return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(k * size, (k + 1) * size));
        }

        /** A new c-order {@code [samples, units]} array, zero. */
        public INDArray stateArray() {
            return buffers.filled(0.0, 'c', samples, units());
        }

        /**
         * {@code h U} of step {@code s} for the first {@code count} gate blocks, into an f-order array the steps
         * share, as {@code state.mmul(block(recurrent, 0, count * units))} computes it.
         */
        public INDArray recurrentProduct(KernelList kernels, int s, int count, INDArray product) {
            kernels.op(new Mmul(h.slice(s), block(recurrent, 0, count * units()), product, 1.0, 0.0,
                    MMulTranspose.allFalse()));
            return product;
        }

        /**
         * The backward pass of {@link #recurrentProduct} of step {@code s}: adds {@code h^T dR} to the recurrent
         * kernel's gradient and returns dL/d(state) {@code dR U^T}, in an f-order array all steps share (each step
         * reads it before the next writes it).
         */
        public INDArray recurrentBackward(KernelList kernels, int s, INDArray productGradient, int count) {
            long columns = count * units();
            if (recurrentGradientProduct == null) {
                recurrentGradientProduct = buffers.array('f', units(), columns);
                previousGradient = buffers.array('f', samples, units());
            }
            INDArray gradientBlock = block(parameters.gradient(RecurrentParams.RECURRENT_KERNEL), 0, columns);
            kernels.op(new Mmul(h.slice(s).transpose(), productGradient, recurrentGradientProduct, 1.0, 0.0,
                    MMulTranspose.allFalse()));
            kernels.add(gradientBlock, recurrentGradientProduct, gradientBlock);
            kernels.op(new Mmul(productGradient, block(recurrent, 0, columns).transpose(), previousGradient, 1.0, 0.0,
                    MMulTranspose.allFalse()));
            return previousGradient;
        }

        /**
         * {@code activation}'s backprop as the layer calls it, {@code backprop(z.dup('c'), gradient.dup('c'))} with the
         * result copied into {@code target}, as one kernel from the pre-activation {@code z} (left as it is) and the
         * gradient {@code gradient} (a c-order array of the caller's) into {@code target}: the same elementwise
         * operation, checked bit for bit against the layer by {@code CompiledRecurrentTest}.
         */
        public void backprop(KernelList kernels, IActivation activation, INDArray preActivation, INDArray gradient,
                INDArray target) {
            if (ActivationKernels.of(activation).gradientPlace() == ActivationKernels.GradientPlace.INCOMING) {
                kernels.copy(gradient, target);
            } else {
                kernels.backprop(activation, preActivation, gradient, target);
            }
        }
    }

    private RecurrentSteps() {
    }

    /**
     * The compiled recurrent layer of {@code setup} with the cell {@code cells} builds.
     *
     * @throws UnsupportedOperationException for what has no compiled form: two directions, dropout in training, a
     *     preprocessor, input other than sequences
     */
    public static CompiledLayer compile(LayerSetup setup, CellFactory cells) {
        Layer layer = setup.layer();
        if (setup.preProcessor() != null) {
            throw new UnsupportedOperationException("a preprocessor before a recurrent layer has no compiled form");
        }
        if (!(layer.conf().getLayer() instanceof KerasRecurrentLayer configuration)
                || configuration.cells().size() != 1) {
            throw new UnsupportedOperationException("only a one-direction recurrent layer has a compiled form");
        }
        RecurrentCell cell = configuration.cells().get(0);
        if (setup.training() && (cell.dropout() > 0 || cell.recurrentDropout() > 0)) {
            throw new UnsupportedOperationException("a recurrent layer's dropout has no compiled form");
        }
        INDArray input = setup.input();
        if (input.rank() != 3) {
            throw new UnsupportedOperationException("a recurrent layer's compiled form takes sequences, not input of "
                    + "shape " + java.util.Arrays.toString(input.shape()));
        }
        Buffers buffers = setup.buffers();
        LayerParameters parameters = new LayerParameters(layer);
        INDArray kernel = parameters.parameter(RecurrentParams.KERNEL);
        INDArray bias = cell.useBias() ? parameters.parameter(RecurrentParams.BIAS) : null;
        long samples = input.size(0);
        int steps = (int) input.size(1);
        long features = input.size(2);
        long units = cell.units();
        long columns = cell.gateColumns();
        boolean backwards = cell.goBackwards();
        boolean returnSequences = configuration.returnSequences();

        KernelList forward = new KernelList(buffers);
        // The sequences time-major, in processing order.
        INDArray timeMajor = buffers.array('c', steps, samples, features);
        INDArray permuted = input.permute(1, 0, 2);
        inProcessingOrder(forward, permuted, timeMajor, backwards);
        INDArray mask = null;
        if (setup.mask() != null) {
            mask = buffers.array('c', steps, samples);
            inProcessingOrder(forward, setup.mask().transpose(), mask, backwards);
        }
        INDArray flat = timeMajor.reshape('c', (long) steps * samples, features);
        // x W + b of every step: the product in f order, copied into the c-order z, the bias added.
        INDArray product = buffers.array('f', (long) steps * samples, columns);
        INDArray z = buffers.array('c', steps, samples, columns);
        INDArray zRows = z.reshape('c', (long) steps * samples, columns);
        forward.op(new Mmul(flat, kernel, product, 1.0, 0.0, MMulTranspose.allFalse()));
        forward.copy(product, zRows);
        if (bias != null) {
            forward.add(zRows, bias.getRow(0, true), zRows);
        }
        INDArray a = buffers.array('c', steps, samples, columns);
        INDArray h = buffers.filled(0.0, 'c', steps + 1L, samples, units);
        Context context = new Context(cell, parameters, samples, steps, z, a, h, buffers);
        Cell stepCell = cells.create(context);
        INDArray[] maskColumns = new INDArray[steps];
        for (int s = 0; s < steps; s++) {
            maskColumns[s] = mask == null ? null : mask.slice(s).reshape('c', samples, 1);
            stepCell.forward(forward, s, maskColumns[s]);
            if (mask != null) {
                keepMasked(forward, h.slice(s + 1), h.slice(s), maskColumns[s]);
            }
        }
        INDArray output;
        if (returnSequences) {
            output = buffers.array('c', samples, steps, units);
            forward.copy(h.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 0, 2), output);
        } else {
            output = buffers.array('c', samples, units);
            forward.copy(h.slice(steps), output);
        }
        INDArray finalMask = mask;
        return CompiledLayer.of(output, forward.build(), buffers, (backward, outputGradient, inputGradientNeeded) -> {
            INDArray gradients = layer.getGradientsViewArray();
            backward.op(new ScalarSet(gradients, null, gradients, 0.0));
            INDArray stepGradients = null;
            INDArray state;
            if (returnSequences) {
                // The outputs' gradients time-major (in processing order: go_backwards returns them so).
                stepGradients = buffers.array('c', steps, samples, units);
                backward.copy(outputGradient.permute(1, 0, 2), stepGradients);
                state = context.stateArray();
                backward.op(new ScalarSet(state, null, state, 0.0));
            } else {
                state = buffers.array('c', samples, units);
                backward.copy(outputGradient, state);
            }
            stepCell.startBackward(backward);
            INDArray dz = buffers.array('c', steps, samples, columns);
            INDArray oneMinusMask = finalMask == null ? null : buffers.array('c', samples, 1);
            INDArray kept = finalMask == null ? null : buffers.array('c', samples, units);
            INDArray maskedState = finalMask == null ? null : buffers.array('c', samples, units);
            for (int s = steps - 1; s >= 0; s--) {
                if (stepGradients != null) {
                    backward.add(state, stepGradients.slice(s), state);
                }
                INDArray[] stepMask = null;
                INDArray counted = state;
                if (finalMask != null) {
                    // A padded step passes the gradient through to the state it kept.
                    backward.rsub(maskColumns[s], 1.0, oneMinusMask);
                    backward.mul(state, oneMinusMask, kept);
                    backward.mul(state, maskColumns[s], maskedState);
                    counted = maskedState;
                    stepMask = new INDArray[] {maskColumns[s], oneMinusMask};
                }
                INDArray previous = stepCell.backward(backward, s, counted, dz.slice(s), stepMask);
                if (kept != null) {
                    backward.add(previous, kept, previous);
                }
                state = previous;
            }
            // The input part of every step at once: the kernel's and the bias's gradients, and the input's.
            INDArray dzRows = dz.reshape('c', (long) steps * samples, columns);
            INDArray kernelProduct = buffers.array('f', features, columns);
            INDArray kernelGradient = parameters.gradient(RecurrentParams.KERNEL);
            backward.op(new Mmul(flat.transpose(), dzRows, kernelProduct, 1.0, 0.0, MMulTranspose.allFalse()));
            backward.add(kernelGradient, kernelProduct, kernelGradient);
            INDArray inputGradient = null;
            if (inputGradientNeeded) {
                INDArray rows = buffers.array('f', (long) steps * samples, features);
                backward.op(new Mmul(dzRows, kernel.transpose(), rows, 1.0, 0.0, MMulTranspose.allFalse()));
                INDArray inProcessing = buffers.array('c', steps, samples, features);
                backward.copy(rows, inProcessing.reshape('c', (long) steps * samples, features));
                inputGradient = buffers.array('c', samples, steps, features);
                inProcessingOrder(backward, inProcessing, inputGradient.permute(1, 0, 2), backwards);
            }
            stepCell.finishBackward(backward);
            if (bias != null) {
                INDArray sum = buffers.array('c', 1, columns);
                INDArray biasGradient = parameters.gradient(RecurrentParams.BIAS).getRow(0, true);
                backward.sum(dzRows, 0, sum);
                backward.add(biasGradient, sum, biasGradient);
            }
            return inputGradient;
        });
    }

    /** {@code to = from} along the first axis, reversed when reading backwards. */
    private static void inProcessingOrder(KernelList kernels, INDArray from, INDArray to, boolean backwards) {
        if (!backwards) {
            kernels.copy(from, to);
            return;
        }
        long steps = from.size(0);
        for (int s = 0; s < steps; s++) {
            kernels.copy(from.slice(s), to.slice((int) (steps - 1 - s)));
        }
    }

    /** {@code state = previous + mask * (state - previous)}: a padded sample keeps its previous state. */
    public static void keepMasked(KernelList kernels, INDArray state, INDArray previous, INDArray mask) {
        kernels.sub(state, previous, state);
        kernels.mul(state, mask, state);
        kernels.add(state, previous, state);
    }
}
