package io.github.keras4j.callbacks;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops training when a monitored metric has stopped improving: Keras's {@code keras.callbacks.EarlyStopping}
 * (tf-keras 2.16+, whose rules are those of 2.x with the restoring fix described below).
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(100).validationSplit(0.2)
 *         .callbacks(new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true)));
 * }</pre>
 * Defaults, as Keras's: {@code monitor "val_loss"}, {@code minDelta 0}, {@code patience 0}, {@code verbose 0},
 * {@code mode "auto"}, {@code baseline} none, {@code restoreBestWeights false}, {@code startFromEpoch 0}.
 *
 * <p>At the end of each epoch (from epoch {@code startFromEpoch} on, counting from 0) the monitored value counts as
 * an improvement when it beats the best so far by more than {@code minDelta}; otherwise the wait grows, and once it
 * reaches {@code patience} (never at epoch 0) training stops after that epoch. With a {@code baseline}, the wait is
 * only reset by a value that also beats the baseline. In {@code auto} mode a metric whose name ends in {@code acc},
 * {@code accuracy} or {@code auc} is maximised, any other minimised.
 *
 * <p>{@code restoreBestWeights(true)} keeps a copy of the weights of the best epoch (or of the first monitored epoch
 * if none improved) and puts them back when training ends: when it stopped early and, as tf-keras 2.16+ and Keras 3
 * do, also when it ran all its epochs without stopping. (tf.keras 2.15 and older restored only when stopping early
 * and otherwise left the last epoch's weights.) At verbose 1 it prints Keras's {@code Epoch 12: early stopping} and
 * {@code Restoring model weights from the end of the best epoch: 9.} at the end of training.
 *
 * <p>A monitor missing from the logs (typically {@code val_loss} without validation data) does not stop training, as
 * in Keras; a warning naming the monitor and the available metrics is printed once per fit on stderr.
 *
 * <p>The fluent setters return a new, configured callback. One instance may serve several fits: its state (wait,
 * best value, best weights) starts afresh in {@link #onTrainBegin}.
 */
public final class EarlyStopping extends Callback {

    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final int verbose;
    private final MonitorMode mode;
    private final Double baseline;
    private final boolean restoreBestWeights;
    private final int startFromEpoch;

    private final boolean maximize;
    private final MissingMonitorWarning missing = new MissingMonitorWarning("Early stopping conditioned on metric");

    private int wait;
    private int stoppedEpoch;
    private double best;
    private int bestEpoch;
    private List<INDArray> bestWeights;

    /** Keras's defaults: monitors {@code val_loss} and stops at the first epoch without improvement. */
    public EarlyStopping() {
        this("val_loss", 0, 0, 0, MonitorMode.AUTO, null, false, 0);
    }

    private EarlyStopping(String monitor, double minDelta, int patience, int verbose, MonitorMode mode,
            Double baseline, boolean restoreBestWeights, int startFromEpoch) {
        if (monitor == null || monitor.isEmpty()) {
            throw new IllegalArgumentException("monitor must name a metric, received: "
                    + (monitor == null ? "null" : "''"));
        }
        if (Double.isNaN(minDelta) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("min_delta must be a finite number, received: " + minDelta);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, received: " + patience);
        }
        if (verbose < 0) {
            throw new IllegalArgumentException("verbose must be 0 or 1, received: " + verbose);
        }
        if (baseline != null && Double.isNaN(baseline)) {
            throw new IllegalArgumentException("baseline must be a number or null, received: NaN");
        }
        if (startFromEpoch < 0) {
            throw new IllegalArgumentException("start_from_epoch must be >= 0, received: " + startFromEpoch);
        }
        this.monitor = monitor;
        this.minDelta = Math.abs(minDelta);
        this.patience = patience;
        this.verbose = verbose;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.baseline = baseline;
        this.restoreBestWeights = restoreBestWeights;
        this.startFromEpoch = startFromEpoch;
        this.maximize = mode.maximizesByEndingRule(monitor);
        resetState();
    }

    /** The metric watched; default {@code "val_loss"}. */
    public EarlyStopping monitor(String monitor) {
        return new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights,
                startFromEpoch);
    }

    /** The smallest change that counts as an improvement; default 0. Its sign is ignored, as in Keras. */
    public EarlyStopping minDelta(double minDelta) {
        return new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights,
                startFromEpoch);
    }

    /** Epochs without improvement after which training stops; default 0. */
    public EarlyStopping patience(int patience) {
        return new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights,
                startFromEpoch);
    }

    /** 1 prints a line when the callback acts; default 0. */
    public EarlyStopping verbose(int verbose) {
        return new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights,
                startFromEpoch);
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public EarlyStopping mode(String mode) {
        return mode(MonitorMode.get(mode));
    }

    /** {@link MonitorMode#AUTO} (default), {@link MonitorMode#MIN} or {@link MonitorMode#MAX}. */
    public EarlyStopping mode(MonitorMode mode) {
        return new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights,
                startFromEpoch);
    }

    /** A value the metric must beat for the wait to be reset; default null (none). */
    public EarlyStopping baseline(Double baseline) {
        return new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights,
                startFromEpoch);
    }

    /** Whether the best epoch's weights are put back at the end of training; default false. */
    public EarlyStopping restoreBestWeights(boolean restoreBestWeights) {
        return new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights,
                startFromEpoch);
    }

    /** Epochs of warm-up (counting from 0) that are not monitored; default 0. */
    public EarlyStopping startFromEpoch(int startFromEpoch) {
        return new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights,
                startFromEpoch);
    }

    public String monitor() {
        return monitor;
    }

    /** The absolute value of the {@code minDelta} given. */
    public double minDelta() {
        return minDelta;
    }

    public int patience() {
        return patience;
    }

    public int verbose() {
        return verbose;
    }

    public MonitorMode mode() {
        return mode;
    }

    public Double baseline() {
        return baseline;
    }

    public boolean restoreBestWeights() {
        return restoreBestWeights;
    }

    public int startFromEpoch() {
        return startFromEpoch;
    }

    /** Whether a larger value of the monitor is better (the mode, with {@code auto} resolved). */
    public boolean maximizes() {
        return maximize;
    }

    /** Keras's {@code stopped_epoch}: the epoch (from 0) after which training stopped, or 0 if it did not stop. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Keras's {@code best_epoch}: the epoch (from 0) of the best value seen. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Keras's {@code best}: the best monitored value so far (infinite before the first). */
    public double best() {
        return best;
    }

    /** Keras's {@code wait}: monitored epochs since the last improvement that reset it. */
    public int epochsWithoutImprovement() {
        return wait;
    }

    private void resetState() {
        wait = 0;
        stoppedEpoch = 0;
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        resetState();
        missing.reset();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = missing.valueOf(monitor, logs);
        if (current == null || epoch < startFromEpoch) {
            return;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            // The first monitored epoch did not improve on infinity (NaN): as in Keras, its weights are restored
            // unless a later epoch improves.
            bestWeights = model().getWeights();
            bestEpoch = epoch;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().stopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            model().setWeights(bestWeights);
        }
    }

    private boolean isImprovement(double value, double reference) {
        return maximize ? value - minDelta > reference : value + minDelta < reference;
    }

    @Override
    public String toString() {
        return "EarlyStopping(monitor=" + monitor + ", min_delta=" + minDelta + ", patience=" + patience
                + ", verbose=" + verbose + ", mode=" + mode.kerasName() + ", baseline=" + baseline
                + ", restore_best_weights=" + restoreBestWeights + ", start_from_epoch=" + startFromEpoch + ")";
    }
}
