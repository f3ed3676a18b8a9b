package io.github.keras4j;

import io.github.keras4j.callbacks.Callback;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns: the value of every metric at the end of every epoch, Keras's
 * {@code keras.callbacks.History}. {@code history.history().get("loss")} is Keras's {@code history.history['loss']};
 * validation metrics are under {@code val_loss}, {@code val_accuracy}...
 */
public final class History extends Callback {

    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        epochs.clear();
        values.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        logs.forEach((name, value) -> values.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
    }

    /** A History with these recorded epochs and values, as a saved model file holds them. */
    static History restored(List<Integer> epochs, Map<String, List<Double>> values) {
        History history = new History();
        history.epochs.addAll(epochs);
        values.forEach((name, list) -> history.values.put(name, new ArrayList<>(list)));
        return history;
    }

    /** Metric name to its value per epoch, in the order the metrics were logged (Keras's {@code history.history}). */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name, Collections.unmodifiableList(new ArrayList<>(list))));
        return Collections.unmodifiableMap(copy);
    }

    /** The values of one metric per epoch. */
    public List<Double> get(String metric) {
        List<Double> list = values.get(metric);
        if (list == null) {
            throw new IllegalArgumentException("no metric '" + metric + "' in this history; it has " + values.keySet());
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** The epochs recorded, counting from 0 (Keras's {@code history.epoch}). */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(new ArrayList<>(epochs));
    }

    /** Keras's {@code history.params}: {@code verbose}, {@code epochs}, {@code steps}. */
    @Override
    public Map<String, Object> params() {
        return super.params();
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
