package io.github.keras4j.losses;

import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A loss function as {@code model.compile(loss=...)} takes it (Keras's {@code keras.losses.Loss}).
 * Its DL4J counterpart computes the per-sample loss; {@link #reduction()} says how samples are combined.
 */
public interface Loss {

    /**
     * The canonical Keras name, for example {@code "binary_crossentropy"}. (Not {@code name()}: the registry
     * {@link Losses} is an enum, whose final {@code Enum.name()} returns the Java constant's name.)
     */
    String kerasName();

    /** A new DL4J loss function that computes Keras's per-sample loss and its gradient. */
    ILossFunction toDl4j();

    /** How per-sample losses become the batch loss; Keras's default is the mean over the batch. */
    default Reduction reduction() {
        return Reduction.SUM_OVER_BATCH_SIZE;
    }

    /** True when labels are integer class indices in one column (sparse_categorical_crossentropy). */
    default boolean sparseLabels() {
        return false;
    }
}
