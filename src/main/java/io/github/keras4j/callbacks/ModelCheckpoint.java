package io.github.keras4j.callbacks;

import io.github.keras4j.internal.PythonFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Saves the model (or its weights) at the end of every epoch, or only when the monitored metric improves:
 * Keras's {@code keras.callbacks.ModelCheckpoint}. The file path may hold Python format placeholders filled from
 * the epoch (counting from 1) and the logs: {@code "checkpoints/model.{epoch:02d}-{val_loss:.2f}.keras4j"}.
 * Files are written atomically.
 *
 * <p>Keras's defaults: {@code monitor} "val_loss", {@code verbose} 0, {@code saveBestOnly} false,
 * {@code saveWeightsOnly} false, {@code mode} "auto" (max for a monitor containing "acc" or starting with
 * "fmeasure", else min), {@code initialValueThreshold} none, saving once per epoch. A full model is written by
 * {@link io.github.keras4j.Model#save} and read by {@code Sequential.load}; weights by
 * {@code saveWeights} / {@code loadWeights}.
 */
public final class ModelCheckpoint extends Callback {

    private final String filepath;
    private String monitor = "val_loss";
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private MonitorMode mode = MonitorMode.AUTO;
    private Double initialValueThreshold;

    /** The best monitored value so far; as in Keras it lives as long as the callback, across fits. */
    private Double best;

    /** {@code ModelCheckpoint(filepath)}. */
    public ModelCheckpoint(String filepath) {
        if (filepath == null || filepath.isBlank()) {
            throw new IllegalArgumentException("filepath must not be empty, received: "
                    + (filepath == null ? "null" : "'" + filepath + "'"));
        }
        PythonFormat.check(filepath);
        this.filepath = filepath;
    }

    /** {@code ModelCheckpoint(filepath)}. */
    public ModelCheckpoint(Path filepath) {
        this(Objects.requireNonNull(filepath, "filepath").toString());
    }

    /** A copy watching this log entry (with save_best_only). */
    public ModelCheckpoint monitor(String monitor) {
        ModelCheckpoint copy = copy();
        copy.monitor = Objects.requireNonNull(monitor, "monitor");
        return copy;
    }

    /** A copy that prints Keras's messages (1) or not (0). */
    public ModelCheckpoint verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, received: " + verbose);
        }
        ModelCheckpoint copy = copy();
        copy.verbose = verbose;
        return copy;
    }

    /** A copy that saves only when the monitored value is the best so far. */
    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        ModelCheckpoint copy = copy();
        copy.saveBestOnly = saveBestOnly;
        return copy;
    }

    /** A copy that saves the weights only ({@code model.saveWeights}) instead of the whole model. */
    public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
        ModelCheckpoint copy = copy();
        copy.saveWeightsOnly = saveWeightsOnly;
        return copy;
    }

    /** A copy with mode "auto", "min" or "max". */
    public ModelCheckpoint mode(String mode) {
        return mode(MonitorMode.get(mode));
    }

    /** A copy with this mode. */
    public ModelCheckpoint mode(MonitorMode mode) {
        ModelCheckpoint copy = copy();
        copy.mode = Objects.requireNonNull(mode, "mode");
        return copy;
    }

    /** A copy that saves (with save_best_only) only values better than this threshold. */
    public ModelCheckpoint initialValueThreshold(double threshold) {
        ModelCheckpoint copy = copy();
        copy.initialValueThreshold = threshold;
        return copy;
    }

    private ModelCheckpoint copy() {
        ModelCheckpoint copy = new ModelCheckpoint(filepath);
        copy.monitor = monitor;
        copy.verbose = verbose;
        copy.saveBestOnly = saveBestOnly;
        copy.saveWeightsOnly = saveWeightsOnly;
        copy.mode = mode;
        copy.initialValueThreshold = initialValueThreshold;
        return copy;
    }

    /** ModelCheckpoint's own auto rule in Keras: names containing "acc" or starting with "fmeasure" are maximised. */
    private boolean maximize() {
        return mode == MonitorMode.MAX
                || mode == MonitorMode.AUTO && (monitor.contains("acc") || monitor.startsWith("fmeasure"));
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Path path = Path.of(filePath(epoch, logs));
        if (saveBestOnly) {
            boolean maximize = maximize();
            if (best == null) {
                best = initialValueThreshold != null ? initialValueThreshold
                        : maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            Double current = logs.get(monitor);
            if (current == null) {
                System.err.println("WARNING: Can save best model only with " + monitor + " available, skipping. "
                        + "Available logs: " + logs.keySet());
                return;
            }
            if (maximize ? current > best : current < best) {
                if (verbose > 0) {
                    System.out.printf("%nEpoch %05d: %s improved from %s to %s, saving model to %s%n", epoch + 1,
                            monitor, PythonFormat.fixed(best, 5), PythonFormat.fixed(current, 5), path);
                }
                best = current;
                write(path);
            } else if (verbose > 0) {
                System.out.printf("%nEpoch %05d: %s did not improve from %s%n", epoch + 1, monitor,
                        PythonFormat.fixed(best, 5));
            }
        } else {
            if (verbose > 0) {
                System.out.printf("%nEpoch %05d: saving model to %s%n", epoch + 1, path);
            }
            write(path);
        }
    }

    /** The file this epoch saves to: the path's placeholders filled from the epoch (from 1) and the logs. */
    String filePath(int epoch, Map<String, Double> logs) {
        Map<String, Object> values = new LinkedHashMap<>(logs);
        values.put("epoch", epoch + 1);
        try {
            return PythonFormat.format(filepath, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Failed to format this callback filepath: \"" + filepath
                    + "\". Reason: " + e.getMessage(), e);
        }
    }

    private void write(Path path) {
        if (saveWeightsOnly) {
            model().saveWeights(path);
        } else {
            model().save(path);
        }
    }
}
