package io.github.keras4j.engine;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Model;
import io.github.keras4j.Shape;
import io.github.keras4j.TrainingDivergedException;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.engine.step.CompiledInference;
import io.github.keras4j.engine.step.CompiledTraining;
import io.github.keras4j.engine.step.LayerStep;
import io.github.keras4j.internal.ArrayInput;
import io.github.keras4j.internal.NativeThreads;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.metrics.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's {@code fit}, {@code evaluate} and {@code predict} loops around a DL4J network: batching, shuffling,
 * callbacks, the running loss and metrics, validation. Each training step is keras4j's compiled step
 * ({@link CompiledTraining}: the network's forward pass, loss, backward pass and update as ND4J operations on arrays
 * allocated once), or, when {@link Backend#compiledSteps()} is off or the network carries DL4J training listeners,
 * one {@code MultiLayerNetwork.fit(x, y)}.
 */
public final class Trainer implements InputChecks {

    private final Model model;
    private final MultiLayerNetwork network;
    private final List<Metric> metrics;
    private final DataCheck check;
    private final OutputCapture capture = new OutputCapture();
    private final Shape outputShape;
    private final boolean maskedOutput;
    /**
     * Whether every layer has a compiled form for its input: features and images always, sequences (and a timestep
     * mask) only where the layer's compiled form takes them ({@link Layer#compilesSequences}); else the model trains and
     * infers through DL4J's fit and output.
     */
    private final boolean compilable;
    private CompiledTraining compiled;
    private CompiledInference inference;

    /**
     * @param lossName the compiled loss's name, or null for a model that is not compiled (it can only predict)
     */
    Trainer(Model model, MultiLayerNetwork network, List<Metric> metrics, Shape inputShape,
            Layer firstLayer, Shape outputShape, String lastLayer, String lossName, boolean sparseLabels) {
        this.model = model;
        this.network = network;
        this.metrics = List.copyOf(metrics);
        DataType dataType = network.getLayerWiseConfigurations().getDataType();
        this.check = new DataCheck(inputShape, firstLayer, outputShape, lastLayer, lossName, sparseLabels, dataType);
        this.outputShape = outputShape;
        this.maskedOutput = Dl4jTranslator.maskedOutput(model.layers());
        this.compilable = compilable(model.layers(), inputShape, maskedOutput);
    }

    /**
     * Whether each layer's compiled form takes its input: a layer on sequences or token indices (of known or unknown
     * length, masked or not) must say so; an input of unknown size other than a sequence's length, and a masked output (whose loss leaves
     * padded timesteps out), stay with DL4J.
     */
    private static boolean compilable(List<Layer> layers, Shape inputShape, boolean maskedOutput) {
        if (inputShape == null || maskedOutput) {
            return false;
        }
        Shape shape = inputShape;
        boolean masked = false;
        for (Layer layer : layers) {
            boolean compiles;
            if (layer.type().takesIntegerInput()) {
                // Token indices (timesteps), of known or unknown length.
                compiles = layer.compilesSequences(masked);
            } else if (shape.isSequence()) {
                compiles = shape.isKnown(-1) && layer.compilesSequences(masked);
            } else {
                compiles = shape.isFullyKnown();
            }
            if (!compiles) {
                return false;
            }
            masked = layer.maskedOutput(masked);
            shape = layer.outputShape(shape);
        }
        return !shape.isSequence();
    }

    /** {@code fit} on arrays; {@code shuffleSeed} orders each epoch when {@code fit.shuffle()}. */
    public History fit(INDArray x, INDArray y, Fit fit, long shuffleSeed) {
        INDArray features = features("x", x);
        INDArray labels = check.labels("y", y, "x", features);
        INDArray mask = check.mask(features);
        double[] weights = fit.sampleWeight();
        if (weights != null && weights.length != features.size(0)) {
            throw new IllegalArgumentException("sample_weight has " + weights.length + " values but x has "
                    + features.size(0) + " rows: give one weight per sample");
        }
        int batchSize = fit.batchSize() == null ? Fit.DEFAULT_BATCH_SIZE : fit.batchSize();
        BatchSource validation = validationData(fit, batchSize);
        if (validation == null && fit.validationSplit() > 0) {
            int rows = (int) features.size(0);
            int splitAt = (int) Math.floor(rows * (1.0 - fit.validationSplit()));
            if (splitAt == 0 || splitAt == rows) {
                throw new IllegalArgumentException("Training data contains " + rows + " samples, which is not "
                        + "sufficient to split it into a validation and training set as specified by "
                        + "validation_split=" + fit.validationSplit() + ". Either provide more data, or a different "
                        + "value for validation_split.");
            }
            validation = new ArrayBatches(rowRange(features, splitAt, rows), rowRange(labels, splitAt, rows),
                    rowRange(mask, splitAt, rows), weights == null ? null : Arrays.copyOfRange(weights, splitAt, rows),
                    batchSize, null);
            features = rowRange(features, 0, splitAt);
            labels = rowRange(labels, 0, splitAt);
            mask = rowRange(mask, 0, splitAt);
            weights = weights == null ? null : Arrays.copyOf(weights, splitAt);
        }
        return run(new ArrayBatches(features, labels, mask, weights, batchSize, fit.shuffle() ? shuffleSeed : null),
                validation, fit);
    }

    /** {@code fit} on the batches of an iterator, which must support reset() for more than one epoch. */
    public History fit(DataSetIterator iterator, Fit fit) {
        return run(IteratorBatches.forFit(iterator, fit, check), validationData(fit, Fit.DEFAULT_BATCH_SIZE), fit);
    }

    /** Batches of {@code fit.validationData(x, y)}, or null when none was given. */
    private BatchSource validationData(Fit fit, int batchSize) {
        if (fit.validationX() == null) {
            return null;
        }
        INDArray validationX = features("validation x", fit.validationX());
        return new ArrayBatches(validationX,
                check.labels("validation y", fit.validationY(), "validation x", validationX), check.mask(validationX),
                null, batchSize, null);
    }

    private History run(BatchSource train, BatchSource validation, Fit fit) {
        // libnd4j's own OpenMP teams at keras4j's choice in the thread that runs every step of this fit.
        NativeThreads.openMpThreadsHere();
        History history = new History();
        CallbackList callbacks = callbacks(fit.callbacks(), fit.verbose(), fit.epochs(), train.steps(), history);
        RunningMetrics running = new RunningMetrics(metrics);
        boolean weighted = LossWeights.needed(fit, maskedOutput);
        DataType dataType = network.getLayerWiseConfigurations().getDataType();
        LossWeights weights = new LossWeights(weighted, fit.classWeight(), check.labelColumns(), dataType);
        // Keras weights validation losses by the validation samples' own weights only, never by class.
        LossWeights validationWeights = new LossWeights(weighted, null, check.labelColumns(), dataType);
        model.stopTraining(false);
        CompiledTraining step = compiledTraining();
        if (step != null) {
            return train(train, validation, fit, history, callbacks, running, weights, validationWeights, step);
        }
        if (!network.getListeners().contains(capture)) {
            network.addListeners(capture);
        }
        // Without metrics only the loss is logged, which DL4J's score already gives: no extra output-layer pass.
        capture.enabled(!metrics.isEmpty());
        Dl4jTranslator.weighSamples(network, weighted);
        Dl4jTranslator.inputGradientNeeded(network, false);
        try {
            return train(train, validation, fit, history, callbacks, running, weights, validationWeights, null);
        } finally {
            Dl4jTranslator.inputGradientNeeded(network, true);
            Dl4jTranslator.weighSamples(network, false);
        }
    }

    /**
     * The compiled step of this network, or null when DL4J's fit must run: compiled steps are off, the network
     * carries DL4J training listeners, a layer has no compiled form for its input (sequences, a mask), or a part of
     * the model has no compiled form.
     */
    private CompiledTraining compiledTraining() {
        if (network.getListeners().contains(capture)) {
            List<org.deeplearning4j.optimize.api.TrainingListener> others = new ArrayList<>(network.getListeners());
            others.remove(capture);
            network.setListeners(others);
        }
        if (!Backend.compiledSteps() || !network.getListeners().isEmpty() || !compilable) {
            return null;
        }
        try {
            if (compiled == null || !compiled.isCurrent()) {
                compiled = CompiledTraining.of(network, layerSteps(), model.inputShape(), check.labelColumns());
            }
            return compiled;
        } catch (UnsupportedOperationException notCompiled) {
            return null;
        }
    }

    /**
     * The compiled inference of this network, or null when DL4J's {@code output} and {@code score} must run:
     * compiled steps are off, the network carries DL4J training listeners (which DL4J's forward pass calls), or a
     * part of the model has no compiled form. Threads predicting at once share it (each has its own buffers).
     */
    private synchronized CompiledInference compiledInference() {
        if (!Backend.compiledSteps() || !compilable || hasListenersBesidesCapture()) {
            return null;
        }
        try {
            if (inference == null || !inference.isCurrent()) {
                inference = CompiledInference.of(network, layerSteps(), model.inputShape(), check.labelColumns());
            }
            return inference;
        } catch (UnsupportedOperationException notCompiled) {
            return null;
        }
    }

    /** Whether the network carries a DL4J listener other than keras4j's output capture (a loop: predict's hot path). */
    private boolean hasListenersBesidesCapture() {
        for (org.deeplearning4j.optimize.api.TrainingListener listener : network.getListeners()) {
            if (listener != capture) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each layer's compiled forward and backward pass, by DL4J layer index. A layer gets the batch's timestep mask
     * where DL4J's gets it: when its input is masked or it makes the mask (an {@code Embedding} with {@code mask_zero});
     * after a layer that consumes the mask (a global pooling, a recurrent layer's last output) none does.
     */
    private List<LayerStep> layerSteps() {
        List<LayerStep> steps = new ArrayList<>();
        boolean masked = false;
        for (Layer layer : model.layers()) {
            boolean maskedInput = masked;
            masked = layer.maskedOutput(maskedInput);
            steps.add(maskedInput || masked ? layer::compile : setup -> layer.compile(setup.withoutMask()));
        }
        return steps;
    }

    private History train(BatchSource train, BatchSource validation, Fit fit, History history,
            CallbackList callbacks, RunningMetrics running, LossWeights weights, LossWeights validationWeights,
            CompiledTraining compiledStep) {
        boolean batchHooks = callbacks.batchHooks();
        return epochs(fit, history, callbacks, validation, validationWeights, () -> running.logs(""), epoch -> {
            running.reset();
            train.startEpoch(network.getEpochCount());
            // As in Keras, stop_training is read after each batch and each epoch, so every epoch runs a batch.
            for (int step = 0; train.hasNext(); step++) {
                Batch batch = train.next();
                if (batchHooks) {
                    callbacks.trainBatchBegin(step);
                }
                double loss;
                INDArray output;
                if (compiledStep != null) {
                    loss = compiledStep.fit(batch.features(), batch.labelRows(), batch.mask(),
                            weights.rowWeights(batch));
                    output = metrics.isEmpty() ? null : compiledStep.lastOutput();
                } else {
                    network.fit(batch.features(), weights.labels(batch), batch.mask(), null);
                    loss = network.score();
                    output = capture.enabled() ? capture.lastOutput() : null;
                }
                if (output == null) {
                    running.update(loss, batch.rows(), null, check.labelColumns(), null, 0);
                } else {
                    running.update(loss, batch.rows(), batch.labelValues(), check.labelColumns(),
                            ArrayInput.rowMajor(output), (int) output.columns(), batch.labelRowMask());
                }
                if (batchHooks) {
                    callbacks.trainBatchEnd(step, running.logs(""));
                }
                // A callback such as TerminateOnNaN may have stopped training gracefully; otherwise a
                // diverged loss is an error, not hours of NaN training.
                if (!Double.isFinite(loss) && !model.stopTraining()) {
                    throw new TrainingDivergedException(loss, epoch + 1, fit.epochs(), step + 1,
                            train.steps() == null ? -1 : train.steps(), history);
                }
                if (model.stopTraining()) {
                    break;
                }
            }
            if (!running.hasSamples()) {
                throw new IllegalStateException("epoch " + (epoch + 1) + " had no batches: the training data "
                        + "is empty (an exhausted iterator?)");
            }
            return running.logs("");
        });
    }

    /**
     * Checks a batch given from elsewhere (the first element of a Spark RDD) against the model's input and output
     * sizes, with the errors {@code fit} gives for arrays.
     */
    @Override
    public void checkBatch(String what, INDArray features, INDArray labels) {
        INDArray checked = check.features(what + " features", features);
        check.labels(what + " labels", labels, what + " features", checked);
    }

    /** The labels for these features, checked against the model's output. */
    @Override
    public INDArray checkedLabels(String what, INDArray y, String featuresName, INDArray features) {
        return check.labels(what, y, featuresName, features);
    }

    /** Trains one epoch and returns its loss and metrics (without the validation ones). */
    @FunctionalInterface
    private interface EpochTraining {
        Map<String, Double> train(int epoch);
    }

    /**
     * Keras's {@code fit} loop around epochs trained by a distribution strategy (DL4J's Spark training): the epoch log
     * and callbacks at epoch boundaries, validation on {@code fit.validationData} after each epoch, {@code
     * stop_training} read after each epoch; each epoch is handed to the strategy, which refuses the options it cannot
     * honour when the fit starts. Per-batch callback hooks are not called: the batches run on the workers.
     */
    public History fit(DistributionStrategy strategy, Fit fit) {
        try (DistributionStrategy.DistributedFit distributed = strategy.startFit(model, this, fit)) {
            BatchSource validation = validationData(fit, fit.batchSize() == null ? Fit.DEFAULT_BATCH_SIZE
                    : fit.batchSize());
            int steps = distributed.steps();
            History history = new History();
            CallbackList callbacks = callbacks(fit.callbacks(), fit.verbose(), fit.epochs(), steps, history);
            model.stopTraining(false);
            Map<String, Double> none = Map.of();
            return epochs(fit, history, callbacks, validation, LossWeights.NONE, () -> none, epoch -> {
                // A strategy's workers may count the epoch as it ends (DL4J's Spark fit does); this loop counts it
                // after the epoch's callbacks, so that a ModelCheckpoint saves the same epoch count as on one machine.
                MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
                int epochCount = configuration.getEpochCount();
                Map<String, Double> logs = distributed.trainEpoch(epoch);
                configuration.setEpochCount(epochCount);
                Double loss = logs.get("loss");
                if (loss != null && !Double.isFinite(loss) && !model.stopTraining()) {
                    throw new TrainingDivergedException(loss, epoch + 1, fit.epochs(), steps, steps, history);
                }
                return logs;
            });
        }
    }

    /** Keras's {@code evaluate} on data a distribution strategy scores on its workers. */
    public double[] evaluate(DistributionStrategy strategy) {
        return strategy.evaluate(model, this);
    }

    /** The epochs of a fit: callbacks, validation, epoch count, stop_training; {@code partialLogs} on failure. */
    private History epochs(Fit fit, History history, CallbackList callbacks, BatchSource validation,
            LossWeights validationWeights, Supplier<Map<String, Double>> partialLogs, EpochTraining training) {
        boolean batchHooks = callbacks.batchHooks();
        callbacks.trainBegin();
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        try {
            for (int epoch = fit.initialEpoch(); epoch < fit.epochs(); epoch++) {
                callbacks.epochBegin(epoch);
                epochLogs = new LinkedHashMap<>(training.train(epoch));
                if (validation != null) {
                    epochLogs.putAll(evaluate(validation, callbacks, batchHooks, "val_", validationWeights));
                }
                callbacks.epochEnd(epoch, epochLogs);
                network.incrementEpochCount();
                if (model.stopTraining()) {
                    break;
                }
            }
        } catch (RuntimeException | Error failure) {
            // Callbacks still get their train-end hook (a CSVLogger closes its file), but the first failure wins.
            try {
                callbacks.trainEnd(partialLogs.get());
            } catch (RuntimeException | Error second) {
                failure.addSuppressed(second);
            }
            throw failure;
        }
        callbacks.trainEnd(epochLogs);
        return history;
    }

    /** Keras's {@code evaluate}: the loss and every metric over {@code x, y}, in {@code metricsNames()} order. */
    public double[] evaluate(INDArray x, INDArray y, int batchSize, int verbose) {
        INDArray features = features("x", x);
        INDArray labels = check.labels("y", y, "x", features);
        return evaluate(new ArrayBatches(features, labels, check.mask(features), null, batchSize, null), verbose);
    }

    /** Keras's {@code evaluate} on the batches of an iterator (streamed; it scales its features itself). */
    public double[] evaluate(DataSetIterator batches, int verbose) {
        return evaluate(new IteratorBatches(batches, check), verbose);
    }

    private double[] evaluate(BatchSource source, int verbose) {
        NativeThreads.openMpThreadsHere();
        CallbackList callbacks = callbacks(List.of(), verbose, 1, source.steps(), null);
        if (!maskedOutput) {
            Map<String, Double> logs = evaluate(source, callbacks, callbacks.batchHooks(), "", LossWeights.NONE);
            return logs.values().stream().mapToDouble(Double::doubleValue).toArray();
        }
        // Padded timesteps weigh 0 in the loss. The network's loss reads the weights while this evaluation runs, one
        // thread at a time (threads evaluating side by side would switch it under each other).
        synchronized (network) {
            Dl4jTranslator.weighSamples(network, true);
            try {
                Map<String, Double> logs = evaluate(source, callbacks, callbacks.batchHooks(), "", new LossWeights(
                        true, null, check.labelColumns(), network.getLayerWiseConfigurations().getDataType()));
                return logs.values().stream().mapToDouble(Double::doubleValue).toArray();
            } finally {
                Dl4jTranslator.weighSamples(network, false);
            }
        }
    }

    private Map<String, Double> evaluate(BatchSource source, CallbackList callbacks, boolean batchHooks,
            String prefix, LossWeights weights) {
        RunningMetrics running = new RunningMetrics(metrics);
        CompiledInference compiledInference = compiledInference();
        source.startEpoch(0);
        callbacks.testBegin();
        for (int step = 0; source.hasNext(); step++) {
            Batch batch = source.next();
            if (batchHooks) {
                callbacks.testBatchBegin(step);
            }
            double loss;
            INDArray output;
            if (compiledInference != null) {
                loss = compiledInference.evaluate(batch.features(), batch.mask(), batch.labelRows(),
                        weights.rowWeights(batch));
                output = compiledInference.lastOutput();
            } else {
                BatchScore score;
                synchronized (network) {
                    score = BatchScore.of(network, batch.features(), weights.labels(batch), batch.mask());
                }
                loss = score.loss();
                output = score.output();
            }
            running.update(loss, batch.rows(), batch.labelValues(), check.labelColumns(),
                    ArrayInput.rowMajor(output), (int) output.columns(), batch.labelRowMask());
            if (batchHooks) {
                callbacks.testBatchEnd(step, running.logs(""));
            }
        }
        Map<String, Double> logs = running.logs("");
        callbacks.testEnd(logs);
        return prefix.isEmpty() ? logs : running.logs(prefix);
    }

    /** Keras's {@code predict}: the model's outputs for {@code x}, computed {@code batchSize} rows at a time. */
    public INDArray predict(INDArray x, int batchSize, int verbose) {
        NativeThreads.openMpThreadsHere();
        INDArray features = features("x", x);
        INDArray mask = check.mask(features);
        long rows = features.size(0);
        int steps = (int) ((rows + batchSize - 1) / batchSize);
        CallbackList callbacks = callbacks(List.of(), verbose, 1, steps, null);
        boolean batchHooks = callbacks.batchHooks();
        callbacks.predictBegin();
        CompiledInference compiledInference = compiledInference();
        List<INDArray> outputs = compiledInference == null ? new ArrayList<>(steps) : null;
        INDArray predictions = null;
        for (int step = 0; step < steps; step++) {
            if (batchHooks) {
                callbacks.predictBatchBegin(step);
            }
            long start = (long) step * batchSize;
            long end = Math.min(rows, start + batchSize);
            if (compiledInference != null) {
                // The compiled plan copies its batch in from any layout: a view of the rows, no copy of them.
                INDArray batch = steps == 1 ? features : ArrayBatches.sampleRange(features, start, end);
                INDArray batchMask = steps == 1 || mask == null ? mask : ArrayBatches.sampleRange(mask, start, end);
                predictions = compiledInference.predict(batch, batchMask, predictions, rows, start);
            } else {
                INDArray batch = steps == 1 ? features : rowRange(features, start, end);
                INDArray batchMask = steps == 1 ? mask : rowRange(mask, start, end);
                outputs.add(dl4jOutput(batch, batchMask));
            }
            if (batchHooks) {
                callbacks.predictBatchEnd(step);
            }
        }
        callbacks.predictEnd();
        if (predictions != null) {
            return predictions;
        }
        return outputs.size() == 1 ? outputs.get(0) : Nd4j.concat(0, outputs.toArray(new INDArray[0]));
    }

    /**
     * DL4J's forward pass at inference, one thread at a time (DL4J's network keeps its layers' inputs), with the
     * batch's timestep mask when the model masks; a sequence output comes from DL4J as one row per timestep and goes
     * back to {@code [samples, timesteps, units]}.
     */
    private INDArray dl4jOutput(INDArray batch, INDArray batchMask) {
        INDArray output;
        synchronized (network) {
            output = batchMask == null ? network.output(batch, false) : network.output(batch, false, batchMask, null);
        }
        return outputShape.isSequence() ? output.reshape('c', batch.size(0), output.rows() / batch.size(0),
                output.columns()) : output;
    }

    /** Keras's callbacks of one fit, evaluate or predict, with Keras's {@code params}. */
    private CallbackList callbacks(List<Callback> userCallbacks, int verbose, int epochs, Integer steps,
            History history) {
        if (userCallbacks.isEmpty() && verbose <= 0 && history == null) {
            return CallbackList.NONE;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", verbose);
        params.put("epochs", epochs);
        params.put("steps", steps);
        return new CallbackList(model, userCallbacks, verbose, history, params);
    }

    /** Features checked against the model's input (a Normalization layer in the model scales them). */
    @Override
    public INDArray features(String what, INDArray x) {
        return check.features(what, x);
    }

    /** Samples {@code from} to {@code to} of an array of any rank (null for none). */
    private static INDArray rowRange(INDArray samples, long from, long to) {
        return samples == null ? null : ArrayBatches.sampleRange(samples, from, to).dup('c');
    }
}
