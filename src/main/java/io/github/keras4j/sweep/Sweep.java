package io.github.keras4j.sweep;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.TrainingDivergedException;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.callbacks.EpochsToTarget;
import io.github.keras4j.callbacks.MonitorMode;
import io.github.keras4j.internal.ArrayInput;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How many epochs does each setting need to reach a target? A grid of network shapes and training settings, each
 * trained once per seed until its metric reaches the target or the epoch budget runs out; the answer is a table
 * (printed row by row as the settings finish) and a {@link SweepResult}. Keras has no equivalent: it is tutorial
 * 002's question ("how many epochs to 100% accuracy?") asked of many settings at once.
 * <pre>{@code
 * SweepResult result = new Sweep()
 *         .units(4, 8, 16)
 *         .activations("relu", "tanh")
 *         .learningRates(0.01, 0.05)
 *         .seeds(1, 2, 3)
 *         .run(x, y);
 * }</pre>
 * The network of a setting is {@code hiddenLayers} x {@code Dense(units, activation)} followed by
 * {@code Dense(outputs, outputActivation)} (outputs = the columns of y), compiled with the optimizer (a Keras name,
 * at the learning rate of the setting), the loss and the target's metric, initialised and shuffled by the seed, and
 * fit silently with {@link EpochsToTarget} for at most {@code epochs} epochs. A run whose loss diverges counts as
 * not reaching the target.
 *
 * <p>The defaults are tutorial 002's network and question: 1 hidden layer of 16 relu units, a sigmoid output,
 * adam at Keras's default rate, mean_squared_error, target {@code binary_accuracy} 1.0 (mode auto), a budget of
 * 1000 epochs, Keras's batch size 32, seeds 1, 2 and 3. Without {@link #learningRates}, each optimizer runs at its
 * Keras default rate. The settings are the product of the axes in the order hidden layers, units, activation,
 * optimizer, learning rate, loss (the last varies fastest). The fluent setters return a new sweep; names are checked
 * when set.
 */
public final class Sweep {

    /** Tutorial 002's epochs. */
    public static final int DEFAULT_EPOCHS = 1000;

    private final List<Integer> hiddenLayers;
    private final List<Integer> units;
    private final List<String> activations;
    private final List<String> optimizers;
    private final List<Double> learningRates;
    private final List<String> losses;
    private final List<Long> seeds;
    private final String outputActivation;
    private final String monitor;
    private final double target;
    private final MonitorMode mode;
    private final int epochBudget;
    private final Integer batchSize;

    /** Tutorial 002's setting and question; see the class comment for every default. */
    public Sweep() {
        this(List.of(1), List.of(16), List.of("relu"), List.of("adam"), List.of(), List.of("mean_squared_error"),
                List.of(1L, 2L, 3L), "sigmoid", "binary_accuracy", 1.0, MonitorMode.AUTO, DEFAULT_EPOCHS, null);
    }

    private Sweep(List<Integer> hiddenLayers, List<Integer> units, List<String> activations, List<String> optimizers,
            List<Double> learningRates, List<String> losses, List<Long> seeds, String outputActivation,
            String monitor, double target, MonitorMode mode, int epochBudget, Integer batchSize) {
        this.hiddenLayers = axis("hidden_layers", hiddenLayers, false);
        for (int count : hiddenLayers) {
            if (count < 1) {
                throw new IllegalArgumentException("hidden_layers must be >= 1, received: " + count);
            }
        }
        this.units = axis("units", units, false);
        for (int count : units) {
            if (count < 1) {
                throw new IllegalArgumentException("units must be >= 1, received: " + count);
            }
        }
        this.activations = axis("activation", activations, false);
        activations.forEach(Activations::get);
        this.optimizers = axis("optimizer", optimizers, false);
        optimizers.forEach(Optimizers::lookup);
        this.learningRates = axis("learning_rate", learningRates, true);
        for (double rate : learningRates) {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("learning_rate must be a finite number >= 0, received: " + rate);
            }
        }
        this.losses = axis("loss", losses, false);
        losses.forEach(Losses::get);
        this.seeds = axis("seeds", seeds, false);
        this.outputActivation = Objects.requireNonNull(outputActivation, "outputActivation");
        Activations.get(outputActivation);
        Objects.requireNonNull(monitor, "monitor");
        if (monitor.startsWith("val_")) {
            throw new IllegalArgumentException("a sweep trains without validation data, so it cannot monitor '"
                    + monitor + "': monitor 'loss' or a training metric such as 'binary_accuracy'");
        }
        if (!monitor.equals("loss")) {
            Metrics.get(monitor);
        }
        this.monitor = monitor;
        if (Double.isNaN(target)) {
            throw new IllegalArgumentException("the target value must be a number, received: NaN");
        }
        this.target = target;
        this.mode = Objects.requireNonNull(mode, "mode");
        if (epochBudget < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, received: " + epochBudget);
        }
        this.epochBudget = epochBudget;
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, received: " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** A copy of {@code values}, which must be non-null, without duplicates, and non-empty unless allowed. */
    private static <T> List<T> axis(String name, List<T> values, boolean mayBeEmpty) {
        Objects.requireNonNull(values, name);
        if (values.isEmpty() && !mayBeEmpty) {
            throw new IllegalArgumentException(name + " needs at least one value");
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException(name + " lists a value twice: " + values);
        }
        return List.copyOf(values);
    }

    private static List<Integer> boxed(int... values) {
        return Arrays.stream(Objects.requireNonNull(values)).boxed().toList();
    }

    /** Numbers of hidden layers to try; default {1}. */
    public Sweep hiddenLayers(int... counts) {
        return new Sweep(boxed(counts), units, activations, optimizers, learningRates, losses, seeds,
                outputActivation, monitor, target, mode, epochBudget, batchSize);
    }

    /** Units per hidden layer to try; default {16}. */
    public Sweep units(int... units) {
        return new Sweep(hiddenLayers, boxed(units), activations, optimizers, learningRates, losses, seeds,
                outputActivation, monitor, target, mode, epochBudget, batchSize);
    }

    /** Hidden-layer activations to try (Keras names); default {"relu"}. */
    public Sweep activations(String... activations) {
        return new Sweep(hiddenLayers, units, List.of(activations), optimizers, learningRates, losses, seeds,
                outputActivation, monitor, target, mode, epochBudget, batchSize);
    }

    /** Optimizers to try (Keras names); default {"adam"}. */
    public Sweep optimizers(String... optimizers) {
        return new Sweep(hiddenLayers, units, activations, List.of(optimizers), learningRates, losses, seeds,
                outputActivation, monitor, target, mode, epochBudget, batchSize);
    }

    /** Learning rates to try with every optimizer; default none: each optimizer's Keras default. */
    public Sweep learningRates(double... learningRates) {
        return new Sweep(hiddenLayers, units, activations, optimizers,
                Arrays.stream(Objects.requireNonNull(learningRates)).boxed().toList(), losses, seeds,
                outputActivation, monitor, target, mode, epochBudget, batchSize);
    }

    /** Losses to try (Keras names); default {"mean_squared_error"}. */
    public Sweep losses(String... losses) {
        return new Sweep(hiddenLayers, units, activations, optimizers, learningRates, List.of(losses), seeds,
                outputActivation, monitor, target, mode, epochBudget, batchSize);
    }

    /** The seeds each setting is trained with (one table column each); default {1, 2, 3}. */
    public Sweep seeds(long... seeds) {
        return new Sweep(hiddenLayers, units, activations, optimizers, learningRates, losses,
                Arrays.stream(Objects.requireNonNull(seeds)).boxed().toList(), outputActivation, monitor, target,
                mode, epochBudget, batchSize);
    }

    /** The output layer's activation; default "sigmoid". */
    public Sweep outputActivation(String activation) {
        return new Sweep(hiddenLayers, units, activations, optimizers, learningRates, losses, seeds, activation,
                monitor, target, mode, epochBudget, batchSize);
    }

    /** The metric (a Keras metric name, or "loss") and the value it must reach; default binary_accuracy 1.0. */
    public Sweep target(String monitor, double value) {
        return new Sweep(hiddenLayers, units, activations, optimizers, learningRates, losses, seeds,
                outputActivation, monitor, value, mode, epochBudget, batchSize);
    }

    /** Whether the target is approached from below ("max") or above ("min"); default "auto" (see EpochsToTarget). */
    public Sweep mode(String mode) {
        return mode(MonitorMode.get(mode));
    }

    /** {@link MonitorMode#AUTO} (default), {@link MonitorMode#MIN} or {@link MonitorMode#MAX}. */
    public Sweep mode(MonitorMode mode) {
        return new Sweep(hiddenLayers, units, activations, optimizers, learningRates, losses, seeds,
                outputActivation, monitor, target, mode, epochBudget, batchSize);
    }

    /** The epoch budget of each run; default 1000. */
    public Sweep epochs(int budget) {
        return new Sweep(hiddenLayers, units, activations, optimizers, learningRates, losses, seeds,
                outputActivation, monitor, target, mode, budget, batchSize);
    }

    /** fit's batch size; default Keras's 32. */
    public Sweep batchSize(int batchSize) {
        return new Sweep(hiddenLayers, units, activations, optimizers, learningRates, losses, seeds,
                outputActivation, monitor, target, mode, epochBudget, batchSize);
    }

    public List<Integer> hiddenLayers() {
        return hiddenLayers;
    }

    public List<Integer> units() {
        return units;
    }

    public List<String> activations() {
        return activations;
    }

    public List<String> optimizers() {
        return optimizers;
    }

    /** The learning rates given, empty for each optimizer's default. */
    public List<Double> learningRates() {
        return learningRates;
    }

    public List<String> losses() {
        return losses;
    }

    public List<Long> seeds() {
        return seeds;
    }

    public String outputActivation() {
        return outputActivation;
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

    public int epochs() {
        return epochBudget;
    }

    /** The batch size, or null for Keras's default. */
    public Integer batchSize() {
        return batchSize;
    }

    /** Every setting of the grid, in the order they run and print. */
    public List<SweepSetting> settings() {
        List<SweepSetting> settings = new ArrayList<>();
        for (int layers : hiddenLayers) {
            for (int width : units) {
                for (String activation : activations) {
                    for (String optimizer : optimizers) {
                        List<Double> rates = learningRates.isEmpty()
                                ? List.of(Optimizers.get(optimizer).learningRate()) : learningRates;
                        for (double rate : rates) {
                            for (String loss : losses) {
                                settings.add(new SweepSetting(layers, width, activation, optimizer, rate, loss));
                            }
                        }
                    }
                }
            }
        }
        return settings;
    }

    /** Runs the sweep on {@code x, y}, printing the table to standard output. */
    public SweepResult run(float[][] x, float[][] y) {
        return run(new SweepData(x, y), System.out::println);
    }

    /** Runs the sweep on {@code x, y}, giving each line of the table to {@code printFn} as soon as it is known. */
    public SweepResult run(float[][] x, float[][] y, Consumer<String> printFn) {
        return run(new SweepData(x, y), printFn);
    }

    /** Runs the sweep on {@code data}, giving each line of the table to {@code printFn} as soon as it is known. */
    public SweepResult run(SweepData data, Consumer<String> printFn) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(printFn, "printFn");
        INDArray features = ArrayInput.toArray("x", data.x());
        INDArray labels = ArrayInput.toArray("y", data.y());
        List<SweepSetting> settings = settings();
        SweepTable table = new SweepTable(settings, seeds, epochBudget);
        table.header(monitor, target, epochBudget).forEach(printFn);
        List<SweepResult.Row> rows = new ArrayList<>();
        for (SweepSetting setting : settings) {
            List<SweepResult.SeedRun> runs = new ArrayList<>();
            for (long seed : seeds) {
                runs.add(train(setting, seed, features, labels));
            }
            SweepResult.Row row = new SweepResult.Row(setting, runs);
            rows.add(row);
            printFn.accept(table.row(row));
        }
        return new SweepResult(monitor, target, epochBudget, seeds, rows, table);
    }

    private SweepResult.SeedRun train(SweepSetting setting, long seed, INDArray x, INDArray y) {
        Sequential model = new Sequential().seed(seed);
        model.add(new Dense(setting.units(), setting.activation()).inputDim((int) x.columns()));
        for (int i = 1; i < setting.hiddenLayers(); i++) {
            model.add(new Dense(setting.units(), setting.activation()));
        }
        model.add(new Dense((int) y.columns(), outputActivation));
        if (monitor.equals("loss")) {
            model.compile(Optimizers.get(setting.optimizer()).learningRate(setting.learningRate()), setting.loss());
        } else {
            model.compile(Optimizers.get(setting.optimizer()).learningRate(setting.learningRate()), setting.loss(),
                    monitor);
        }
        // The name the logs use: compile resolves "accuracy" to binary_accuracy, "mse" stays "mse"...
        String logKey = model.metricsNames().get(monitor.equals("loss") ? 0 : 1);
        EpochsToTarget reached = new EpochsToTarget(logKey, target).mode(mode);
        Fit fit = Fit.epochs(epochBudget).verbose(0).callbacks(reached);
        if (batchSize != null) {
            fit = fit.batchSize(batchSize);
        }
        try {
            model.fit(x, y, fit);
        } catch (TrainingDivergedException diverged) {
            return new SweepResult.SeedRun(seed, OptionalInt.empty(), true);
        }
        return new SweepResult.SeedRun(seed, reached.epoch(), false);
    }

    @Override
    public String toString() {
        return "Sweep(hidden_layers=" + hiddenLayers + ", units=" + units + ", activation=" + activations
                + ", optimizer=" + optimizers + ", learning_rate=" + (learningRates.isEmpty() ? "default"
                : learningRates) + ", loss=" + losses + ", seeds=" + seeds + ", output_activation="
                + outputActivation + ", target=" + monitor + " " + target + " (" + mode.kerasName() + "), epochs="
                + epochBudget + ", batch_size=" + (batchSize == null ? Fit.DEFAULT_BATCH_SIZE : batchSize) + ")";
    }
}
