package io.github.keras4j.callbacks;

import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;

/**
 * The direction a monitoring callback expects its metric to improve in, Keras's {@code mode} argument:
 * {@code "min"} (a loss), {@code "max"} (an accuracy) or {@code "auto"} (decided from the metric's name, by the rule
 * each callback documents).
 */
public enum MonitorMode implements KerasNamed {
    AUTO("auto"),
    MIN("min"),
    MAX("max");

    private final String kerasName;

    MonitorMode(String kerasName) {
        this.kerasName = kerasName;
    }

    @Override
    public String kerasName() {
        return kerasName;
    }

    /**
     * The mode Keras names {@code name}. Keras logs a warning for an unknown mode and falls back to {@code auto};
     * keras4j refuses it, since a misspelt {@code "max"} would silently monitor in the wrong direction.
     */
    public static MonitorMode get(String name) {
        return Registry.lookup(MonitorMode.class, "mode", name);
    }

    /**
     * Whether a larger value of {@code monitor} is better under EarlyStopping's rule:
     * in {@code auto} mode, names ending in {@code acc}, {@code accuracy} or {@code auc} are maximised.
     */
    boolean maximizesByEndingRule(String monitor) {
        return switch (this) {
            case MIN -> false;
            case MAX -> true;
            case AUTO -> monitor.endsWith("acc") || monitor.endsWith("accuracy") || monitor.endsWith("auc");
        };
    }
}
