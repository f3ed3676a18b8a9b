package io.github.keras4j;

import io.github.keras4j.data.CsvDataSetIterator;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.data.Normalization;
import io.github.keras4j.engine.Dl4jTranslator;
import io.github.keras4j.engine.Trainer;
import io.github.keras4j.engine.TrainingSetup;
import io.github.keras4j.internal.ArrayInput;
import io.github.keras4j.internal.NativeLibraries;
import io.github.keras4j.internal.NativeThreads;
import io.github.keras4j.internal.ModelSize;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear stack of layers, Keras's {@code keras.Sequential}, trained by one DL4J {@link MultiLayerNetwork}.
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(new Dense(16, "relu").inputDim(2));
 * model.add(new Dense(1, "sigmoid"));
 * model.compile("adam", "mean_squared_error", "binary_accuracy");
 * History history = model.fit(x, y, Fit.epochs(500).verbose(2));
 * }</pre>
 * The DL4J network is built when first needed (compile, fit, predict, getWeights) with the layers' Keras
 * defaults; {@link #network()} hands it out for DL4J users.
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
public class Sequential {

    static {
        // Before this entry point's first ND4J call: ND4J's BLAS and native build (docs/performance.md).
        NativeLibraries.configure();
    }

    private final String name;
    private final List<Layer> layers = new ArrayList<>();
    private Shape inputShape;
    private long seed = new SecureRandom().nextLong();
    private History history;

    private TrainingSetup setup;
    private String lossName;
    private List<Metric> metrics = List.of();

    private MultiLayerNetwork network;
    private boolean networkStale;
    private Trainer trainer;
    private boolean stopTraining;

    /**
     * Held shared by predict and evaluate on a built model, exclusively by every other operation that reads or
     * changes the network; fit holds it exclusively for the whole fit.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** The thread running fit, or null. */
    private volatile Thread fitting;

    /** An empty model named {@code sequential} (then {@code sequential_1}...), as Keras names them. */
    public Sequential() {
        this(Backend.uniqueName("sequential"));
    }

    /** An empty model with this name. */
    public Sequential(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model name must not be empty, received: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
    }

    /** A model of these layers: Keras's {@code Sequential([...])}. */
    public Sequential(Layer... layers) {
        this();
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /** The model's name, shown by {@link #summary()}. */
    public String name() {
        return name;
    }

    /**
     * Adds a layer on top of the stack. The first layer must know its input size ({@code inputDim(n)},
     * {@code inputShape(n)}, or an {@link InputLayer} added first). Layers added after the weights were created
     * keep the weights of the layers before them.
     */
    public Sequential add(Layer layer) {
        Objects.requireNonNull(layer, "layer");
        requireNotFitting("add");
        if (layer instanceof InputLayer input) {
            if (!layers.isEmpty() || inputShape != null) {
                throw new IllegalArgumentException("an InputLayer must be the first layer of the model; "
                        + (layers.isEmpty() ? "the input size is already set" : "this model already has "
                        + layers.size() + " layers"));
            }
            inputShape = input.declaredShape();
            return this;
        }
        Layer named = layer.named();
        requireUniqueName(named);
        Shape declared = named.declaredShape();
        if (layers.isEmpty() && inputShape == null) {
            inputShape = declared != null ? declared : named.defaultInputShape();
        } else if (declared != null && inputShape != null && declared.isFeatures() && shape().isFeatures()
                && declared.last() != shape().last()) {
            throw new IllegalArgumentException("layer '" + named.name() + "' declares " + declared.last() + " inputs "
                    + "but the layer before it outputs " + shape().last());
        } else if (declared != null && inputShape != null && !declared.accepts(shape())) {
            throw new IllegalArgumentException("layer '" + named.name() + "' declares input shape " + declared
                    + " but the layer before it outputs " + shape());
        }
        layers.add(named);
        networkStale = network != null;
        return this;
    }

    private void requireUniqueName(Layer named) {
        for (Layer existing : layers) {
            if (existing.name().equals(named.name())) {
                throw new IllegalArgumentException("All layers added to a Sequential model should have unique "
                        + "names. Name '" + named.name() + "' is already the name of a layer in this model.");
            }
        }
    }

    /** The layers, InputLayer excluded (as Keras's {@code model.layers}). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * Fixes the seed of weight initialization, dropout and shuffling, so that runs are repeatable (Keras's
     * {@code keras.utils.set_random_seed}). Call it before the weights are created.
     */
    public Sequential seed(long seed) {
        if (network != null) {
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
        Layer last = layers.get(layers.size() - 1);
        Activations lastActivation = last.outputActivation();
        if (units == 1 && lastActivation == Activations.SOFTMAX) {
            throw new IllegalArgumentException("the last layer '" + last.name() + "' has 1 unit with activation "
                    + "softmax, whose output is always 1.0: use sigmoid for one output, or one unit per class");
        }
        int labelColumns = loss.sparseLabels() ? 1 : units;
        List<Metric> compiled = Metrics.resolveAll(requested, units, labelColumns);
        this.setup = new TrainingSetup(optimizer, loss);
        this.lossName = loss.kerasName();
        this.metrics = List.copyOf(compiled);
        this.trainer = null;
        // A new optimizer or loss means a new DL4J configuration; the weights carry over, the optimizer state not.
        networkStale = network != null;
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
        if (network != null && !networkStale) {
            // With Keras 2's decay the new rate is the schedule's base, and the decay goes on from the iteration
            // count reached, as Keras 2's model.optimizer.lr = lr.
            ISchedule schedule = changed.dl4jLearningRateSchedule();
            if (schedule != null) {
                network.setLearningRate(schedule);
            } else {
                network.setLearningRate(learningRate);
            }
        }
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
        return fitting(() -> history = data.fit(this, trainer("fit"), options));
    }

    /** {@code model.evaluate} on data distributed over a cluster, scored there. */
    public double[] evaluate(DistributedDataset data) {
        Objects.requireNonNull(data, "data");
        return using("evaluate", () -> data.evaluate(this, trainer("evaluate")));
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
        return using("getWeights", () -> Dl4jTranslator.getWeights(network(), layers.get(layerIndex), layerIndex));
    }

    /** Keras's {@code model.get_weights()}: every layer's weights, in layer order. */
    public List<INDArray> getWeights() {
        List<INDArray> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            all.addAll(getWeights(i));
        }
        return all;
    }

    /** Keras's {@code model.set_weights(weights)}: every layer's weights in the order {@link #getWeights()} gives. */
    public void setWeights(List<INDArray> weights) {
        Objects.requireNonNull(weights, "weights");
        int expected = 0;
        for (Layer layer : layers) {
            expected += Dl4jTranslator.weightCount(layer);
        }
        if (weights.size() != expected) {
            throw new IllegalArgumentException("the model has " + expected + " weight arrays but " + weights.size()
                    + " were given");
        }
        int next = 0;
        for (int i = 0; i < layers.size(); i++) {
            int count = Dl4jTranslator.weightCount(layers.get(i));
            setWeights(i, weights.subList(next, next + count).toArray(new INDArray[0]));
            next += count;
        }
    }

    /** Keras's {@code model.layers[i].set_weights([kernel, bias])}: shapes as {@link #getWeights(int)} returns. */
    public void setWeights(int layerIndex, INDArray... weights) {
        checkLayerIndex(layerIndex);
        using("setWeights", () -> {
            Dl4jTranslator.setWeights(network(), layers.get(layerIndex), layerIndex, weights);
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
        if (layerIndex < 0 || layerIndex >= layers.size()) {
            throw new IndexOutOfBoundsException("layer index " + layerIndex + " is out of range: the model has "
                    + layers.size() + " layers (InputLayer excluded)");
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
     * A model from a file (Keras's {@code keras.models.load_model}), compiled if it was: a keras4j file written by
     * {@link #save}, a Keras 3 {@code .keras} archive, or a Keras 1, 2 or 3 HDF5 model file ({@code model.save("m.h5")}).
     * The format is told by the file's content, not its name.
     */
    public static Sequential load(Path path) {
        return load(path, true);
    }

    /**
     * {@link #load(Path)} with Keras's {@code compile} argument: {@code false} loads a Keras file's architecture and
     * weights without its training config (to predict, or to compile with other settings, e.g. when the file's
     * optimizer is one keras4j does not have). keras4j's own files always load compiled, with their optimizer state.
     */
    public static Sequential load(Path path, boolean compile) {
        Objects.requireNonNull(path, "path");
        try {
            return read(path, compile);
        } catch (RuntimeException e) {
            throw InvalidFileException.of(path, e);
        }
    }

    private static Sequential read(Path path, boolean compile) {
        ModelFileFormat format = ModelFileFormat.detect(path);
        return switch (format) {
            case KERAS4J_MODEL -> {
                if (!compile) {
                    throw new UnsupportedOperationException(path + " is a keras4j model file, which always loads "
                            + "compiled (with its optimizer state); load(path, false) is for Keras files");
                }
                yield ModelFiles.load(path);
            }
            case KERAS3_ARCHIVE, HDF5 -> KerasModelFiles.load(path, format, compile);
            case KERAS4J_WEIGHTS -> throw new IllegalArgumentException(path + " is a keras4j weights file (.npz), "
                    + "not a model file: build the model and call model.loadWeights(" + path.getFileName() + ")");
        };
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

    /** Keras's {@code keras.models.model_from_json}: a new, uncompiled model with fresh weights. */
    public static Sequential fromJson(String json) {
        Objects.requireNonNull(json, "json");
        return ModelConfig.fromModelConfig(KerasJson.read(json, "the JSON given"), "the JSON given");
    }

    /** {@link #fromJson(String)} from a file. */
    public static Sequential fromJson(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return KerasModelFiles.fromJson(path);
        } catch (RuntimeException e) {
            throw InvalidFileException.of(path, e);
        }
    }

    /** Takes over the weights, optimizer state and counters read from a model file. */
    void restoreState(INDArray params, INDArray updaterState, int iterationCount, int epochCount,
            History restoredHistory) {
        MultiLayerNetwork built = network();
        if (params.length() != built.numParams()) {
            throw new IllegalArgumentException("the saved network has " + params.length() + " parameters but "
                    + "the saved model config describes " + built.numParams());
        }
        built.setParams(params.reshape(1, params.length()).castTo(built.params().dataType()));
        if (setup != null) {
            INDArray state = built.getUpdater().getStateViewArray();
            if (state != null) {
                if (updaterState == null || updaterState.length() != state.length()) {
                    throw new IllegalArgumentException("the saved optimizer state does not fit " + optimizer());
                }
                state.assign(updaterState.reshape(state.shape()));
            }
        }
        built.getLayerWiseConfigurations().setIterationCount(iterationCount);
        built.getLayerWiseConfigurations().setEpochCount(epochCount);
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
        ModelSummary.print(this, inputShape, printFn);
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
            return builtNetwork();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private MultiLayerNetwork builtNetwork() {
        if (network == null || networkStale) {
            NativeThreads.applyDefaults();
            ModelSize.requireFits(layers, inputShape, "model '" + name + "'");
            MultiLayerNetwork previous = network;
            MultiLayerNetwork built = new MultiLayerNetwork(
                    Dl4jTranslator.toConfiguration(layers, inputShape, setup, seed));
            built.init();
            if (previous == null) {
                Dl4jTranslator.initializeRandomBiases(built, layers, 0);
            } else {
                copyWeights(previous, built);
            }
            network = built;
            networkStale = false;
            trainer = null;
        }
        return network;
    }

    /** Keeps the weights of the layers both networks share (a recompile, or layers added on top). */
    private void copyWeights(MultiLayerNetwork from, MultiLayerNetwork to) {
        int shared = 0;
        while (shared < layers.size() && shared < from.getnLayers()
                && from.getLayer(shared).conf().getLayer().getLayerName().equals(layers.get(shared).name())) {
            for (var entry : to.getLayer(shared).paramTable().entrySet()) {
                INDArray old = from.getLayer(shared).paramTable().get(entry.getKey());
                if (old != null && Arrays.equals(old.shape(), entry.getValue().shape())) {
                    entry.getValue().assign(old);
                }
            }
            shared++;
        }
        Dl4jTranslator.initializeRandomBiases(to, layers, shared);
    }

    /**
     * The number of input features, from the first layer's input shape or an InputLayer.
     *
     * @throws UnsupportedOperationException for a model taking images: see {@link #inputShape()}
     */
    public long inputUnits() {
        requireBuildable("inputUnits");
        if (!inputShape.isFeatures()) {
            throw new UnsupportedOperationException("the model takes input of shape " + inputShape
                    + ", not a number of features: use inputShape()");
        }
        return inputShape.last();
    }

    /**
     * The input shape without the batch axis: {@code [features]}, {@code [timesteps, features]} or
     * {@code [height, width, channels]}; an unknown size (Keras's {@code None}) is {@link Shape#NONE}.
     */
    public long[] inputShape() {
        requireBuildable("inputShape");
        return inputShape.sizes();
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
                if (network == null) {
                    layers.set(0, first.statistics(mean, layer.adaptedVariance()));
                } else {
                    setWeights(0, Nd4j.createFromArray(mean), Nd4j.createFromArray(layer.adaptedVariance()),
                            Nd4j.scalar(DataType.LONG, 0L));
                }
                return;
            }
            io.github.keras4j.layers.Normalization named = (io.github.keras4j.layers.Normalization) layer.named();
            requireUniqueName(named);
            named.outputShape(inputShape);
            // Every Keras layer index shifts by one, so the network is built anew with the weights it had (and, as
            // after a recompile, a fresh optimizer state).
            List<List<INDArray>> weights = new ArrayList<>();
            if (network != null) {
                for (int i = 0; i < layers.size(); i++) {
                    weights.add(getWeights(i));
                }
            }
            layers.add(0, named);
            if (network != null) {
                network = null;
                trainer = null;
                networkStale = false;
                builtNetwork();
                for (int i = 0; i < weights.size(); i++) {
                    setWeights(i + 1, weights.get(i).toArray(new INDArray[0]));
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

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
        return inputShape;
    }

    /** The output shape of the last layer, without the batch axis. */
    private Shape shape() {
        Shape shape = inputShape;
        for (Layer layer : layers) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    private void requireBuildable(String operation) {
        if (layers.isEmpty()) {
            throw new IllegalStateException(operation + "() needs a model with layers: add() at least one layer "
                    + "first");
        }
        if (inputShape == null) {
            throw new IllegalStateException(operation + "() needs the input size: the first layer '"
                    + layers.get(0).name() + "' has none; give it inputDim(n) or inputShape(n), or add an "
                    + "InputLayer first");
        }
    }

    private Trainer trainer(String operationNeedingCompile) {
        requireCompiledFor(operationNeedingCompile);
        MultiLayerNetwork built = network();
        if (trainer == null) {
            Layer last = layers.get(layers.size() - 1);
            trainer = new Trainer(this, built, metrics, inputShape, layers.get(0), shape(), last.name(), lossName,
                    setup != null && setup.loss().sparseLabels());
        }
        return trainer;
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
            Trainer built = trainer;
            if (built != null && network != null && !networkStale && (needsCompile == null || setup != null)) {
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

    private void requireNotFitting(String operation) {
        Thread owner = fitting;
        if (owner != null && owner != Thread.currentThread()) {
            throw new IllegalStateException(operation + "() was called from thread '" + Thread.currentThread()
                    .getName() + "' while model '" + name + "' is being trained by fit() in thread '"
                    + owner.getName() + "': the weights change with every batch, so keras4j refuses it; call it "
                    + "after fit returns, or from a callback");
        }
    }

    @Override
    public String toString() {
        return "Sequential(name=" + name + ", layers=" + layers + ")";
    }
}
