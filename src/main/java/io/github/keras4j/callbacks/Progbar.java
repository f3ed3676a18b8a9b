package io.github.keras4j.callbacks;

import io.github.keras4j.internal.PythonFormat;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A progress bar, a line-for-line port of tf.keras 2.x's {@code keras.utils.Progbar}, which prints Keras's logs:
 * <pre>
 * 4/4 [==============================] - 0s 43ms/step - loss: 0.2634 - binary_accuracy: 0.5000   (verbose 1)
 * 1/1 - 0s - loss: 0.2479 - binary_accuracy: 0.5000 - 22ms/epoch - 22ms/step                    (verbose 2)
 * </pre>
 * On a terminal, verbose 1 redraws the bar in place with {@code \r}; when the output is not a terminal it prints
 * only the final state of the bar, so that logs hold one line per epoch instead of carriage-return litter.
 */
public final class Progbar {

    /** Keras's bar width in characters. */
    public static final int DEFAULT_WIDTH = 30;
    /** Keras's minimum time between redraws, in seconds. */
    public static final double DEFAULT_INTERVAL = 0.05;

    private Integer target;
    private final int width;
    private final int verbose;
    private final double interval;
    private final Set<String> statefulMetrics;
    private final String unitName;
    private final PrintStream out;
    private final boolean dynamicDisplay;
    private final LongSupplier nanoClock;

    private final Map<String, double[]> values = new LinkedHashMap<>();
    private int totalWidth;
    private int seenSoFar;
    private final double start;
    private double lastUpdate = Double.NEGATIVE_INFINITY;
    private double timeAtEpochStart;
    private Double timeAtEpochEnd;
    private Double timeAfterFirstStep;

    /**
     * A bar printing to {@code System.out}, redrawing in place when a console is attached.
     *
     * @param target the number of steps, or null if unknown
     * @param verbose 1 for the bar, 2 for one line at the end
     * @param statefulMetrics metrics shown as given rather than averaged over steps
     */
    public Progbar(Integer target, int verbose, Set<String> statefulMetrics) {
        this(target, verbose, statefulMetrics, "step", System.out, System.console() != null, System::nanoTime);
    }

    Progbar(Integer target, int verbose, Set<String> statefulMetrics, String unitName, PrintStream out,
            boolean dynamicDisplay, LongSupplier nanoClock) {
        this.target = target;
        this.width = DEFAULT_WIDTH;
        this.verbose = verbose;
        this.interval = DEFAULT_INTERVAL;
        this.statefulMetrics = Set.copyOf(statefulMetrics);
        this.unitName = unitName;
        this.out = out;
        this.dynamicDisplay = dynamicDisplay;
        this.nanoClock = nanoClock;
        this.start = now();
        this.timeAtEpochStart = start;
    }

    /** Sets the number of steps once it is known (Keras learns it at the end of an iterator's first epoch). */
    void target(int target) {
        this.target = target;
    }

    /** Updates the bar to {@code current} steps; it is the last update when {@code current >= target}. */
    public void update(int current, Map<String, Double> logs) {
        update(current, logs, target != null && current >= target);
    }

    /** Updates the bar to {@code current} steps with the given metric values. */
    public void update(int current, Map<String, Double> logs, boolean finalize) {
        for (Map.Entry<String, Double> entry : logs.entrySet()) {
            String name = entry.getKey();
            double value = entry.getValue();
            if (statefulMetrics.contains(name)) {
                values.put(name, new double[] {value, 1});
            } else {
                int valueBase = Math.max(current - seenSoFar, 1);
                double[] sum = values.computeIfAbsent(name, k -> new double[2]);
                sum[0] += value * valueBase;
                sum[1] += valueBase;
            }
        }
        seenSoFar = current;

        double now = now();
        String info = " - " + PythonFormat.fixed(now - start, 0) + "s";
        if (target != null && current == target) {
            timeAtEpochEnd = now;
        }
        if (verbose == 1) {
            if (!finalize && now - lastUpdate < interval) {
                return;
            }
            if (!finalize && !dynamicDisplay) {
                // Not drawn, but timed as Keras would have: its step time leaves out the first step.
                estimateStepDuration(current, now);
                lastUpdate = now;
                return;
            }
            StringBuilder message = new StringBuilder();
            int previousTotalWidth = totalWidth;
            if (dynamicDisplay) {
                message.append("\b".repeat(previousTotalWidth)).append('\r');
            }
            String bar = bar(current);
            totalWidth = bar.length();
            message.append(bar);

            double timePerUnit = estimateStepDuration(current, now);
            if (target == null || finalize) {
                info += formatTime(timePerUnit, unitName);
            } else {
                info = " - ETA: " + eta(timePerUnit * (target - current));
            }
            StringBuilder metrics = new StringBuilder(info);
            for (Map.Entry<String, double[]> entry : values.entrySet()) {
                double average = entry.getValue()[0] / Math.max(1, entry.getValue()[1]);
                metrics.append(" - ").append(entry.getKey()).append(": ")
                        .append(Math.abs(average) > 1e-3 ? PythonFormat.fixed(average, 4)
                                : PythonFormat.scientific(average, 4));
            }
            totalWidth += metrics.length();
            if (previousTotalWidth > totalWidth && dynamicDisplay) {
                metrics.append(" ".repeat(previousTotalWidth - totalWidth));
            }
            if (finalize) {
                metrics.append('\n');
            }
            message.append(metrics);
            out.print(message);
            out.flush();
        } else if (verbose == 2 && finalize) {
            int digits = String.valueOf(target).length();
            StringBuilder line = new StringBuilder(String.format("%" + digits + "d/%d", current, target)).append(info);
            for (Map.Entry<String, double[]> entry : values.entrySet()) {
                double average = entry.getValue()[0] / Math.max(1, entry.getValue()[1]);
                // Keras's verbose-2 branch tests the value, not its absolute value: negative values print as %.4e.
                line.append(" - ").append(entry.getKey()).append(": ")
                        .append(average > 1e-3 ? PythonFormat.fixed(average, 4) : PythonFormat.scientific(average, 4));
            }
            if (timeAtEpochEnd != null) {
                double timePerEpoch = timeAtEpochEnd - timeAtEpochStart;
                double averageTimePerStep = timePerEpoch / target;
                timeAtEpochStart = now;
                timeAtEpochEnd = null;
                line.append(" -").append(formatTime(timePerEpoch, "epoch"));
                line.append(" -").append(formatTime(averageTimePerStep, unitName));
                line.append('\n');
            }
            out.print(line);
            out.flush();
        }
        lastUpdate = now;
    }

    private String bar(int current) {
        if (target == null) {
            return String.format("%7d/Unknown", current);
        }
        int digits = String.valueOf(target).length();
        StringBuilder bar = new StringBuilder(String.format("%" + digits + "d/%d [", current, target));
        int progressWidth = (int) (width * ((double) current / target));
        if (progressWidth > 0) {
            bar.append("=".repeat(progressWidth - 1)).append(current < target ? '>' : '=');
        }
        bar.append(".".repeat(Math.max(0, width - progressWidth))).append(']');
        return bar.toString();
    }

    private static String eta(double seconds) {
        long whole = (long) seconds;
        if (seconds > 3600) {
            return String.format("%d:%02d:%02d", whole / 3600, (whole % 3600) / 60, whole % 60);
        }
        if (seconds > 60) {
            return String.format("%d:%02d", whole / 60, whole % 60);
        }
        return whole + "s";
    }

    /** Keras's {@code _format_time}: seconds, milliseconds or microseconds, whichever keeps an integer part. */
    static String formatTime(double timePerUnit, String unitName) {
        if (timePerUnit >= 1 || timePerUnit == 0) {
            return " " + PythonFormat.fixed(timePerUnit, 0) + "s/" + unitName;
        }
        if (timePerUnit >= 1e-3) {
            return " " + PythonFormat.fixed(timePerUnit * 1e3, 0) + "ms/" + unitName;
        }
        return " " + PythonFormat.fixed(timePerUnit * 1e6, 0) + "us/" + unitName;
    }

    /** The time per step, leaving out the first step when there are several (it pays for warm-up). */
    private double estimateStepDuration(int current, double now) {
        if (current == 0) {
            return 0;
        }
        double timePerUnit = timeAfterFirstStep != null && current > 1
                ? (now - timeAfterFirstStep) / (current - 1)
                : (now - start) / current;
        if (current == 1) {
            timeAfterFirstStep = now;
        }
        return timePerUnit;
    }

    private double now() {
        return nanoClock.getAsLong() / 1e9;
    }
}
