package io.github.keras4j;

import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.internal.ArrayInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The options of {@link Model#fit}, Keras's {@code fit(...)} keyword arguments as an immutable value:
 * {@code Fit.epochs(500).batchSize(100).verbose(2)}. Every setter returns a new value.
 *
 * <p>Keras's defaults: {@code epochs} 1, {@code batch_size} 32 for arrays, {@code verbose} 1, {@code shuffle} true,
 * {@code validation_split} 0, no validation data, no callbacks, {@code initial_epoch} 0.
 */
public final class Fit implements Cloneable {

    /** Keras's default number of epochs. */
    public static final int DEFAULT_EPOCHS = 1;
    /** Keras's default batch size for array data. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Keras's default verbosity ({@code 'auto'}, which is 1 outside distributed training). */
    public static final int DEFAULT_VERBOSE = 1;

    private int epochs = DEFAULT_EPOCHS;
    private Integer batchSize;
    private int verbose = DEFAULT_VERBOSE;
    private Boolean shuffle;
    private double validationSplit;
    private INDArray validationX;
    private INDArray validationY;
    private List<Callback> callbacks = List.of();
    private int initialEpoch;
    private double[] sampleWeight;
    private Map<Integer, Double> classWeight;

    private Fit() {
    }

    /** Keras's defaults: one epoch, batches of 32, verbose 1, shuffled. */
    public static Fit defaults() {
        return new Fit();
    }

    /** Keras's defaults with this many epochs: {@code Fit.epochs(500)}. */
    public static Fit epochs(int epochs) {
        return new Fit().withEpochs(epochs);
    }

    /** A copy with this many epochs (at least 1). */
    public Fit withEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, received: epochs=" + epochs);
        }
        Fit copy = copy();
        copy.epochs = epochs;
        return copy;
    }

    /** A copy with this batch size (at least 1); Keras's {@code batch_size}. */
    public Fit batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1, received: batch_size=" + batchSize);
        }
        Fit copy = copy();
        copy.batchSize = batchSize;
        return copy;
    }

    /** A copy with this verbosity: 0 silent, 1 progress bar, 2 one line per epoch. */
    public Fit verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, received: verbose=" + verbose);
        }
        Fit copy = copy();
        copy.verbose = verbose;
        return copy;
    }

    /** A copy that does or does not shuffle the training samples before each epoch. */
    public Fit shuffle(boolean shuffle) {
        Fit copy = copy();
        copy.shuffle = shuffle;
        return copy;
    }

    /**
     * A copy holding out the last {@code fraction} of the samples (taken before shuffling, as Keras does) to
     * compute {@code val_} metrics at the end of each epoch.
     */
    public Fit validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation_split must be in [0, 1), received: validation_split="
                    + fraction);
        }
        Fit copy = copy();
        copy.validationSplit = fraction;
        return copy;
    }

    /** A copy evaluating these samples at the end of each epoch ({@code val_} metrics); overrides validationSplit. */
    public Fit validationData(float[][] x, float[][] y) {
        return validationData(ArrayInput.toArray("validation x", x), ArrayInput.toArray("validation y", y));
    }

    /** A copy evaluating these samples at the end of each epoch. */
    public Fit validationData(double[][] x, double[][] y) {
        return validationData(ArrayInput.toArray("validation x", x), ArrayInput.toArray("validation y", y));
    }

    /** A copy evaluating these samples at the end of each epoch. */
    public Fit validationData(INDArray x, INDArray y) {
        Fit copy = copy();
        copy.validationX = Objects.requireNonNull(x, "validation x");
        copy.validationY = Objects.requireNonNull(y, "validation y");
        return copy;
    }

    /** A copy calling these callbacks, after the progress logger and before the History, as Keras orders them. */
    public Fit callbacks(Callback... callbacks) {
        return callbacks(Arrays.asList(callbacks));
    }

    /** A copy calling these callbacks. */
    public Fit callbacks(List<? extends Callback> callbacks) {
        for (Callback callback : callbacks) {
            Objects.requireNonNull(callback, "callback");
        }
        Fit copy = copy();
        copy.callbacks = List.copyOf(new ArrayList<>(callbacks));
        return copy;
    }

    /**
     * A copy weighting each training sample's loss (Keras's {@code sample_weight}): the loss of a batch becomes
     * {@code sum(w_i * loss_i) / batch_size}; metrics stay unweighted, as Keras's compiled metrics are.
     * With validationSplit, the held-out weights weight val_loss.
     */
    public Fit sampleWeight(double[] weights) {
        Objects.requireNonNull(weights, "sample weights");
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("sample_weight[" + i + "] must be a finite number >= 0, received: "
                        + weights[i]);
            }
        }
        Fit copy = copy();
        copy.sampleWeight = weights.clone();
        return copy;
    }

    /** {@link #sampleWeight(double[])} from a vector or a one-column matrix. */
    public Fit sampleWeight(INDArray weights) {
        Objects.requireNonNull(weights, "sample weights");
        if (!weights.isVector() && !(weights.rank() == 2 && weights.columns() == 1)) {
            throw new IllegalArgumentException("sample_weight must be a vector (one weight per sample), received "
                    + "shape " + Arrays.toString(weights.shape()));
        }
        return sampleWeight(weights.castTo(DataType.DOUBLE).reshape(weights.length())
                .toDoubleVector());
    }

    /**
     * A copy weighting each sample's loss by the weight of its class (Keras's {@code class_weight}): the class is
     * the label's argmax for one-hot labels, else the label itself. Keys must be the classes 0..k-1.
     */
    public Fit classWeight(Map<Integer, Double> weights) {
        Objects.requireNonNull(weights, "class weights");
        for (int k = 0; k < weights.size(); k++) {
            Double weight = weights.get(k);
            if (weight == null) {
                throw new IllegalArgumentException("Expected class_weight to be a dict with keys from 0 to one less "
                        + "than the number of classes, found " + weights);
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("class_weight[" + k + "] must be a finite number >= 0, received: "
                        + weight);
            }
        }
        Fit copy = copy();
        copy.classWeight = Map.copyOf(weights);
        return copy;
    }

    /** The sample weights, or null. */
    public double[] sampleWeight() {
        return sampleWeight == null ? null : sampleWeight.clone();
    }

    /** The class weights, or null. */
    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    /** A copy that starts counting epochs at {@code initialEpoch} (to resume a previous run). */
    public Fit initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("initial_epoch must not be negative, received: initial_epoch="
                    + initialEpoch);
        }
        Fit copy = copy();
        copy.initialEpoch = initialEpoch;
        return copy;
    }

    public int epochs() {
        return epochs;
    }

    /** The batch size given, or null for Keras's default (32 for arrays; the iterator's own batches otherwise). */
    public Integer batchSize() {
        return batchSize;
    }

    public int verbose() {
        return verbose;
    }

    /** Whether the training samples are shuffled before each epoch (Keras's default: true). */
    public boolean shuffle() {
        return shuffle == null || shuffle;
    }

    /** Whether {@link #shuffle(boolean)} was called: inputs that cannot be shuffled refuse an explicit true. */
    public boolean shuffleGiven() {
        return shuffle != null;
    }

    public double validationSplit() {
        return validationSplit;
    }

    /** The validation features, or null. */
    public INDArray validationX() {
        return validationX;
    }

    /** The validation labels, or null. */
    public INDArray validationY() {
        return validationY;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    private Fit copy() {
        try {
            // Every field holds an immutable value or a copy made by its setter, so a shallow copy suffices.
            return (Fit) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "Fit(epochs=" + epochs + ", batch_size=" + (batchSize == null ? "None" : batchSize) + ", verbose="
                + verbose + ", shuffle=" + shuffle + ", validation_split=" + validationSplit + ", callbacks="
                + callbacks.size() + ", initial_epoch=" + initialEpoch + ")";
    }
}
