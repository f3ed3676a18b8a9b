package io.github.keras4j;

import io.github.keras4j.data.CsvDataSetIterator;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.data.Normalization;
import io.github.keras4j.engine.Dl4jTranslator;
import io.github.keras4j.engine.ModelNetwork;
import io.github.keras4j.engine.Trainer;
import io.github.keras4j.engine.TrainingSetup;
import io.github.keras4j.internal.ArrayInput;
import io.github.keras4j.internal.NativeLibraries;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.keras.KerasModelFiles;
import io.github.keras4j.keras.ModelFileFormat;
import io.github.keras4j.keras.ModelConfig;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.Optimizers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model: layers with weights that {@code compile}, {@code fit}, {@code evaluate}, {@code predict}, {@code summary},
 * {@code save} and the weights' getters and setters work on, Keras's {@code keras.Model}. {@link Sequential} is the
 * one kind there is so far (a linear stack); callbacks, the training engine, Spark and plots take a {@code Model}.
 * The DL4J network is built when first needed (compile, fit, predict, getWeights) with the layers' Keras defaults;
 * {@link #network()} hands it out for DL4J users.
 *
 * <p>Threads: {@code predict}, {@code evaluate}, {@code getWeights}, {@code setWeights}, {@code save} and
 * {@code loadWeights} may be called from many threads at once on a trained model, and give the results a single
 * thread would. {@code predict} and {@code evaluate} run side by side, each thread on its own compiled buffers
 * (where the model runs DL4J's forward pass instead, they take turns on its network, which is not thread-safe); the
 * others take turns with every call. {@code fit} holds the model
 * for its whole run: it waits for calls already running, and a {@code predict}, {@code evaluate}, {@code fit} (or
 * any call above, or {@code compile}/{@code add}) from another thread while it trains is refused with an
 * {@link IllegalStateException} saying so. Callbacks run in the fitting thread and may call them all. Keras models
 * are not thread-safe at all; Keras's {@code predict} from several threads needs a lock of the caller's.
 */
public abstract class Model {

    static {
        // Before this entry point's first ND4J call: ND4J's BLAS and native build (docs/performance.md).
        NativeLibraries.configure();
    }

    private final String name;
    private long seed = new SecureRandom().nextLong();
    private History history;

    private TrainingSetup setup;
    private List<Metric> metrics = List.of();

    /** The DL4J network's life: built, rebuilt, its learning rate, its restore, and the trainer over it. */
    private final ModelNetwork engine = new ModelNetwork(this);
    private boolean stopTraining;

    /**
     * Held shared by predict and evaluate on a built model, exclusively by every other operation that reads or
     * changes the network; fit holds it exclusively for the whole fit.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** The thread running fit, or null. */
    private volatile Thread fitting;

    /** A model with this name. */
    protected Model(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model name must not be empty, received: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
    }

    /** The model's name, shown by {@link #summary()}. */
    public String name() {
        return name;
    }

    /** The layers, InputLayer excluded (as Keras's {@code model.layers}), in the order their outputs feed. */
    public abstract List<Layer> layers();

    /** The input shape the model declares (without the batch axis), or null while it has none. */
    protected abstract Shape declaredInputShape();

    /**
     * Fixes the seed of weight initialization, dropout and shuffling, so that runs are repeatable (Keras's
     * {@code keras.utils.set_random_seed}). Call it before the weights are created.
     */
    public Model seed(long seed) {
        if (engine.isBuilt()) {
            throw new IllegalStateException("seed(" + seed + ") must be called before the model's weights are "
                    + "created (by fit, predict, getWeights or network())");
        }
        this.seed = seed;
        return this;
    }

    /** The seed in use (a random one unless {@link #seed(long)} was called). */
    public long seed() {
        return seed;
    }

    // ---------------------------------------------------------------------------------------------------------
    // compile

    /** {@code model.compile(optimizer=..., loss=..., metrics=[...])} with Keras names. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
    }

    /** {@code model.compile} with a typed optimizer: {@code compile(new SGD(0.1).momentum(0.9), "mse")}. */
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), metrics);
    }

    /** {@code model.compile} with a named optimizer and a typed loss. */
    public void compile(String optimizer, Loss loss, String... metrics) {
        compile(Optimizers.get(optimizer), loss, metrics);
    }

    /** {@code model.compile} with typed objects and no metrics: {@code compile(new SGD(0.1), new Huber(2.0))}. */
    public void compile(Optimizer optimizer, Loss loss) {
        compile(optimizer, loss, List.of());
    }

    /** {@code model.compile} with typed objects and metric names. */
    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        Objects.requireNonNull(metrics, "metrics");
        List<Metric> named = new ArrayList<>();
        for (String metric : metrics) {
            named.add(Metrics.get(metric));
        }
        compile(optimizer, loss, named);
    }

    /** {@code model.compile} with typed objects: {@code compile(new Adam(), Losses.MEAN_SQUARED_ERROR, Metrics.MEAN_ABSOLUTE_ERROR)}. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        Objects.requireNonNull(metrics, "metrics");
        compile(optimizer, loss, Arrays.asList(metrics));
    }

    private void compile(Optimizer optimizer, Loss loss, List<Metric> requested) {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        requireNotFitting("compile");
        requireBuildable("compile");
        int units = outputUnits();
        Layer last = layers().get(layers().size() - 1);
        Activations lastActivation = last.outputActivation();
        if (units == 1 && lastActivation == Activations.SOFTMAX) {
            throw new IllegalArgumentException("the last layer '" + last.name() + "' has 1 unit with activation "
                    + "softmax, whose output is always 1.0: use sigmoid for one output, or one unit per class");
        }
        int labelColumns = loss.sparseLabels() ? 1 : units;
        List<Metric> compiled = Metrics.resolveAll(requested, units, labelColumns);
        this.setup = new TrainingSetup(optimizer, loss);
        this.metrics = List.copyOf(compiled);
        engine.modelChanged();
    }

    /** Whether {@code compile} was called. */
    public boolean isCompiled() {
        return setup != null;
    }

    /** The compiled optimizer, or null. */
    public Optimizer optimizer() {
        return setup == null ? null : setup.optimizer();
    }

    /** The compiled loss, or null. */
    public Loss loss() {
        return setup == null ? null : setup.loss();
    }

    /**
     * The optimizer's current learning rate, Keras's {@code model.optimizer.learning_rate}: with a decay, the base
     * rate on top of which it applies.
     */
    public double learningRate() {
        requireCompiled("learningRate");
        return setup.optimizer().learningRate();
    }

    /**
     * Changes the learning rate from now on, keeping the optimizer's state, as Keras's
     * {@code model.optimizer.learning_rate = lr} (what ReduceLROnPlateau and LearningRateScheduler do).
     */
    public void learningRate(double learningRate) {
        requireCompiled("learningRate");
        Optimizer changed = setup.optimizer().learningRate(learningRate);
        setup = new TrainingSetup(changed, setup.loss());
        engine.learningRateChanged(changed);
    }

    private void requireCompiled(String operation) {
        if (setup == null) {
            throw new IllegalStateException(operation + "() needs a compiled model: call compile(optimizer, loss, "
                    + "metrics...) first");
        }
    }

    /** {@code loss} then the compiled metrics' names, the order of {@link #evaluate}'s result (Keras's {@code metrics_names}). */
    public List<String> metricsNames() {
        List<String> names = new ArrayList<>();
        names.add("loss");
        for (Metric metric : metrics) {
            names.add(metric.kerasName());
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------
    // fit

    /** {@code model.fit(x, y)} with Keras's defaults (1 epoch, batches of 32, verbose 1). */
    public History fit(float[][] x, float[][] y) {
        return fit(x, y, Fit.defaults());
    }

    /** {@code model.fit(x, y, ...)}: {@code fit(x, y, Fit.epochs(500).verbose(2))}. */
    public History fit(float[][] x, float[][] y, Fit options) {
        return fit(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y), options);
    }

    /** {@code model.fit(x, y)} with Keras's defaults. */
    public History fit(double[][] x, double[][] y) {
        return fit(x, y, Fit.defaults());
    }

    /** {@code model.fit(x, y, ...)}. */
    public History fit(double[][] x, double[][] y, Fit options) {
        return fit(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y), options);
    }

    /** {@code model.fit(x, y)} on sequences {@code [samples][timesteps][features]}, with Keras's defaults. */
    public History fit(float[][][] x, float[][] y) {
        return fit(x, y, Fit.defaults());
    }

    /** {@code model.fit(x, y, ...)} on sequences {@code [samples][timesteps][features]}, one label row per sample. */
    public History fit(float[][][] x, float[][] y, Fit options) {
        return fit(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y), options);
    }

    /** {@code model.fit(x, y, ...)} on sequences, labelled at every timestep ({@code [samples][timesteps][units]}). */
    public History fit(float[][][] x, float[][][] y, Fit options) {
        return fit(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y), options);
    }

    /** {@code model.fit(x, y)} on token indices {@code [samples][timesteps]} (a model starting with Embedding). */
    public History fit(int[][] x, float[][] y) {
        return fit(x, y, Fit.defaults());
    }

    /** {@code model.fit(x, y, ...)} on token indices {@code [samples][timesteps]} (a model starting with Embedding). */
    public History fit(int[][] x, float[][] y, Fit options) {
        return fit(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y), options);
    }

    /** {@code model.fit(x, y)} with Keras's defaults. */
    public History fit(INDArray x, INDArray y) {
        return fit(x, y, Fit.defaults());
    }

    /**
     * {@code model.fit(x, y, ...)}: samples x features matrices, sequences {@code [samples, timesteps, features]},
     * token indices {@code [samples, timesteps]} or images {@code [samples, height, width, channels]}; labels
     * {@code [samples, units]}, or {@code [samples, timesteps, units]} for a model that outputs sequences.
     */
    public History fit(INDArray x, INDArray y, Fit options) {
        Objects.requireNonNull(options, "options");
        return fitting(() -> history = trainer("fit").fit(x, y, options, seed));
    }

    /** {@code model.fit(dataset)} on the batches of a DL4J iterator (Keras's generator / tf.data input). */
    public History fit(DataSetIterator data, Fit options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        return fitting(() -> history = trainer("fit").fit(data, options));
    }

    /**
     * {@code model.fit} on data distributed over a cluster, each epoch trained there:
     * {@code model.fit(spark.distribute(rdd), Fit.epochs(20))} with a {@code SparkTraining} (docs/spark.md). The epoch log, History and epoch-end callbacks are Keras's; per-batch callback hooks are not called.
     */
    public History fit(DistributedDataset data, Fit options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        return fitting(() -> history = trainer("fit").fit(data, options));
    }

    /** {@code model.evaluate} on data distributed over a cluster, scored there. */
    public double[] evaluate(DistributedDataset data) {
        Objects.requireNonNull(data, "data");
        return using("evaluate", () -> trainer("evaluate").evaluate(data));
    }

    /**
     * {@code model.fit} on a CSV file, streamed batch by batch in file order (shuffle it yourself, or load() it
     * into arrays to let fit shuffle). A dataset that normalizes puts its statistics in the model, as Keras's
     * {@code Normalization} layer first ({@link #normalization(io.github.keras4j.layers.Normalization)}), and its
     * rows go to the model unscaled.
     */
    public History fit(CsvDataset data, Fit options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        return fitting(() -> {
            requireLabels(data, "fit");
            requireCompiledFor("fit");
            CsvDataset rows = data;
            if (data.normalization() != Normalization.NONE) {
                normalization(data.normalizationLayer());
                rows = data.normalize(Normalization.NONE);
            }
            try (CsvDataSetIterator batches = rows.iterator()) {
                history = trainer("fit").fit(batches, options);
            }
            return history;
        });
    }

    /** {@code model.evaluate} on a CSV file, streamed; a Normalization layer of the model scales it. */
    public double[] evaluate(CsvDataset data) {
        return evaluate(data, 1);
    }

    /** {@code model.evaluate(..., verbose=...)} on a CSV file. */
    public double[] evaluate(CsvDataset data, int verbose) {
        Objects.requireNonNull(data, "data");
        checkBatchAndVerbose(1, verbose);
        CsvDataset rows = forModel(data, "evaluate");
        return inferring("evaluate", trainer -> {
            try (CsvDataSetIterator batches = rows.iterator()) {
                return trainer.evaluate(batches, verbose);
            }
        });
    }

    /** {@code model.predict} on a CSV file's feature columns (loaded into memory, as the outputs will be). */
    public INDArray predict(CsvDataset data) {
        Objects.requireNonNull(data, "data");
        INDArray features = forModel(data, "predict").load().features();
        return inferring("predict", trainer -> trainer.predict(features, data.batchSize(), 1));
    }

    private static void requireLabels(CsvDataset data, String operation) {
        if (data.labelCount() == 0 && !"predict".equals(operation)) {
            throw new IllegalArgumentException(operation + "() needs labels: " + data.fileName() + " has no label "
                    + "columns; choose them with labelColumns(...)");
        }
    }

    /** The dataset as given; one scaling itself is refused when the model's Normalization layer scales too. */
    private CsvDataset forModel(CsvDataset data, String operation) {
        requireLabels(data, operation);
        io.github.keras4j.layers.Normalization layer = normalization();
        if (data.normalization() != Normalization.NONE && layer != null) {
            throw new IllegalArgumentException(operation + "() received " + data.fileName() + " scaled by its own "
                    + "normalization (" + data.normalization().kerasName() + "), but the model scales its inputs "
                    + "with its Normalization layer '" + layer.name() + "': give it the file unscaled");
        }
        return data;
    }

    /** Ends training after the current batch when set from a callback (Keras's {@code model.stop_training = True}). */
    public void stopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    /** Whether a callback asked to stop training. */
    public boolean stopTraining() {
        return stopTraining;
    }

    // ---------------------------------------------------------------------------------------------------------
    // evaluate and predict

    /** {@code model.evaluate(x, y)}: {@code [loss, metric...]} in {@link #metricsNames()} order; prints a bar. */
    public double[] evaluate(float[][] x, float[][] y) {
        return evaluate(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y));
    }

    /** {@code model.evaluate(x, y)}. */
    public double[] evaluate(double[][] x, double[][] y) {
        return evaluate(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y));
    }

    /** {@code model.evaluate(x, y)} on sequences {@code [samples][timesteps][features]}. */
    public double[] evaluate(float[][][] x, float[][] y) {
        return evaluate(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y));
    }

    /** {@code model.evaluate(x, y)} on token indices {@code [samples][timesteps]}. */
    public double[] evaluate(int[][] x, float[][] y) {
        return evaluate(ArrayInput.toArray("x", x), ArrayInput.toArray("y", y));
    }

    /** {@code model.evaluate(x, y)} with Keras's defaults: batches of 32, verbose 1. */
    public double[] evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, Fit.DEFAULT_BATCH_SIZE, 1);
    }

    /** {@code model.evaluate(x, y, batch_size=..., verbose=...)}. */
    public double[] evaluate(INDArray x, INDArray y, int batchSize, int verbose) {
        checkBatchAndVerbose(batchSize, verbose);
        return inferring("evaluate", trainer -> trainer.evaluate(x, y, batchSize, verbose));
    }

    /** {@code model.predict(x)}: the outputs, one row per sample; prints a bar as Keras does (verbose 1). */
    public INDArray predict(float[][] x) {
        return predict(ArrayInput.toArray("x", x));
    }

    /** {@code model.predict(x)}. */
    public INDArray predict(double[][] x) {
        return predict(ArrayInput.toArray("x", x));
    }

    /** {@code model.predict(x)} on sequences {@code [samples][timesteps][features]}. */
    public INDArray predict(float[][][] x) {
        return predict(ArrayInput.toArray("x", x));
    }

    /** {@code model.predict(x)} on token indices {@code [samples][timesteps]}. */
    public INDArray predict(int[][] x) {
        return predict(ArrayInput.toArray("x", x));
    }

    /** {@code model.predict(x)} with Keras's defaults: batches of 32, verbose 1. */
    public INDArray predict(INDArray x) {
        return predict(x, Fit.DEFAULT_BATCH_SIZE, 1);
    }

    /** {@code model.predict(x, batch_size=..., verbose=...)}. */
    public INDArray predict(INDArray x, int batchSize, int verbose) {
        checkBatchAndVerbose(batchSize, verbose);
        return inferring("predict", trainer -> trainer.predict(x, batchSize, verbose));
    }

    private static void checkBatchAndVerbose(int batchSize, int verbose) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1, received: batch_size=" + batchSize);
        }
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, received: verbose=" + verbose);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // weights

    /** Keras's {@code model.layers[i].get_weights()}: copies, e.g. [kernel (inputs x units), bias (units)]. */
    public List<INDArray> getWeights(int layerIndex) {
        checkLayerIndex(layerIndex);
        return using("getWeights", () -> Dl4jTranslator.getWeights(network(), layers().get(layerIndex), layerIndex));
    }

    /** Keras's {@code model.get_weights()}: every layer's weights, in layer order. */
    public List<INDArray> getWeights() {
        List<INDArray> all = new ArrayList<>();
        for (int i = 0; i < layers().size(); i++) {
            all.addAll(getWeights(i));
        }
        return all;
    }

    /** Keras's {@code model.set_weights(weights)}: every layer's weights in the order {@link #getWeights()} gives. */
    public void setWeights(List<INDArray> weights) {
        Objects.requireNonNull(weights, "weights");
        int expected = 0;
        for (Layer layer : layers()) {
            expected += Dl4jTranslator.weightCount(layer);
        }
        if (weights.size() != expected) {
            throw new IllegalArgumentException("the model has " + expected + " weight arrays but " + weights.size()
                    + " were given");
        }
        int next = 0;
        for (int i = 0; i < layers().size(); i++) {
            int count = Dl4jTranslator.weightCount(layers().get(i));
            setWeights(i, weights.subList(next, next + count).toArray(new INDArray[0]));
            next += count;
        }
    }

    /** Keras's {@code model.layers[i].set_weights([kernel, bias])}: shapes as {@link #getWeights(int)} returns. */
    public void setWeights(int layerIndex, INDArray... weights) {
        checkLayerIndex(layerIndex);
        using("setWeights", () -> {
            Dl4jTranslator.setWeights(network(), layers().get(layerIndex), layerIndex, weights);
            return null;
        });
    }

    /** {@link #setWeights(int, INDArray...)} from Java arrays: a kernel (inputs x units), then an optional bias. */
    public void setWeights(int layerIndex, double[][] kernel, double[] bias) {
        if (bias == null) {
            setWeights(layerIndex, ArrayInput.toArray("kernel", kernel));
        } else {
            setWeights(layerIndex, ArrayInput.toArray("kernel", kernel), Nd4j.createFromArray(bias));
        }
    }

    private void checkLayerIndex(int layerIndex) {
        if (layerIndex < 0 || layerIndex >= layers().size()) {
            throw new IndexOutOfBoundsException("layer index " + layerIndex + " is out of range: the model has "
                    + layers().size() + " layers (InputLayer excluded)");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // files

    /**
     * Saves the whole model (Keras's {@code model.save}), in the format the file's name gives, as Keras chooses it:
     * <ul>
     * <li>{@code .keras}: Keras 3's archive (config, compile config, weights and the optimizer's state), which
     * {@code keras.saving.load_model} loads and goes on training;</li>
     * <li>{@code .h5} or {@code .hdf5}: Keras 2's HDF5 model file (model and training configs, weights and
     * {@code optimizer_weights}), which Keras 2 and 3 load;</li>
     * <li>any other name: keras4j's format: architecture, weights, compile settings, the optimizer's state, the
     * History and the counters, so that {@link #load} resumes training exactly (for models without dropout, whose
     * random stream is not saved).</li>
     * </ul>
     * The file is written atomically.
     *
     * @throws UnsupportedOperationException when the model has a layer or optimizer setting the chosen Keras lacks
     */
    public void save(Path path) {
        Objects.requireNonNull(path, "path");
        using("save", () -> {
            SaveFormat.ofModel(path).saveModel(this, path);
            return null;
        });
    }

    /**
     * Saves the weights only (Keras's {@code model.save_weights}), in the format the file's name gives:
     * {@code .weights.h5} Keras 3's weights file (with the optimizer's state, as Keras 3 writes it), {@code .h5} or
     * {@code .hdf5} Keras 2's, any other name a NumPy {@code .npz} archive of {@code layer_name/kernel.npy},
     * {@code layer_name/bias.npy}... (readable with {@code numpy.load}).
     */
    public void saveWeights(Path path) {
        Objects.requireNonNull(path, "path");
        using("saveWeights", () -> {
            SaveFormat.ofWeights(path).saveWeights(this, path);
            return null;
        });
    }

    /**
     * Loads weights into this model by layer order, as Keras's {@code model.load_weights} does: the saved layers with
     * weights fill this model's layers with weights, whose shapes must match. Reads keras4j's {@code .npz} files
     * ({@link #saveWeights}), Keras 1/2 {@code save_weights} HDF5 files, Keras 3 {@code .weights.h5} files, and the
     * weights of whole Keras model files ({@code .h5}, {@code .keras}).
     */
    public void loadWeights(Path path) {
        Objects.requireNonNull(path, "path");
        requireNotFitting("loadWeights");
        lock.writeLock().lock();
        try {
            ModelFileFormat format = ModelFileFormat.detect(path);
            switch (format) {
                case KERAS4J_WEIGHTS -> ModelFiles.loadWeights(this, path);
                case KERAS3_ARCHIVE, HDF5 -> KerasModelFiles.loadWeights(this, path, format);
                case KERAS4J_MODEL -> throw new IllegalArgumentException(path + " is a keras4j model file, not a "
                        + "weights file: load it with Sequential.load(" + path.getFileName() + ")");
            }
        } catch (RuntimeException e) {
            throw InvalidFileException.of(path, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Keras's {@code model.to_json()}: the architecture as Keras 2's JSON (no weights, no training settings). */
    public String toJson() {
        requireBuildable("toJson");
        return KerasJson.write(ModelConfig.modelConfig(this));
    }

    /** Takes over the weights, optimizer state and counters read from a model file. */
    void restoreState(INDArray params, INDArray updaterState, int iterationCount, int epochCount,
            History restoredHistory) {
        engine.restore(params, updaterState, iterationCount, epochCount);
        history = restoredHistory;
    }

    // ---------------------------------------------------------------------------------------------------------
    // summary

    /** Prints Keras's {@code model.summary()} table. */
    public void summary() {
        summary(System.out::println);
    }

    /** Gives each line of Keras's {@code model.summary()} table to {@code printFn} (Keras's {@code print_fn}). */
    public void summary(Consumer<String> printFn) {
        requireBuildable("summary");
        ModelSummary.print(this, declaredInputShape(), printFn);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the DL4J network

    /**
     * The DL4J network that holds the weights, built on first use: an escape hatch for DL4J users. Changing its
     * configuration behind the model's back is not supported; reading and listening to it is.
     */
    public MultiLayerNetwork network() {
        requireBuildable("network");
        lock.writeLock().lock();
        try {
            return engine.network();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The number of input features, from the first layer's input shape or an InputLayer.
     *
     * @throws UnsupportedOperationException for a model taking images: see {@link #inputShape()}
     */
    public long inputUnits() {
        requireBuildable("inputUnits");
        if (!declaredInputShape().isFeatures()) {
            throw new UnsupportedOperationException("the model takes input of shape " + declaredInputShape()
                    + ", not a number of features: use inputShape()");
        }
        return declaredInputShape().last();
    }

    /**
     * The input shape without the batch axis: {@code [features]}, {@code [timesteps, features]} or
     * {@code [height, width, channels]}; an unknown size (Keras's {@code None}) is {@link Shape#NONE}.
     */
    public long[] inputShape() {
        requireBuildable("inputShape");
        return declaredInputShape().sizes();
    }

    /** The number of outputs of the last layer (of each timestep, when it outputs sequences). */
    public int outputUnits() {
        requireBuildable("outputUnits");
        Shape output = shape();
        if (output.isImage()) {
            throw new UnsupportedOperationException("the model outputs shape " + output
                    + ", not a number of units: end it with Flatten and Dense");
        }
        return (int) output.last();
    }

    /** The compiled metrics, resolved as Keras resolves them ({@code accuracy} becomes a concrete accuracy). */
    public List<Metric> metrics() {
        return metrics;
    }

    /** The model's first layer when it is a Keras {@code Normalization} layer, which scales every input; or null. */
    public io.github.keras4j.layers.Normalization normalization() {
        List<Layer> layers = layers();
        return !layers.isEmpty() && layers.get(0) instanceof io.github.keras4j.layers.Normalization first ? first
                : null;
    }

    /**
     * Puts a Keras {@code Normalization} layer in front of the model's layers, or, when the model's first layer is
     * one, gives it the adapted statistics of {@code layer} (what {@link #fit(CsvDataset, Fit)} on a normalizing
     * dataset does). A layer put in front of a model whose weights exist keeps them; the optimizer state starts
     * afresh, as after a recompile.
     */
    public void normalization(io.github.keras4j.layers.Normalization layer) {
        Objects.requireNonNull(layer, "layer");
        requireNotFitting("normalization");
        lock.writeLock().lock();
        try {
            requireBuildable("normalization");
            io.github.keras4j.layers.Normalization first = normalization();
            double[] mean = layer.adaptedMean();
            if (first != null) {
                if (first.mean() != null || mean == null) {
                    throw new IllegalArgumentException("the model's Normalization layer '" + first.name() + "' "
                            + (first.mean() != null ? "was given its mean and variance as arguments"
                            : "is there already") + "; it cannot take the statistics of " + layer);
                }
                if (!engine.isBuilt()) {
                    replaceFirstLayer(first.statistics(mean, layer.adaptedVariance()));
                } else {
                    setWeights(0, Nd4j.createFromArray(mean), Nd4j.createFromArray(layer.adaptedVariance()),
                            Nd4j.scalar(DataType.LONG, 0L));
                }
                return;
            }
            io.github.keras4j.layers.Normalization named = (io.github.keras4j.layers.Normalization) layer.named();
            named.outputShape(declaredInputShape());
            // Every Keras layer index shifts by one, so the network is built anew with the weights it had (and, as
            // after a recompile, a fresh optimizer state).
            List<List<INDArray>> weights = new ArrayList<>();
            if (engine.isBuilt()) {
                for (int i = 0; i < layers().size(); i++) {
                    weights.add(getWeights(i));
                }
            }
            insertFirstLayer(named);
            for (int i = 0; i < weights.size(); i++) {
                setWeights(i + 1, weights.get(i).toArray(new INDArray[0]));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Puts {@code layer} before the model's first layer (its name checked unique), as the model's input layer. */
    protected abstract void insertFirstLayer(Layer layer);

    /** Replaces the model's first layer, before its weights exist, by {@code layer} (same type and name). */
    protected abstract void replaceFirstLayer(Layer layer);

    /** The History of the last {@code fit} (Keras's {@code model.history}), or null before any. */
    public History history() {
        return history;
    }

    /** Keras's {@code model.output_shape}: the last layer's output shape, printed as {@code (None, 20, 1)}. */
    public Shape outputShape() {
        requireBuildable("outputShape");
        return shape();
    }

    /** Keras's {@code model.input_shape}, printed as {@code (None, 20, 1)}. */
    public Shape inputShapeOf() {
        requireBuildable("inputShapeOf");
        return declaredInputShape();
    }

    /** The output shape of the last layer, without the batch axis. */
    private Shape shape() {
        Shape shape = declaredInputShape();
        for (Layer layer : layers()) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    private void requireBuildable(String operation) {
        if (layers().isEmpty()) {
            throw new IllegalStateException(operation + "() needs a model with layers: add() at least one layer "
                    + "first");
        }
        if (declaredInputShape() == null) {
            throw new IllegalStateException(operation + "() needs the input size: the first layer '"
                    + layers().get(0).name() + "' has none; give it inputDim(n) or inputShape(n), or add an "
                    + "InputLayer first");
        }
    }

    private Trainer trainer(String operationNeedingCompile) {
        requireCompiledFor(operationNeedingCompile);
        return engine.trainer();
    }

    /** Refuses a model without layers, input size or (for {@code operation}, unless null) compile settings. */
    private void requireCompiledFor(String operationNeedingCompile) {
        requireBuildable(operationNeedingCompile == null ? "predict" : operationNeedingCompile);
        if (operationNeedingCompile != null && setup == null) {
            throw new IllegalStateException("You must compile your model before " + ("fit".equals(
                    operationNeedingCompile) ? "training/testing" : "evaluating") + " it: call compile(optimizer, "
                    + "loss, metrics...) before " + operationNeedingCompile + "()");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // threads

    /**
     * Runs a fit holding the model's lock: it waits for predictions running in other threads, and other threads'
     * predict, evaluate and fit calls are refused until it returns (callbacks, in the fitting thread, may call them).
     */
    private History fitting(Supplier<History> fit) {
        requireNotFitting("fit");
        lock.writeLock().lock();
        try {
            if (fitting != null) {
                throw new IllegalStateException("fit() was called while model '" + name + "' is already being fit "
                        + "in this thread (from a callback?): Keras does not allow it either");
            }
            fitting = Thread.currentThread();
            try {
                return fit.get();
            } finally {
                fitting = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs {@code predict} or {@code evaluate}: on a built model beside other threads' predictions and evaluations
     * (the trainer gives each thread its own compiled buffers, and takes turns on DL4J's network where DL4J's forward
     * pass runs), else as {@link #using}, which builds the network first. Never during another thread's fit.
     */
    private <T> T inferring(String operation, Function<Trainer, T> work) {
        requireNotFitting(operation);
        String needsCompile = "evaluate".equals(operation) ? operation : null;
        Lock shared = lock.readLock();
        shared.lock();
        try {
            Trainer built = engine.currentTrainer();
            if (built != null && (needsCompile == null || setup != null)) {
                return work.apply(built);
            }
        } finally {
            shared.unlock();
        }
        return using(operation, () -> work.apply(trainer(needsCompile)));
    }

    /** Runs an operation that reads or changes the network, one thread at a time, never during another's fit. */
    private <T> T using(String operation, Supplier<T> work) {
        requireNotFitting(operation);
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Called by a kind of model whose layers changed (a layer added or removed): the network is rebuilt when next
     * needed, keeping the weights of the layers both networks share.
     */
    protected void layersChanged() {
        engine.modelChanged();
    }

    /** Refuses an operation from another thread while this model is being fit. */
    protected void requireNotFitting(String operation) {
        Thread owner = fitting;
        if (owner != null && owner != Thread.currentThread()) {
            throw new IllegalStateException(operation + "() was called from thread '" + Thread.currentThread()
                    .getName() + "' while model '" + name + "' is being trained by fit() in thread '"
                    + owner.getName() + "': the weights change with every batch, so keras4j refuses it; call it "
                    + "after fit returns, or from a callback");
        }
    }
}
