package io.github.keras4j.engine.step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * keras4j's training step for one DL4J network: what {@code MultiLayerNetwork.fit(x, y)} computes (forward pass,
 * loss, backward pass, division by the batch size, penalties, updater, parameter update, iteration count), as ND4J
 * kernels on arrays allocated once per batch size, reading and writing the network's own flat parameter, gradient and
 * updater-state arrays. Nothing is allocated per step once a batch size has been seen.
 *
 * <p>The numbers are DL4J's: every kernel runs the ND4J operation DL4J's code runs at that point, on arrays of the
 * same shapes and orders. The network stays a valid DL4J network: DL4J's own fit may continue from where this step
 * left it (and the other way round), and saving, {@code network()} and Spark see the same state.
 */
public final class CompiledTraining {

    /** Steps run by any compiled training, so that tests can tell which path trained. */
    private static final java.util.concurrent.atomic.LongAdder STEPS_RUN = new java.util.concurrent.atomic.LongAdder();

    /** The compiled steps call libnd4j's CPU build directly; other backends (CUDA) train through DL4J's fit. */
    private static final String CPU_EXECUTIONER = "org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner";

    private final MultiLayerNetwork network;
    private final List<LayerStep> steps;
    private final Buffers buffers;
    private final StepCounters counters;
    private final Map<Long, BatchPlan> plans = new HashMap<>();
    private final List<INDArray> minibatchDivided;
    private final INDArray flatGradient;
    private final INDArray flatParameters;
    private final ScoreKernel regularizationScore;
    private final Map<Integer, Kernel> divisions = new HashMap<>();
    private UpdaterPart updater;
    private BatchPlan last;

    private CompiledTraining(MultiLayerNetwork network, List<LayerStep> steps) {
        this.network = network;
        this.steps = List.copyOf(steps);
        this.buffers = new Buffers(network.getLayerWiseConfigurations().getDataType());
        this.counters = new StepCounters(network.getLayerWiseConfigurations());
        if (network.getFlattenedGradients() == null) {
            network.initGradientsView();
        }
        this.flatGradient = network.getFlattenedGradients();
        this.flatParameters = network.params();
        this.minibatchDivided = network.conf().isMiniBatch() ? minibatchDivisionSubsets() : List.of();
        this.regularizationScore = RegularizationStep.score(List.of(network.getLayers()), buffers);
        this.updater = new UpdaterPart(network, buffers);
    }

    /**
     * The compiled training of {@code network}, whose layer {@code i} has the compiled form {@code steps.get(i)}
     * (a trailing DL4J loss layer has none), for samples of {@code sampleShape} (without the batch axis) and labels of
     * {@code labelColumns} columns.
     *
     * @throws UnsupportedOperationException naming what has no compiled form
     */
    public static CompiledTraining of(MultiLayerNetwork network, List<LayerStep> steps, long[] sampleShape,
            long labelColumns) {
        requireCpu();
        if (!network.getListeners().isEmpty()) {
            throw new UnsupportedOperationException("the network has DL4J training listeners, which only DL4J's "
                    + "fit calls");
        }
        if (network.numParams() == 0) {
            throw new UnsupportedOperationException("the network has no parameters");
        }
        CompiledTraining training = new CompiledTraining(network, steps);
        // Compiling a one-row batch finds anything without a compiled form before the first step.
        checkOneRow(sampleShape, () -> training.check(batchShape(1, sampleShape), false, labelColumns, false));
        return training;
    }

    /**
     * Runs the check that compiles a one-row batch. Sequences of unknown length are checked at length 1, which may be
     * too short for the model (a Conv1D's kernel): only a missing compiled form counts then, and a batch of the
     * data's real length fails as DL4J's would where it really is too short.
     */
    static void checkOneRow(long[] sampleShape, Runnable check) {
        try {
            check.run();
        } catch (UnsupportedOperationException noCompiledForm) {
            throw noCompiledForm;
        } catch (RuntimeException tooShort) {
            if (java.util.Arrays.stream(sampleShape).allMatch(size -> size > 0)) {
                throw tooShort;
            }
        }
    }

    /**
     * Whether this step still reads and writes the network's arrays: DL4J's {@code init} replaces them, and a DL4J
     * training listener added since needs DL4J's fit.
     */
    public boolean isCurrent() {
        return network.params() == flatParameters && network.getFlattenedGradients() == flatGradient
                && network.getListeners().isEmpty();
    }

    /** Checks that batches of this shape compile (building their plan now), or throws naming what does not. */
    public void check(long[] featureShape, boolean masked, long labelColumns, boolean weighted) {
        plan(featureShape, masked, labelColumns, weighted);
    }

    /**
     * One training step on a batch, as {@code network.fit(features, labels, mask, null)}, with the batch's timestep
     * mask (null for none) and Keras's sample weights when given (one per row).
     *
     * @return the batch's loss as DL4J's {@code score()}: the mean loss plus the regularization penalty
     */
    public double fit(INDArray features, INDArray labels, double[] sampleWeights) {
        return fit(features, labels, null, sampleWeights);
    }

    /** As {@link #fit(INDArray, INDArray, double[])}, with the batch's timestep mask (null for none). */
    public synchronized double fit(INDArray features, INDArray labels, INDArray mask, double[] sampleWeights) {
        BatchPlan plan = plan(features.shape(), mask != null, labels.size(1), sampleWeights != null);
        double score = plan.run(features, mask, labels, sampleWeights);
        if (network.conf().isMiniBatch()) {
            score /= plan.rows();
        }
        score += regularizationScore.run();
        update(plan.rows());
        network.setScore(score);
        last = plan;
        STEPS_RUN.increment();
        return score;
    }

    /**
     * Keras's output for the last batch trained (the output layer's activation of its pre-activation), in an array
     * of this step's that the next step overwrites.
     */
    public INDArray lastOutput() {
        return last.output();
    }

    /** Throws unless ND4J runs on its CPU backend, whose native library the kernels call. */
    static void requireCpu() {
        if (!CPU_EXECUTIONER.equals(Nd4j.getExecutioner().getClass().getName())) {
            throw new UnsupportedOperationException("compiled steps run on ND4J's CPU backend; this is "
                    + Nd4j.getExecutioner().getClass().getName());
        }
    }

    /** The shape of a batch of {@code rows} samples of {@code sampleShape}, an unknown size (a sequence's) taken as 1. */
    static long[] batchShape(long rows, long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = rows;
        for (int axis = 0; axis < sampleShape.length; axis++) {
            shape[axis + 1] = sampleShape[axis] < 1 ? 1 : sampleShape[axis];
        }
        return shape;
    }

    /**
     * The key of a batch shape's plan: its rows and, for sequences (and token indices), its timesteps (a model on
     * sequences of unknown length gets a plan per length), whether it is masked and weighted.
     */
    static long planKey(long[] featureShape, boolean masked, boolean weighted) {
        // Token indices [samples, timesteps] of unknown length too; features' second size never changes.
        long timesteps = featureShape.length == 2 || featureShape.length == 3 ? featureShape[1] : 0;
        return ((featureShape[0] << 24 | timesteps) << 2) | (masked ? 2 : 0) | (weighted ? 1 : 0);
    }

    static long stepsRun() {
        return STEPS_RUN.sum();
    }

    private void update(int rows) {
        org.deeplearning4j.nn.api.Updater current = network.getUpdater();
        if (!updater.boundTo(current)) {
            updater = new UpdaterPart(network, buffers);
        }
        divisions.computeIfAbsent(rows, this::division).run();
        updater.apply(counters.iteration(), counters.epoch());
        // DL4J's step function: params = params - update, as BLAS axpy with alpha -1.
        Nd4j.getBlasWrapper().level1().axpy(flatGradient.length(), -1.0, flatGradient, flatParameters);
        counters.advance();
    }

    private Kernel division(int rows) {
        List<Kernel> kernels = new ArrayList<>();
        for (INDArray subset : minibatchDivided) {
            kernels.add(Kernels.of(new ScalarDivision(subset, null, subset, rows)));
        }
        return Kernel.sequence(kernels.toArray(new Kernel[0]));
    }

    private BatchPlan plan(long[] featureShape, boolean masked, long labelColumns, boolean weighted) {
        long key = planKey(featureShape, masked, weighted);
        BatchPlan plan = plans.get(key);
        if (plan == null) {
            plan = new BatchPlan(network, steps, featureShape.clone(), masked, labelColumns, weighted,
                    BatchPlan.Mode.TRAIN, buffers, counters);
            plans.put(key, plan);
        }
        return plan;
    }

    /**
     * The parts of the flat gradient that DL4J divides by the batch size: all but the parameters a layer updates
     * itself (BatchNormalization's moving statistics), as {@code BaseMultiLayerUpdater.getMinibatchDivisionSubsets}.
     */
    private List<INDArray> minibatchDivisionSubsets() {
        INDArray from = flatGradient.reshape(flatGradient.length());
        List<INDArray> out = new ArrayList<>();
        long paramsSoFar = 0;
        long currentStart = 0;
        long currentEnd = 0;
        for (Layer layer : network.getLayers()) {
            Trainable trainable = layer;
            Map<String, INDArray> paramTable = trainable.paramTable(false);
            for (Map.Entry<String, INDArray> entry : paramTable.entrySet()) {
                long length = entry.getValue().length();
                if (trainable.updaterDivideByMinibatch(entry.getKey())) {
                    currentEnd += length;
                } else {
                    if (currentEnd > currentStart) {
                        out.add(from.get(NDArrayIndex.interval(currentStart, currentEnd)));
                    }
                    currentStart = paramsSoFar + length;
                    currentEnd = currentStart;
                }
                paramsSoFar += length;
            }
        }
        if (currentEnd > currentStart && currentStart < from.length()) {
            out.add(from.get(NDArrayIndex.interval(currentStart, currentEnd)));
        }
        return out;
    }
}
