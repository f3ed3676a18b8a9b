package io.github.keras4j.callbacks;

import io.github.keras4j.internal.PythonRepr;
import java.util.Map;
import java.util.Objects;

/**
 * Reduces the learning rate when a monitored metric has stopped improving: Keras's
 * {@code keras.callbacks.ReduceLROnPlateau}.
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(100).validationSplit(0.2)
 *         .callbacks(new ReduceLROnPlateau().factor(0.2).patience(5).minLr(0.001)));
 * }</pre>
 * Defaults, as Keras's: {@code monitor "val_loss"}, {@code factor 0.1}, {@code patience 10}, {@code verbose 0},
 * {@code mode "auto"}, {@code minDelta 1e-4}, {@code cooldown 0}, {@code minLr 0}.
 *
 * <p>At the end of each epoch it adds the learning rate used in that epoch to the logs as {@code lr} (so the
 * {@link io.github.keras4j.History} has it, as Keras's does). A value better than the best so far by more than
 * {@code minDelta} resets the wait; otherwise, outside the cooldown, the wait grows, and when it reaches
 * {@code patience} the rate becomes {@code max(lr * factor, minLr)} (only while {@code lr > minLr}) through
 * {@code model.learningRate(double)}, which keeps the optimizer's state, and the cooldown of {@code cooldown} epochs
 * starts, during which the wait stays 0. In {@code auto} mode a metric whose name contains {@code acc} is maximised
 * and any other minimised (Keras's rule for this callback, not EarlyStopping's). At verbose 1 it prints Keras's
 * {@code \nEpoch 5: ReduceLROnPlateau reducing learning rate to 0.0001.}
 *
 * <p>Keras keeps the rate in a float32 variable, so its messages and logs show float32 roundings (with NumPy 1.x, a
 * rate of 0.001 reduced by 0.1 prints as {@code 0.00010000000474974513}); keras4j's rate is a double and prints as
 * {@code 0.0001}. A missing monitor warns once per fit on stderr and leaves the rate alone, as Keras does.
 */
public final class ReduceLROnPlateau extends Callback {

    private final String monitor;
    private final double factor;
    private final int patience;
    private final int verbose;
    private final MonitorMode mode;
    private final double minDelta;
    private final int cooldown;
    private final double minLr;

    private final boolean maximize;
    private final MissingMonitorWarning missing =
            new MissingMonitorWarning("Learning rate reduction is conditioned on metric");

    private int wait;
    private int cooldownCounter;
    private double best;

    /** Keras's defaults: factor 0.1 after 10 epochs without a better {@code val_loss}. */
    public ReduceLROnPlateau() {
        this("val_loss", 0.1, 10, 0, MonitorMode.AUTO, 1e-4, 0, 0);
    }

    private ReduceLROnPlateau(String monitor, double factor, int patience, int verbose, MonitorMode mode,
            double minDelta, int cooldown, double minLr) {
        if (monitor == null || monitor.isEmpty()) {
            throw new IllegalArgumentException("monitor must name a metric, received: "
                    + (monitor == null ? "null" : "''"));
        }
        if (factor >= 1.0) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Got "
                    + PythonRepr.of(factor));
        }
        if (!(factor >= 0)) {
            // Keras takes any factor below 1; a negative one only ever gives min_lr, so it is refused as a mistake.
            throw new IllegalArgumentException("factor must be in [0, 1), received: " + PythonRepr.of(factor));
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, received: " + patience);
        }
        if (verbose < 0) {
            throw new IllegalArgumentException("verbose must be 0 or 1, received: " + verbose);
        }
        if (!Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("min_delta must be a finite number, received: " + minDelta);
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must be >= 0, received: " + cooldown);
        }
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("min_lr must be a number >= 0, received: " + minLr);
        }
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.verbose = verbose;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.minDelta = minDelta;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.maximize = mode == MonitorMode.MAX || (mode == MonitorMode.AUTO && monitor.contains("acc"));
        resetState();
    }

    /** The metric watched; default {@code "val_loss"}. */
    public ReduceLROnPlateau monitor(String monitor) {
        return new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);
    }

    /** The new rate is {@code max(lr * factor, minLr)}; default 0.1, in [0, 1) (0 goes straight to minLr). */
    public ReduceLROnPlateau factor(double factor) {
        return new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);
    }

    /** Epochs without improvement before the rate is reduced; default 10. */
    public ReduceLROnPlateau patience(int patience) {
        return new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);
    }

    /** 1 prints a line when the rate is reduced; default 0. */
    public ReduceLROnPlateau verbose(int verbose) {
        return new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public ReduceLROnPlateau mode(String mode) {
        return mode(MonitorMode.get(mode));
    }

    /** {@link MonitorMode#AUTO} (default), {@link MonitorMode#MIN} or {@link MonitorMode#MAX}. */
    public ReduceLROnPlateau mode(MonitorMode mode) {
        return new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);
    }

    /** How much better than the best a value must be to count as an improvement; default 1e-4. */
    public ReduceLROnPlateau minDelta(double minDelta) {
        return new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);
    }

    /** Epochs after a reduction during which the wait stays 0; default 0. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        return new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);
    }

    /** The rate is never reduced below this; default 0 (a rate of 0 freezes training, as in Keras). */
    public ReduceLROnPlateau minLr(double minLr) {
        return new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);
    }

    public String monitor() {
        return monitor;
    }

    public double factor() {
        return factor;
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

    public double minDelta() {
        return minDelta;
    }

    public int cooldown() {
        return cooldown;
    }

    public double minLr() {
        return minLr;
    }

    /** Whether a larger value of the monitor is better (the mode, with {@code auto} resolved). */
    public boolean maximizes() {
        return maximize;
    }

    /** Keras's {@code best}: the best monitored value so far (infinite before the first). */
    public double best() {
        return best;
    }

    /** Keras's {@code wait}: epochs without improvement since the last reset. */
    public int epochsWithoutImprovement() {
        return wait;
    }

    /** Keras's {@code in_cooldown()}. */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    private void resetState() {
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        resetState();
        missing.reset();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("lr", model().learningRate());
        Double current = missing.valueOf(monitor, logs);
        if (current == null) {
            return;
        }
        if (inCooldown()) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(current)) {
            best = current;
            wait = 0;
        } else if (!inCooldown()) {
            wait++;
            if (wait >= patience) {
                double oldLr = model().learningRate();
                if (oldLr > minLr) {
                    double newLr = Math.max(oldLr * factor, minLr);
                    model().learningRate(newLr);
                    if (verbose > 0) {
                        System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                                + PythonRepr.of(newLr) + ".");
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }

    private boolean isImprovement(double current) {
        return maximize ? current > best + minDelta : current < best - minDelta;
    }

    @Override
    public String toString() {
        return "ReduceLROnPlateau(monitor=" + monitor + ", factor=" + factor + ", patience=" + patience
                + ", verbose=" + verbose + ", mode=" + mode.kerasName() + ", min_delta=" + minDelta + ", cooldown="
                + cooldown + ", min_lr=" + minLr + ")";
    }
}
