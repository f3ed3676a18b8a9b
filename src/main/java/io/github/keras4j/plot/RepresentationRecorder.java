package io.github.keras4j.plot;

import io.github.keras4j.Model;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.engine.Dl4jTranslator;
import io.github.keras4j.internal.OptionalDependency;
import io.github.keras4j.layers.Layer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A callback that watches a network learn, as tutorial 001 does for XOR: at chosen epochs it records the
 * activations of one hidden layer for given inputs (where the layer puts each point: its "representation space")
 * and every layer's weights and biases. Keras has no such callback; a Keras user writes a {@code LambdaCallback}
 * calling a sub-model's {@code predict} and {@code get_weights()}.
 * <pre>{@code
 * RepresentationRecorder recorder = new RepresentationRecorder(x, y).every(50);
 * model.fit(x, y, Fit.epochs(2000).callbacks(recorder));
 * recorder.writeRepresentation(Path.of("representation.png"));
 * recorder.writeParameters(Path.of("parameters.png"));
 * recorder.writeAnimation(Path.of("representation.gif"));
 * }</pre>
 * Epochs are counted as completed epochs: snapshot 0 holds the weights before training, snapshot {@code e} those
 * after the e-th epoch (Keras's log line {@code Epoch e/N}). Defaults: every epoch, and the last hidden layer (the
 * layer below the output layer). Whatever the schedule, the state before the first epoch and after the last one
 * (also when training stops early) are recorded. Each {@code fit} starts a new recording, as Keras's History does.
 *
 * <p>Recording does not change training: it runs the network in inference mode (no dropout, no batch statistics
 * updated, no random numbers drawn) and copies what it keeps into Java arrays, so no ND4J memory is held. Each
 * snapshot holds {@code inputs x units + parameters} numbers: choose the schedule with large inputs in mind.
 * The last snapshot is taken at {@code onTrainEnd}: a callback placed before this one that restores weights
 * there (EarlyStopping's {@code restoreBestWeights}) makes it show the restored weights.
 */
public final class RepresentationRecorder extends Callback {

    static {
        Headless.ensure();
    }

    /** The size of one representation panel and of each animation frame. */
    public static final int PANEL_WIDTH = 420;
    public static final int PANEL_HEIGHT = 380;
    /** The most snapshots {@link #writeRepresentation(Path)} lays out; more are thinned evenly, keeping both ends. */
    public static final int MAX_PANELS = 12;
    /** The most frames {@link #writeAnimation(Path)} writes; more snapshots are thinned evenly, keeping both ends. */
    public static final int MAX_FRAMES = 100;
    /** How long each animation frame shows. */
    public static final int FRAME_MILLIS = 200;

    /**
     * The state of the network after {@code epoch} completed epochs.
     *
     * @param activations the chosen layer's output for each input row (rows x units)
     * @param parameters per layer, all its weights in {@code get_weights()} order, each array flattened row by row;
     *     {@link #parameterNames(int)} names each value
     */
    public record Snapshot(int epoch, double[][] activations, List<double[]> parameters) {
    }

    private final double[][] inputs;
    private final int[] labels;
    private final int every;
    private final int[] atEpochs;
    private final Integer layer;

    private final List<Snapshot> snapshots = new ArrayList<>();
    private final List<List<String>> parameterNames = new ArrayList<>();
    private final List<String> layerTitles = new ArrayList<>();
    private int recordedLayer = -1;
    private String recordedLayerTitle;
    private int lastCompleted = -1;

    /**
     * Records the representation of the rows of {@code x}, coloured in the pictures by {@code y}: one-hot rows or
     * one column of class numbers. Both are copied now.
     */
    public RepresentationRecorder(INDArray x, INDArray y) {
        this(inputsOf(x), Labels.classes(y, (int) Objects.requireNonNull(x, "x").rows(), Integer.MAX_VALUE), 1,
                null, null);
    }

    private RepresentationRecorder(double[][] inputs, int[] labels, int every, int[] atEpochs, Integer layer) {
        this.inputs = inputs;
        this.labels = labels;
        this.every = every;
        this.atEpochs = atEpochs;
        this.layer = layer;
    }

    private static double[][] inputsOf(INDArray x) {
        Objects.requireNonNull(x, "x");
        if (x.rank() != 2 || x.rows() < 1) {
            throw new IllegalArgumentException("x must be a matrix with one row per sample, received shape "
                    + Arrays.toString(x.shape()));
        }
        return Labels.rows(x);
    }

    /** Records after every {@code n}-th epoch (n, 2n, ...), plus before the first and after the last; default 1. */
    public RepresentationRecorder every(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("every must be at least 1, received: every=" + n);
        }
        return new RepresentationRecorder(inputs, labels, n, null, layer);
    }

    /** Records after exactly these epochs (counted from 1), plus before the first and after the last. */
    public RepresentationRecorder atEpochs(int... epochs) {
        Objects.requireNonNull(epochs, "epochs");
        TreeSet<Integer> sorted = new TreeSet<>();
        for (int epoch : epochs) {
            if (epoch < 1) {
                throw new IllegalArgumentException("epochs are counted from 1, received: " + epoch);
            }
            sorted.add(epoch);
        }
        return new RepresentationRecorder(inputs, labels, 0, sorted.stream().mapToInt(Integer::intValue).toArray(),
                layer);
    }

    /** The Keras index (from 0, as in {@code model.layers}) of the hidden layer to watch; default the last hidden. */
    public RepresentationRecorder layer(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("layer index must be 0 or more, received: " + index);
        }
        return new RepresentationRecorder(inputs, labels, every, atEpochs, index);
    }

    /** The snapshots of the last {@code fit}, oldest first. */
    public List<Snapshot> snapshots() {
        return Collections.unmodifiableList(snapshots);
    }

    /** The epochs of the snapshots of the last {@code fit}. */
    public List<Integer> epochs() {
        return snapshots.stream().map(Snapshot::epoch).toList();
    }

    /** The index of the layer recorded in the last {@code fit}. */
    public int recordedLayer() {
        requireSnapshots();
        return recordedLayer;
    }

    /** Names of the values in {@link Snapshot#parameters()} of a layer: {@code kernel[0,1]}, {@code bias[1]}... */
    public List<String> parameterNames(int layerIndex) {
        requireSnapshots();
        return parameterNames.get(layerIndex);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        snapshots.clear();
        parameterNames.clear();
        layerTitles.clear();
        lastCompleted = -1;
        Model model = model();
        if (model.inputUnits() != inputs[0].length) {
            throw new IllegalArgumentException("RepresentationRecorder's x has " + inputs[0].length + " columns but "
                    + "the model takes " + model.inputUnits() + " input features");
        }
        List<Layer> layers = model.layers();
        if (layer == null) {
            if (layers.size() < 2) {
                throw new IllegalArgumentException("RepresentationRecorder watches a hidden layer, but this model has "
                        + "only its output layer");
            }
            recordedLayer = layers.size() - 2;
        } else if (layer >= layers.size()) {
            throw new IllegalArgumentException("RepresentationRecorder's layer " + layer + " does not exist: the "
                    + "model has layers 0 to " + (layers.size() - 1));
        } else {
            recordedLayer = layer;
        }
        Layer watched = layers.get(recordedLayer);
        recordedLayerTitle = "layer " + recordedLayer + " '" + watched.name() + "' (" + watched.className() + ")";
        for (int i = 0; i < layers.size(); i++) {
            layerTitles.add("layer " + i + " '" + layers.get(i).name() + "' (" + layers.get(i).className() + ")");
            List<String> names = new ArrayList<>();
            List<String> weightNames = Dl4jTranslator.weightNames(layers.get(i));
            List<INDArray> weights = model.getWeights(i);
            for (int k = 0; k < weights.size(); k++) {
                INDArray w = weights.get(k);
                if (w.rank() == 2) {
                    for (long r = 0; r < w.rows(); r++) {
                        for (long c = 0; c < w.columns(); c++) {
                            names.add(weightNames.get(k) + "[" + r + "," + c + "]");
                        }
                    }
                } else {
                    for (long j = 0; j < w.length(); j++) {
                        names.add(weightNames.get(k) + "[" + j + "]");
                    }
                }
            }
            parameterNames.add(Collections.unmodifiableList(names));
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (snapshots.isEmpty()) {
            record(epoch); // before the first epoch of this fit (epoch > 0 when fit starts at initialEpoch)
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        int completed = epoch + 1;
        lastCompleted = completed;
        boolean scheduled = every > 0 ? completed % every == 0 : Arrays.binarySearch(atEpochs, completed) >= 0;
        if (scheduled) {
            record(completed);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (lastCompleted >= 0 && (snapshots.isEmpty() || snapshots.get(snapshots.size() - 1).epoch() < lastCompleted)) {
            record(lastCompleted);
        }
    }

    private void record(int epoch) {
        Model model = model();
        MultiLayerNetwork network = model.network();
        INDArray features = Nd4j.createFromArray(inputs)
                .castTo(network.getLayerWiseConfigurations().getDataType());
        // Inference mode, detached from workspaces; Keras layer i is DL4J layer i, and entry 0 is the input.
        INDArray activations = network.feedForwardToLayer(recordedLayer, features, false).get(recordedLayer + 1);
        List<double[]> parameters = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            List<INDArray> weights = model.getWeights(i);
            double[] values = new double[parameterNames.get(i).size()];
            int next = 0;
            for (INDArray w : weights) {
                double[] flat = w.dup('c').reshape(w.length()).toDoubleVector();
                System.arraycopy(flat, 0, values, next, flat.length);
                next += flat.length;
            }
            parameters.add(values);
        }
        snapshots.add(new Snapshot(epoch, Labels.rows(activations), Collections.unmodifiableList(parameters)));
    }

    /**
     * The representation space at each snapshot (at most {@link #MAX_PANELS}), one panel each: a layer of 2 units
     * directly, 1 unit along a line, more through PCA (each panel's own principal axes; the caption gives the
     * variance they explain). Points are coloured by label and, when there are at most 16 of them, labelled with
     * their input. All panels share their axes' ranges, so that movement between them is real.
     */
    public Path writeRepresentation(Path file) {
        OptionalDependency.XCHART.require();
        requireSnapshots();
        ImageFiles.writePng(RepresentationPlot.grid(this, MAX_PANELS), file);
        return file;
    }

    /** Every recorded weight and bias over the epochs, one line each, one panel per layer that has weights. */
    public Path writeParameters(Path file) {
        OptionalDependency.XCHART.require();
        requireSnapshots();
        ImageFiles.writePng(ParameterPlot.render(this), file);
        return file;
    }

    /**
     * The representation panels as an animated GIF that loops forever, one frame per snapshot (at most
     * {@link #MAX_FRAMES}), {@link #FRAME_MILLIS} each. Written by the JDK's {@code javax.imageio} GIF writer with
     * the NETSCAPE2.0 looping extension (see {@code ImageFiles} for why not XChart's bundled encoder).
     */
    public Path writeAnimation(Path file) {
        return writeAnimation(file, MAX_FRAMES);
    }

    /** {@link #writeAnimation(Path)} with at most {@code maxFrames} frames (at least 2), thinned evenly. */
    public Path writeAnimation(Path file, int maxFrames) {
        OptionalDependency.XCHART.require();
        if (maxFrames < 2) {
            throw new IllegalArgumentException("an animation needs at least 2 frames, received: maxFrames="
                    + maxFrames);
        }
        requireSnapshots();
        ImageFiles.writeGif(RepresentationPlot.frames(this, maxFrames), FRAME_MILLIS, file);
        return file;
    }

    private void requireSnapshots() {
        if (snapshots.isEmpty()) {
            throw new IllegalStateException("the RepresentationRecorder has recorded nothing yet: pass it to fit "
                    + "with Fit.callbacks(...) first");
        }
    }

    double[][] inputs() {
        return inputs;
    }

    int[] labels() {
        return labels;
    }

    String recordedLayerTitle() {
        return recordedLayerTitle;
    }

    List<String> layerTitles() {
        return layerTitles;
    }

    @Override
    public String toString() {
        return "RepresentationRecorder(inputs=" + inputs.length + ", "
                + (every > 0 ? "every=" + every : "atEpochs=" + Arrays.toString(atEpochs))
                + ", layer=" + (layer == null ? "last hidden" : layer) + ")";
    }
}
