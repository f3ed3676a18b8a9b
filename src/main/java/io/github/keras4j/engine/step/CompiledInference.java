package io.github.keras4j.engine.step;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * keras4j's inference step for one DL4J network: {@code predict}'s outputs and {@code evaluate}'s loss (with
 * Keras's sample weights) as DL4J's {@code output(x, false)} and {@code score} compute them, from kernels on arrays
 * allocated once per batch size. Several threads may infer at once: each has its own arrays and kernels (the
 * parameters are only read).
 */
public final class CompiledInference {

    private final MultiLayerNetwork network;
    private final List<LayerStep> steps;
    private final long labelColumns;
    /** Batches predicted or evaluated through compiled inference in this JVM (tests check which path ran). */
    private static final LongAdder BATCHES_RUN = new LongAdder();

    private final INDArray flatParameters;
    private final ThreadLocal<ThreadPlans> threadPlans;

    /** One thread's plans, the regularization score's kernels and its last evaluated plan. */
    private final class ThreadPlans {
        final Buffers buffers = new Buffers(network.getLayerWiseConfigurations().getDataType());
        final Map<Long, BatchPlan> plans = new HashMap<>();
        final ScoreKernel regularization = RegularizationStep.score(List.of(network.getLayers()), buffers);
        BatchPlan last;

        BatchPlan plan(long[] featureShape, boolean masked, boolean weighted, BatchPlan.Mode mode) {
            long key = CompiledTraining.planKey(featureShape, masked, weighted) * 2
                    + (mode == BatchPlan.Mode.PREDICT ? 1 : 0);
            BatchPlan plan = plans.get(key);
            if (plan == null) {
                plan = new BatchPlan(network, steps, featureShape.clone(), masked, labelColumns, weighted, mode,
                        buffers,
                        new StepCounters(network.getLayerWiseConfigurations()));
                plans.put(key, plan);
            }
            return plan;
        }
    }

    private CompiledInference(MultiLayerNetwork network, List<LayerStep> steps, long labelColumns) {
        this.network = network;
        this.steps = List.copyOf(steps);
        this.labelColumns = labelColumns;
        this.flatParameters = network.params();
        this.threadPlans = ThreadLocal.withInitial(ThreadPlans::new);
    }

    /**
     * The compiled inference of {@code network} (see {@link CompiledTraining#of} for the arguments).
     *
     * @throws UnsupportedOperationException naming what has no compiled form
     */
    public static CompiledInference of(MultiLayerNetwork network, List<LayerStep> steps, long[] sampleShape,
            long labelColumns) {
        CompiledTraining.requireCpu();
        CompiledInference inference = new CompiledInference(network, steps, labelColumns);
        long[] featureShape = CompiledTraining.batchShape(1, sampleShape);
        CompiledTraining.checkOneRow(sampleShape, () -> {
            inference.threadPlans.get().plan(featureShape, false, false, BatchPlan.Mode.EVALUATE);
            inference.threadPlans.get().plan(featureShape, false, false, BatchPlan.Mode.PREDICT);
        });
        return inference;
    }

    static long batchesRun() {
        return BATCHES_RUN.sum();
    }

    /** Whether this step still reads the network's parameters (DL4J's {@code init} replaces them). */
    public boolean isCurrent() {
        return network.params() == flatParameters;
    }

    /** {@code network.output(features, false)}, into a new array. */
    public INDArray predict(INDArray features) {
        return predict(features, null);
    }

    /** {@code network.output(features, false, mask, null)} with the batch's timestep mask (or null), into a new array. */
    public INDArray predict(INDArray features, INDArray mask) {
        BatchPlan plan = forward(features, mask);
        return plan.newOutput();
    }

    /**
     * One batch of a prediction of {@code allRows} rows: its outputs go into {@code into} from row {@code firstRow}
     * on; a null {@code into} is first created (c order, the batch's output shape with {@code allRows} rows). Returns
     * {@code into}. One array for the whole prediction, where a copy per batch and their concatenation made
     * {@code steps + 1}.
     */
    public INDArray predict(INDArray features, INDArray mask, INDArray into, long allRows, long firstRow) {
        if (into == null && features.size(0) == allRows) {
            return predict(features, mask);
        }
        INDArray output = forward(features, mask).output();
        if (output.size(0) != features.size(0)) {
            throw new IllegalStateException("the compiled output has " + output.size(0) + " rows for a batch of "
                    + features.size(0));
        }
        INDArray result = into;
        if (result == null) {
            long[] shape = output.shape().clone();
            shape[0] = allRows;
            result = Buffers.outsideWorkspaces(output.dataType(), 'c', shape);
        }
        ResultArrays.copyRows(output, result, firstRow);
        return result;
    }

    private BatchPlan forward(INDArray features, INDArray mask) {
        BatchPlan plan = threadPlans.get().plan(features.shape(), mask != null, false, BatchPlan.Mode.PREDICT);
        plan.forward(features, mask);
        BATCHES_RUN.increment();
        return plan;
    }

    /**
     * The batch's loss as DL4J's {@code score(dataSet, false)} gives it (the mean loss, weighted by {@code
     * sampleWeights} unless null, plus the regularization penalty); {@link #lastOutput()} then holds the outputs.
     */
    public double evaluate(INDArray features, INDArray labels, double[] sampleWeights) {
        return evaluate(features, null, labels, sampleWeights);
    }

    /** As {@link #evaluate(INDArray, INDArray, double[])}, with the batch's timestep mask (or null). */
    public double evaluate(INDArray features, INDArray mask, INDArray labels, double[] sampleWeights) {
        ThreadPlans thread = threadPlans.get();
        BatchPlan plan = thread.plan(features.shape(), mask != null, sampleWeights != null, BatchPlan.Mode.EVALUATE);
        double score = plan.run(features, mask, labels, sampleWeights);
        if (network.conf().isMiniBatch()) {
            score /= plan.rows();
        }
        thread.last = plan;
        BATCHES_RUN.increment();
        return score + thread.regularization.run();
    }

    /** Keras's outputs of this thread's last evaluated batch, in an array the thread's next evaluation overwrites. */
    public INDArray lastOutput() {
        return threadPlans.get().last.output();
    }
}
