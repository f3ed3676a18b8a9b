package io.github.keras4j.callbacks;

import java.util.Map;

/**
 * A callback made of lambdas, Keras's {@code keras.callbacks.LambdaCallback}, with its six hooks:
 * <pre>{@code
 * new LambdaCallback()
 *         .onBatchBegin((batch, logs) -> System.out.println(batch))
 *         .onEpochEnd((epoch, logs) -> lossLog.println(epoch + "," + logs.get("loss")))
 *         .onTrainEnd(logs -> lossLog.close());
 * }</pre>
 * Every hook is unset by default (does nothing). As in Keras, {@code onBatchBegin} and {@code onBatchEnd} are
 * called for training batches only (Keras's {@code on_batch_*} are its {@code on_train_batch_*}); when neither is
 * set, {@code fit} builds no per-batch logs for this callback. Keras's extra keyword hooks ({@code on_test_begin=...})
 * are not offered: extend {@link Callback} for those. Each setter returns a new callback with that hook replaced.
 */
public final class LambdaCallback extends Callback {

    /** A hook given an epoch or batch index (from 0) and the logs: Keras's {@code lambda epoch, logs: ...}. */
    @FunctionalInterface
    public interface IndexHook {
        void call(int index, Map<String, Double> logs);
    }

    /** A hook given the logs only: Keras's {@code lambda logs: ...}. */
    @FunctionalInterface
    public interface LogsHook {
        void call(Map<String, Double> logs);
    }

    private final IndexHook epochBegin;
    private final IndexHook epochEnd;
    private final IndexHook batchBegin;
    private final IndexHook batchEnd;
    private final LogsHook trainBegin;
    private final LogsHook trainEnd;

    /** A callback with no hooks set; add them with the fluent setters. */
    public LambdaCallback() {
        this(null, null, null, null, null, null);
    }

    private LambdaCallback(IndexHook epochBegin, IndexHook epochEnd, IndexHook batchBegin, IndexHook batchEnd,
            LogsHook trainBegin, LogsHook trainEnd) {
        this.epochBegin = epochBegin;
        this.epochEnd = epochEnd;
        this.batchBegin = batchBegin;
        this.batchEnd = batchEnd;
        this.trainBegin = trainBegin;
        this.trainEnd = trainEnd;
    }

    /** Keras's {@code on_epoch_begin(epoch, logs)}. */
    public LambdaCallback onEpochBegin(IndexHook hook) {
        return new LambdaCallback(hook, epochEnd, batchBegin, batchEnd, trainBegin, trainEnd);
    }

    /** Keras's {@code on_epoch_end(epoch, logs)}. */
    public LambdaCallback onEpochEnd(IndexHook hook) {
        return new LambdaCallback(epochBegin, hook, batchBegin, batchEnd, trainBegin, trainEnd);
    }

    /** Keras's {@code on_batch_begin(batch, logs)}, for training batches. */
    public LambdaCallback onBatchBegin(IndexHook hook) {
        return new LambdaCallback(epochBegin, epochEnd, hook, batchEnd, trainBegin, trainEnd);
    }

    /** Keras's {@code on_batch_end(batch, logs)}, for training batches. */
    public LambdaCallback onBatchEnd(IndexHook hook) {
        return new LambdaCallback(epochBegin, epochEnd, batchBegin, hook, trainBegin, trainEnd);
    }

    /** Keras's {@code on_train_begin(logs)}. */
    public LambdaCallback onTrainBegin(LogsHook hook) {
        return new LambdaCallback(epochBegin, epochEnd, batchBegin, batchEnd, hook, trainEnd);
    }

    /** Keras's {@code on_train_end(logs)}. */
    public LambdaCallback onTrainEnd(LogsHook hook) {
        return new LambdaCallback(epochBegin, epochEnd, batchBegin, batchEnd, trainBegin, hook);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (epochBegin != null) {
            epochBegin.call(epoch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (epochEnd != null) {
            epochEnd.call(epoch, logs);
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        if (batchBegin != null) {
            batchBegin.call(batch, logs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (batchEnd != null) {
            batchEnd.call(batch, logs);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (trainBegin != null) {
            trainBegin.call(logs);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (trainEnd != null) {
            trainEnd.call(logs);
        }
    }

    @Override
    public boolean usesBatchHooks() {
        return batchBegin != null || batchEnd != null;
    }

    @Override
    public String toString() {
        return "LambdaCallback(on_epoch_begin=" + (epochBegin != null) + ", on_epoch_end=" + (epochEnd != null)
                + ", on_batch_begin=" + (batchBegin != null) + ", on_batch_end=" + (batchEnd != null)
                + ", on_train_begin=" + (trainBegin != null) + ", on_train_end=" + (trainEnd != null) + ")";
    }
}
