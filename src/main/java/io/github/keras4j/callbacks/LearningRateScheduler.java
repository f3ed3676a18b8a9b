package io.github.keras4j.callbacks;

import io.github.keras4j.internal.PythonRepr;
import java.util.Map;
import java.util.Objects;

/**
 * Sets the learning rate at the beginning of every epoch from a schedule: Keras's
 * {@code keras.callbacks.LearningRateScheduler}.
 * <pre>{@code
 * // Keep the rate for 10 epochs, then decrease it exponentially.
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))
 * new LearningRateScheduler(epoch -> 0.01 / (1 + epoch))       // Keras's older schedule(epoch) form
 * }</pre>
 * The schedule gets the epoch (from 0) and the current rate and returns the rate for that epoch, which is applied
 * through {@code model.learningRate(double)} (the optimizer's state is kept). At the end of each epoch the rate is
 * added to the logs as {@code lr}, so the {@link io.github.keras4j.History} has it, as Keras's does. Default
 * {@code verbose 0}; at 1 it prints Keras's {@code \nEpoch 3: LearningRateScheduler setting learning rate to 0.005.}
 *
 * <p>A schedule may return 0, as in Keras: the weights of an optimizer without momentum then stay as they are for
 * that epoch (an optimizer with momentum keeps moving them by its velocity, as Keras's does). Keras accepts any
 * float; keras4j is stricter: a negative, NaN or infinite rate fails with an {@link IllegalArgumentException} naming
 * the epoch.
 * Keras keeps the rate in a float32 variable, so the current rate its schedule receives carries a float32 rounding
 * (0.0010000000474974513 for 0.001); keras4j's rate is the double last set (0.001), and the messages and the
 * {@code lr} log print that double.
 */
public final class LearningRateScheduler extends Callback {

    /** A schedule {@code (epoch, lr) -> new lr}, Keras's {@code schedule(epoch, lr)}. */
    @FunctionalInterface
    public interface Schedule {
        /** The learning rate for {@code epoch} (from 0), given the current rate. */
        double learningRate(int epoch, double currentLearningRate);
    }

    /** A schedule of the epoch alone, Keras's older {@code schedule(epoch)}. */
    @FunctionalInterface
    public interface EpochSchedule {
        /** The learning rate for {@code epoch} (from 0). */
        double learningRate(int epoch);
    }

    private final Schedule schedule;
    private final int verbose;

    /** A scheduler of {@code (epoch, lr) -> new lr}; verbose 0. */
    public LearningRateScheduler(Schedule schedule) {
        this(schedule, 0);
    }

    /** A scheduler of {@code epoch -> lr} (Keras's older one-argument schedule); verbose 0. */
    public LearningRateScheduler(EpochSchedule schedule) {
        this(epochOnly(schedule), 0);
    }

    private LearningRateScheduler(Schedule schedule, int verbose) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (verbose < 0) {
            throw new IllegalArgumentException("verbose must be 0 or 1, received: " + verbose);
        }
        this.verbose = verbose;
    }

    private static Schedule epochOnly(EpochSchedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        return (epoch, lr) -> schedule.learningRate(epoch);
    }

    /** 1 prints the rate set at each epoch; default 0. */
    public LearningRateScheduler verbose(int verbose) {
        return new LearningRateScheduler(schedule, verbose);
    }

    public int verbose() {
        return verbose;
    }

    public Schedule schedule() {
        return schedule;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        double lr = schedule.learningRate(epoch, model().learningRate());
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("the schedule of LearningRateScheduler returned " + PythonRepr.of(lr)
                    + " for epoch " + epoch + " (counting from 0); a learning rate must be a finite number >= 0");
        }
        model().learningRate(lr);
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to "
                    + PythonRepr.of(lr) + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("lr", model().learningRate());
    }

    @Override
    public String toString() {
        return "LearningRateScheduler(verbose=" + verbose + ")";
    }
}
