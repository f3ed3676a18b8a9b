package io.github.keras4j.run;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.internal.FileLimits;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.keras.ModelConfig;
import io.github.keras4j.spark.TrainingMasterType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One training run as a JSON file: what a Keras script says in {@code model_from_json}, {@code compile} and
 * {@code fit}, plus the CSV data, the seed and where the results go.
 * <pre>{@code
 * {
 *   "model":   <exactly what Keras's model.to_json() writes>,
 *   "compile": <what Keras stores as training_config: loss, metrics, optimizer_config>,
 *   "fit":     {"epochs": 500, "batch_size": 32, "verbose": 2, "shuffle": true, "validation_split": 0.0,
 *               "class_weight": {"0": 1.0, "1": 2.0}, "initial_epoch": 0,
 *               "callbacks": [{"class_name": "EarlyStopping", "config": {"monitor": "loss", "patience": 3}}]},
 *   "data":    {"train": "datasets/xor.csv", "validation": null, "test": null, "labels": ["y"]},
 *   "load_weights": "initial.npz",
 *   "seed":    1,
 *   "outputs": {"model": "runs/xor/model.keras4j", "history": "runs/xor/history.csv",
 *               "predictions": "runs/xor/predictions.csv", "plots": "runs/xor/plots"},
 *   "spark":   {"master": "local[2]", "training_master": "averaging", "averaging_frequency": 5}
 * }
 * }</pre>
 * {@code model}, {@code compile}, {@code data} are required; {@code fit} keys left out take Keras's defaults
 * ({@link Fit}); {@code load_weights} (Keras's {@code model.load_weights} before {@code fit}: an {@code .npz} file
 * written by {@link Sequential#saveWeights}) and {@code seed} (default: a random one, as Keras) are optional;
 * outputs default to {@code runs/<config name>/model.keras4j}, {@code history.csv} and {@code predictions.csv};
 * {@code plots} (a folder for the pictures of training, see {@code plot.TrainingPlots}) is drawn only when given;
 * {@code spark} ({@link SparkConfig}) trains on Spark instead of this machine.
 * Paths are relative to the working directory. An unknown key is an error naming it, the file and the valid keys;
 * a value of the wrong type is an error naming its path ({@code fit.epochs}).
 */
public final class RunConfig implements Cloneable {

    /** The top-level keys. */
    public static final List<String> KEYS = List.of("model", "compile", "fit", "data", "load_weights", "seed",
            "outputs", "spark");
    /** The keys of {@code fit}: Keras's {@code fit} arguments that a file can hold. */
    public static final List<String> FIT_KEYS = List.of("epochs", "batch_size", "verbose", "shuffle",
            "validation_split", "class_weight", "initial_epoch", "callbacks");
    /** The keys of {@code outputs}. */
    public static final List<String> OUTPUT_KEYS = List.of("model", "history", "predictions", "plots");
    /** Where outputs go by default: {@code runs/<config name>/}. */
    public static final String RUNS_DIRECTORY = "runs";
    public static final String MODEL_FILE = "model.keras4j";
    public static final String HISTORY_FILE = "history.csv";
    public static final String PREDICTIONS_FILE = "predictions.csv";

    private String source;
    private String name;
    private Map<String, Object> model;
    private Map<String, Object> compile;
    private ConfigSection fit;
    private Integer epochs;
    private Integer verbose;
    private DataConfig data;
    private Path loadWeights;
    private Long seed;
    private Path modelOutput;
    private Path historyOutput;
    private Path predictionsOutput;
    private Path plotsOutput;
    private SparkConfig spark;
    /** The folder every output goes into ({@code --output}), or null for {@code runs/<name>/}. */
    private Path outputFolder;
    /** Whether outputs may lie outside the output folder ({@code --allow-outside-output}). */
    private boolean outsideOutputAllowed;
    /** Whether the plots folder was chosen by the user ({@code --plots}), not by the config. */
    private boolean plotsChosenByUser;

    private RunConfig(String source, String name, Map<String, Object> model, Map<String, Object> compile,
            ConfigSection fit, Integer epochs, Integer verbose, DataConfig data, Path loadWeights, Long seed,
            Path modelOutput, Path historyOutput, Path predictionsOutput, Path plotsOutput) {
        this.source = source;
        this.name = name;
        this.model = model;
        this.compile = compile;
        this.fit = fit;
        this.epochs = epochs;
        this.verbose = verbose;
        this.data = data;
        this.loadWeights = loadWeights;
        this.seed = seed;
        this.modelOutput = modelOutput;
        this.historyOutput = historyOutput;
        this.predictionsOutput = predictionsOutput;
        this.plotsOutput = plotsOutput;
    }

    /** Reads and checks a run config file; its name (without {@code .json}) names the default output folder. */
    public static RunConfig read(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new MissingFileException("config file " + file + " does not exist");
        }
        String json = FileLimits.readText(file, "a run config");
        String fileName = file.getFileName().toString();
        return fromJson(json, fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName,
                file.toString());
    }

    /**
     * Reads and checks a run config.
     *
     * @param name the run's name, which names the default output folder {@code runs/<name>/}
     * @param source what the text came from, for error messages
     */
    public static RunConfig fromJson(String json, String name, String source) {
        Map<String, Object> tree = KerasJson.read(json, source);
        ConfigSection root = new ConfigSection(source, "", tree, KEYS);
        for (String required : List.of("model", "compile", "data")) {
            if (!root.has(required)) {
                throw root.error("missing \"" + required + "\"; a run config has the keys " + KEYS);
            }
        }
        Map<String, Object> model = root.object("model");
        Map<String, Object> compile = root.object("compile");
        ConfigSection fit = root.section("fit", FIT_KEYS);
        DataConfig data = DataConfig.read(root.section("data", DataConfig.KEYS));
        ConfigSection outputs = root.section("outputs", OUTPUT_KEYS);
        Path folder = Path.of(RUNS_DIRECTORY, name);
        Path loadWeights = root.path("load_weights");
        RunConfig config = new RunConfig(source, name, model, compile, fit, null, null, data,
                loadWeights, root.longOrNull("seed"),
                output(outputs, "model", folder.resolve(MODEL_FILE)),
                output(outputs, "history", folder.resolve(HISTORY_FILE)),
                output(outputs, "predictions", folder.resolve(PREDICTIONS_FILE)),
                output(outputs, "plots", null));
        if (root.has("spark")) {
            config.spark = SparkConfig.read(root.section("spark", SparkConfig.KEYS));
        }
        // Everything that can be checked without data is checked now, so that a bad config fails before training.
        Sequential built = config.compiledModel();
        config.fitOptions();
        if (data.oneHot() != null && data.oneHot() != built.outputUnits()) {
            throw new IllegalArgumentException(source + ": data.one_hot is " + data.oneHot() + " but the model "
                    + "outputs " + built.outputUnits() + " values: one column per class");
        }
        return config;
    }

    private static Path output(ConfigSection outputs, String key, Path otherwise) {
        Path path = outputs.path(key);
        return path == null ? otherwise : path;
    }

    // ---- overrides (the command line's --epochs, --verbose, --seed, --output) ----

    /** A copy that trains for {@code epochs} epochs. */
    public RunConfig withEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, received: " + epochs);
        }
        RunConfig copy = copy();
        copy.epochs = epochs;
        return copy;
    }

    /** A copy with this verbosity (0, 1 or 2) for fit and evaluate. */
    public RunConfig withVerbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, received: " + verbose);
        }
        RunConfig copy = copy();
        copy.verbose = verbose;
        return copy;
    }

    /** A copy with this seed. */
    public RunConfig withSeed(long seed) {
        RunConfig copy = copy();
        copy.seed = seed;
        return copy;
    }

    /**
     * A copy that writes every output into {@code directory}, keeping the files' names: the model, History and
     * predictions, the config's plots folder, and the files of the config's callbacks (CSVLogger's
     * {@code filename}, ModelCheckpoint's {@code filepath}). The command line's {@code --output}.
     */
    public RunConfig withOutputDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        RunConfig copy = copy();
        copy.outputFolder = directory;
        copy.modelOutput = directory.resolve(modelOutput.getFileName());
        copy.historyOutput = directory.resolve(historyOutput.getFileName());
        copy.predictionsOutput = directory.resolve(predictionsOutput.getFileName());
        copy.plotsOutput = plotsOutput == null || plotsChosenByUser ? plotsOutput
                : directory.resolve(plotsOutput.getFileName());
        return copy;
    }

    /** A copy that writes the pictures of training ({@code TrainingPlots}) into {@code directory}, wherever it is. */
    public RunConfig withPlotsDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        RunConfig copy = copy();
        copy.plotsOutput = directory;
        copy.plotsChosenByUser = true;
        return copy;
    }

    /**
     * A copy whose config may name output paths outside the output folder (the command line's
     * {@code --allow-outside-output}); by default {@link Training#run} refuses them, since a config from elsewhere
     * could otherwise write anywhere the user can.
     */
    public RunConfig allowingOutsideOutput() {
        RunConfig copy = copy();
        copy.outsideOutputAllowed = true;
        return copy;
    }

    /** The folder the run's outputs belong in: {@code --output}'s, else {@code runs/<config name>/}. */
    public Path outputFolder() {
        return outputFolder != null ? outputFolder : Path.of(RUNS_DIRECTORY, name);
    }

    /**
     * Checks that every file the config names for writing lies inside {@link #outputFolder()} (links followed), unless
     * {@link #allowingOutsideOutput()} was asked for.
     *
     * @throws IllegalArgumentException naming the config, the key and the path
     */
    public void requireOutputsInside() {
        if (outsideOutputAllowed) {
            return;
        }
        Path folder = realPath(outputFolder());
        java.util.Map<String, Path> named = new LinkedHashMap<>();
        named.put("outputs.model", modelOutput);
        named.put("outputs.history", historyOutput);
        named.put("outputs.predictions", predictionsOutput);
        if (plotsOutput != null && !plotsChosenByUser) {
            named.put("outputs.plots", plotsOutput);
        }
        named.putAll(CallbackConfigs.outputFiles(fit, "callbacks", this::relocated));
        for (Map.Entry<String, Path> entry : named.entrySet()) {
            Path real = realPath(entry.getValue());
            if (!real.startsWith(folder) || real.equals(folder)) {
                throw new IllegalArgumentException(source + ": " + entry.getKey() + " writes " + entry.getValue()
                        + ", outside the run's output folder " + outputFolder() + "; move it there, or pass "
                        + "--allow-outside-output (RunConfig.allowingOutsideOutput()) if you trust this config");
            }
        }
    }

    /** A callback's output path: inside {@code --output}'s folder when one was given. */
    private Path relocated(Path configured) {
        return outputFolder == null || configured.getFileName() == null ? configured
                : outputFolder.resolve(configured.getFileName());
    }

    /** The path with every link of its deepest existing ancestor resolved, and the rest normalized. */
    private static Path realPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            // A dangling link: where it points is not known, so it counts as outside.
            return Path.of("/").resolve("..dangling-link").resolve(absolute.toString().replace('/', '_'));
        }
    }

    /**
     * A copy that trains on Spark: on {@code master} (null keeps the config's {@code spark.master}) with
     * {@code trainingMaster} (null keeps the config's, else parameter averaging). The command line's
     * {@code --spark} and {@code --training-master}.
     */
    public RunConfig withSpark(String master, TrainingMasterType trainingMaster) {
        SparkConfig base = spark == null ? SparkConfig.DEFAULTS : spark;
        RunConfig copy = copy();
        copy.spark = base.withMaster(master == null ? base.master() : master)
                .withTrainingMaster(trainingMaster == null ? base.trainingMaster() : trainingMaster);
        return copy;
    }

    private RunConfig copy() {
        try {
            // Every field holds an immutable value (the parsed sections are never changed after reading).
            return (RunConfig) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    // ---- what the run is ----

    /** How the run trains on Spark, or null to train on this machine. */
    public SparkConfig spark() {
        return spark;
    }

    /** The file (or text) the config was read from. */
    public String source() {
        return source;
    }

    /** The run's name: the config file's name without {@code .json}. */
    public String name() {
        return name;
    }

    /** The model part, Keras's {@code to_json()} tree. */
    public Map<String, Object> modelConfig() {
        return model;
    }

    /** The compile part, Keras's {@code training_config}. */
    public Map<String, Object> trainingConfig() {
        return compile;
    }

    public DataConfig data() {
        return data;
    }

    /** The seed, or null for a random one. */
    public Long seed() {
        return seed;
    }

    /** The weights file loaded before training, or null. */
    public Path loadWeights() {
        return loadWeights;
    }

    public Path modelOutput() {
        return modelOutput;
    }

    public Path historyOutput() {
        return historyOutput;
    }

    public Path predictionsOutput() {
        return predictionsOutput;
    }

    /** The folder for the pictures of training, or null: none are drawn unless asked for. */
    public Path plotsOutput() {
        return plotsOutput;
    }

    /** The fit verbosity: the override, the config's {@code fit.verbose}, or Keras's default 1. */
    public int verbose() {
        return verbose != null ? verbose : fit.integer("verbose", Fit.DEFAULT_VERBOSE, 0, 2);
    }

    /** The batch size: {@code fit.batch_size} or Keras's default 32. */
    public int batchSize() {
        return fit.integer("batch_size", Fit.DEFAULT_BATCH_SIZE, 1, Integer.MAX_VALUE);
    }

    /** The model the config describes, uncompiled, with fresh weights (not yet created). */
    public Sequential model() {
        try {
            return ModelConfig.fromModelConfig(model, source + ", model");
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw located(e, "model");
        }
    }

    /** The model, seeded, compiled as {@code compile} says and with {@code load_weights} loaded. */
    public Sequential compiledModel() {
        Sequential built = model();
        if (seed != null) {
            built.seed(seed);
        }
        try {
            ModelConfig.compile(built, compile, source);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw located(e, "compile");
        }
        if (loadWeights != null) {
            if (Files.exists(loadWeights) && !Files.isRegularFile(loadWeights)) {
                throw new IllegalArgumentException(source + ": load_weights: " + loadWeights + " is not a regular "
                        + "file (a folder, a FIFO or a device); give a weights file (.npz, .h5)");
            }
            if (!Files.isRegularFile(loadWeights)) {
                throw new MissingFileException(source + ": load_weights: weights file " + loadWeights
                        + " does not exist");
            }
            built.loadWeights(loadWeights);
        }
        return built;
    }

    /** Fit's options from {@code fit}, with the overrides, and fresh callbacks. */
    public Fit fitOptions() {
        Fit options;
        try {
            options = Fit.defaults().withEpochs(epochs != null ? epochs
                    : fit.integer("epochs", Fit.DEFAULT_EPOCHS, 1, Integer.MAX_VALUE));
            options = options.verbose(verbose());
            if (fit.has("batch_size")) {
                options = options.batchSize(batchSize());
            }
            if (fit.has("shuffle")) {
                options = options.shuffle(fit.bool("shuffle", true));
            }
            if (fit.has("validation_split")) {
                if (data.validation() != null) {
                    throw fit.error("validation_split and data.validation are both given; Keras would ignore the "
                            + "split, so choose one");
                }
                options = options.validationSplit(fit.number("validation_split", 0));
            }
            if (fit.has("class_weight")) {
                options = options.classWeight(classWeight(fit));
            }
            if (fit.has("initial_epoch")) {
                options = options.initialEpoch(fit.integer("initial_epoch", 0, 0, options.epochs() - 1));
            }
        } catch (IllegalArgumentException e) {
            throw located(e, "fit");
        }
        List<Callback> callbacks = CallbackConfigs.read(fit, "callbacks", this::relocated);
        return options.callbacks(callbacks);
    }

    private static Map<Integer, Double> classWeight(ConfigSection fit) {
        Map<Integer, Double> weights = new LinkedHashMap<>();
        ConfigSection classWeight = fit.entries("class_weight");
        for (String key : classWeight.keys()) {
            int classIndex;
            try {
                classIndex = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw fit.error("class_weight keys must be class indices \"0\", \"1\"..., found \"" + key + "\"");
            }
            Double weight = classWeight.numberOrNull(key);
            if (weight == null) {
                throw classWeight.wrongType(key, "a number");
            }
            weights.put(classIndex, weight);
        }
        return weights;
    }

    /** Errors of the model and compile parts name the file and the part unless they already do. */
    private RuntimeException located(RuntimeException e, String part) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith(source)) {
            return e;
        }
        String located = source + ": " + part + ": " + message;
        return e instanceof UnsupportedOperationException ? new UnsupportedOperationException(located, e)
                : new IllegalArgumentException(located, e);
    }

    /** Every output path, in the order model, history, predictions, plots (when asked for). */
    public List<Path> outputs() {
        List<Path> outputs = new ArrayList<>(List.of(modelOutput, historyOutput, predictionsOutput));
        if (plotsOutput != null) {
            outputs.add(plotsOutput);
        }
        return outputs;
    }

    @Override
    public String toString() {
        return "RunConfig(" + source + ")";
    }
}
