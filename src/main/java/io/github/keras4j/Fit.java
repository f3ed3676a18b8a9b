package io.github.keras4j;

import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.internal.ArrayInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The options of {@link Sequential#fit}, Keras's {@code fit(...)} keyword arguments as an immutable value:
 * {@code Fit.epochs(500).batchSize(100).verbose(2)}. Every setter returns a new value.
 *
 * <p>Keras's defaults: {@code epochs} 1, {@code batch_size} 32 for arrays, {@code verbose} 1, {@code shuffle} true,
 * {@code validation_split} 0, no validation data, no callbacks, {@code initial_epoch} 0.
 */
public final class Fit {

    /** Keras's default number of epochs. */
    public static final int DEFAULT_EPOCHS = 1;
    /** Keras's default batch size for array data. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Keras's default verbosity ({@code 'auto'}, which is 1 outside distributed training). */
    public static final int DEFAULT_VERBOSE = 1;

    private int epochs = DEFAULT_EPOCHS;
    private Integer batchSize;
    private int verbose = DEFAULT_VERBOSE;
    private boolean shuffle = true;
    private double validationSplit;
    private INDArray validationX;
    private INDArray validationY;
    private List<Callback> callbacks = List.of();
    private int initialEpoch;

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

    public boolean shuffle() {
        return shuffle;
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
        Fit copy = new Fit();
        copy.epochs = epochs;
        copy.batchSize = batchSize;
        copy.verbose = verbose;
        copy.shuffle = shuffle;
        copy.validationSplit = validationSplit;
        copy.validationX = validationX;
        copy.validationY = validationY;
        copy.callbacks = callbacks;
        copy.initialEpoch = initialEpoch;
        return copy;
    }

    @Override
    public String toString() {
        return "Fit(epochs=" + epochs + ", batch_size=" + (batchSize == null ? "None" : batchSize) + ", verbose="
                + verbose + ", shuffle=" + shuffle + ", validation_split=" + validationSplit + ", callbacks="
                + callbacks.size() + ", initial_epoch=" + initialEpoch + ")";
    }
}
