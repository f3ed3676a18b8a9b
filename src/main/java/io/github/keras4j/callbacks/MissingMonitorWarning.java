package io.github.keras4j.callbacks;

import java.util.Map;

/**
 * Keras's warning for a monitored metric that is missing from the epoch logs ("Early stopping conditioned on metric
 * `val_loss` which is not available..."). Keras logs it at every epoch and carries on; keras4j carries on too (a
 * Keras script that trains with the warning trains here), but prints it once per {@code fit}, on stderr, with a hint.
 */
final class MissingMonitorWarning {

    private final String subject;
    private boolean warned;

    /** @param subject how Keras's message starts, e.g. "Early stopping conditioned on metric" */
    MissingMonitorWarning(String subject) {
        this.subject = subject;
    }

    /** Rearms the warning for a new {@code fit}. */
    void reset() {
        warned = false;
    }

    /** The value of {@code monitor} in {@code logs}, or null after warning (once) that it is missing. */
    Double valueOf(String monitor, Map<String, Double> logs) {
        Double value = logs.get(monitor);
        if (value == null && !warned) {
            warned = true;
            String hint = monitor.startsWith("val_")
                    ? " (validation metrics need validationData(x, y) or validationSplit(f) in fit)"
                    : "";
            System.err.println("WARNING: " + subject + " `" + monitor + "` which is not available. Available "
                    + "metrics are: " + String.join(",", logs.keySet()) + hint);
        }
        return value;
    }
}
