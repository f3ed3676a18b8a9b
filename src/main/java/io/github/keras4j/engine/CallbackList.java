package io.github.keras4j.engine;

import io.github.keras4j.History;
import io.github.keras4j.Model;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.callbacks.ProgbarLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The callbacks of one {@code fit}, {@code evaluate} or {@code predict} call, in Keras's order: the progress logger
 * first (when verbose), then the user's, then the History.
 */
final class CallbackList {

    /** No callbacks: a quiet {@code predict} or {@code evaluate} without the user's (a served request's). */
    static final CallbackList NONE = new CallbackList(null, List.of(), 0, null, Map.of());

    private final List<Callback> callbacks = new ArrayList<>();
    private final boolean batchHooks;

    CallbackList(Model model, List<Callback> userCallbacks, int verbose, History history,
            Map<String, Object> params) {
        if (verbose > 0) {
            callbacks.add(new ProgbarLogger());
        }
        callbacks.addAll(userCallbacks);
        if (history != null) {
            callbacks.add(history);
        }
        boolean anyBatchHooks = false;
        for (Callback callback : callbacks) {
            callback.setModel(model);
            callback.setParams(params);
            anyBatchHooks |= callback.usesBatchHooks();
        }
        batchHooks = anyBatchHooks;
    }

    /** Whether any callback wants per-batch calls (building per-batch logs is skipped otherwise). */
    boolean batchHooks() {
        return batchHooks;
    }

    void trainBegin() {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onTrainBegin(logs));
    }

    void trainEnd(Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTrainEnd(logs));
    }

    void epochBegin(int epoch) {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onEpochBegin(epoch, logs));
    }

    void epochEnd(int epoch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onEpochEnd(epoch, logs));
    }

    void trainBatchBegin(int batch) {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onTrainBatchBegin(batch, logs));
    }

    void trainBatchEnd(int batch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTrainBatchEnd(batch, logs));
    }

    void testBegin() {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onTestBegin(logs));
    }

    void testEnd(Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTestEnd(logs));
    }

    void testBatchBegin(int batch) {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onTestBatchBegin(batch, logs));
    }

    void testBatchEnd(int batch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTestBatchEnd(batch, logs));
    }

    void predictBegin() {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onPredictBegin(logs));
    }

    void predictEnd() {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onPredictEnd(logs));
    }

    void predictBatchBegin(int batch) {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onPredictBatchBegin(batch, logs));
    }

    void predictBatchEnd(int batch) {
        Map<String, Double> logs = Map.of();
        callbacks.forEach(c -> c.onPredictBatchEnd(batch, logs));
    }
}
