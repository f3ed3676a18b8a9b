package io.github.keras4j.callbacks;

import io.github.keras4j.internal.PythonRepr;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Stops training at the end of the first epoch whose monitored metric reaches a target, and records that epoch:
 * how many epochs a setting needs to get there ("epochs to 100% accuracy", tutorial 002's question). Keras has no
 * such callback; it is what {@link io.github.keras4j.sweep.Sweep} uses.
 * <pre>{@code
 * EpochsToTarget target = new EpochsToTarget("binary_accuracy", 1.0);
 * model.fit(x, y, Fit.epochs(1000).verbose(0).callbacks(target));
 * target.epoch();   // OptionalInt[87]: the 87th epoch (counted from 1, as the log shows it) reached 1.0
 * }</pre>
 * The value compared is the one the epoch's log shows (for a training metric, the running value over the epoch's
 * batches). A maximised metric reaches the target when {@code value >= target}, a minimised one when
 * {@code value <= target}. Defaults: {@code mode "auto"} (EarlyStopping's rule: names ending in {@code acc},
 * {@code accuracy} or {@code auc} are maximised, any other minimised), {@code verbose 0}, {@code stopTraining true}.
 * A monitor missing from the epoch logs is an error ({@link IllegalArgumentException} naming the available
 * metrics): a target that can never be seen would otherwise read as "never reached". The record starts afresh in
 * each fit.
 */
public final class EpochsToTarget extends Callback {

    private final String monitor;
    private final double target;
    private final MonitorMode mode;
    private final int verbose;
    private final boolean stopTraining;
    private final boolean maximize;

    private Integer epochReached;
    private double valueReached = Double.NaN;

    /** Stops when {@code monitor} reaches {@code target} (mode auto, verbose 0). */
    public EpochsToTarget(String monitor, double target) {
        this(monitor, target, MonitorMode.AUTO, 0, true);
    }

    private EpochsToTarget(String monitor, double target, MonitorMode mode, int verbose, boolean stopTraining) {
        if (monitor == null || monitor.isEmpty()) {
            throw new IllegalArgumentException("monitor must name a metric, received: "
                    + (monitor == null ? "null" : "''"));
        }
        if (Double.isNaN(target)) {
            throw new IllegalArgumentException("target must be a number, received: NaN");
        }
        if (verbose < 0) {
            throw new IllegalArgumentException("verbose must be 0 or 1, received: " + verbose);
        }
        this.monitor = monitor;
        this.target = target;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.verbose = verbose;
        this.stopTraining = stopTraining;
        this.maximize = mode.maximizesByEndingRule(monitor);
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public EpochsToTarget mode(String mode) {
        return mode(MonitorMode.get(mode));
    }

    /** {@link MonitorMode#AUTO} (default), {@link MonitorMode#MIN} or {@link MonitorMode#MAX}. */
    public EpochsToTarget mode(MonitorMode mode) {
        return new EpochsToTarget(monitor, target, mode, verbose, stopTraining);
    }

    /** 1 prints a line when the target is reached; default 0. */
    public EpochsToTarget verbose(int verbose) {
        return new EpochsToTarget(monitor, target, mode, verbose, stopTraining);
    }

    /** Whether reaching the target stops training (default true); false only records the epoch. */
    public EpochsToTarget stopTraining(boolean stopTraining) {
        return new EpochsToTarget(monitor, target, mode, verbose, stopTraining);
    }

    public String monitor() {
        return monitor;
    }

    public double target() {
        return target;
    }

    public MonitorMode mode() {
        return mode;
    }

    public int verbose() {
        return verbose;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    /** Whether a larger value of the monitor is better (the mode, with {@code auto} resolved). */
    public boolean maximizes() {
        return maximize;
    }

    /** The first epoch (counted from 1, as the log shows it) that reached the target, or empty if none did. */
    public OptionalInt epoch() {
        return epochReached == null ? OptionalInt.empty() : OptionalInt.of(epochReached);
    }

    /** Whether the target was reached in the last fit. */
    public boolean reached() {
        return epochReached != null;
    }

    /** The monitored value at the epoch that reached the target, or NaN if none did. */
    public double valueReached() {
        return valueReached;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        epochReached = null;
        valueReached = Double.NaN;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double value = logs.get(monitor);
        if (value == null) {
            throw new IllegalArgumentException("EpochsToTarget monitors '" + monitor + "', which is not in the epoch "
                    + "logs; available: " + logs.keySet()
                    + (monitor.startsWith("val_") ? " (validation metrics need validation data in fit)" : ""));
        }
        if (epochReached != null) {
            return;
        }
        if (maximize ? value >= target : value <= target) {
            epochReached = epoch + 1;
            valueReached = value;
            if (verbose > 0) {
                System.out.println("Epoch " + epochReached + ": " + monitor + " reached " + PythonRepr.of(value)
                        + " (target " + PythonRepr.of(target) + ")" + (stopTraining ? ", stopping training" : ""));
            }
            if (stopTraining) {
                model().stopTraining(true);
            }
        }
    }

    @Override
    public String toString() {
        return "EpochsToTarget(monitor=" + monitor + ", target=" + target + ", mode=" + mode.kerasName()
                + ", verbose=" + verbose + ", stop_training=" + stopTraining + ")";
    }
}
