package io.github.keras4j.callbacks;

import io.github.keras4j.Model;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hook into {@code fit}, {@code evaluate} and {@code predict}: Keras's {@code keras.callbacks.Callback}.
 * Override the methods you need; {@link #model()} and {@link #params()} are set before training begins.
 *
 * <p>{@code logs} maps metric names to values: {@code loss}, the compiled metrics and, at epoch end,
 * {@code val_loss} and the {@code val_} metrics. Epoch and batch numbers count from 0, as in Keras.
 * Set {@code model().stopTraining(true)} to end training after the current batch.
 */
public abstract class Callback {

    private Model model;
    private Map<String, Object> params = Map.of();

    /** The model being trained, evaluated or run. */
    protected Model model() {
        return model;
    }

    /** Keras's {@code self.params}: {@code verbose}, {@code epochs} and {@code steps} of the current call. */
    protected Map<String, Object> params() {
        return params;
    }

    /** Called by the model before it uses this callback. */
    public void setModel(Model model) {
        this.model = model;
    }

    /** Called by the model before it uses this callback. */
    public void setParams(Map<String, Object> params) {
        // Keras's params may hold None (steps of an iterator of unknown length), which Map.copyOf refuses.
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public void onTrainBegin(Map<String, Double> logs) {
    }

    public void onTrainEnd(Map<String, Double> logs) {
    }

    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onTestBegin(Map<String, Double> logs) {
    }

    public void onTestEnd(Map<String, Double> logs) {
    }

    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onPredictBegin(Map<String, Double> logs) {
    }

    public void onPredictEnd(Map<String, Double> logs) {
    }

    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
    }

    /**
     * Whether this callback needs the per-batch hooks. Building per-batch logs costs time on every step, so, as
     * Keras does, the model calls batch hooks only when some callback overrides one; this default detects that.
     */
    public boolean usesBatchHooks() {
        for (String hook : new String[] {"onTrainBatchBegin", "onTrainBatchEnd", "onTestBatchBegin",
            "onTestBatchEnd", "onPredictBatchBegin", "onPredictBatchEnd"}) {
            try {
                if (getClass().getMethod(hook, int.class, Map.class).getDeclaringClass() != Callback.class) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
        }
        return false;
    }
}
