package io.github.keras4j.losses;

import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A loss function as {@code model.compile(loss=...)} takes it (Keras's {@code keras.losses.Loss}): a name
 * ({@link Losses}, {@code "mse"}) or a loss object with its arguments ({@link LossFunctionWrapper}:
 * {@code new Huber(2.0)}, {@code new BinaryCrossentropy().labelSmoothing(0.1)}). Its DL4J counterpart computes the
 * per-sample loss; {@link #reduction()} says how samples are combined.
 */
public interface Loss {

    /**
     * The loss's Keras name: the function name for a name ({@code "binary_crossentropy"}), the {@code name} argument
     * for a loss object. (Not {@code name()}: the registry {@link Losses} is an enum, whose final {@code Enum.name()}
     * returns the Java constant's name.)
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

    /**
     * What Keras's {@code training_config} holds for this loss: the name for a loss given by name (as Keras stores
     * {@code loss="mse"}), {@code {"class_name": ..., "config": {...}}} for a loss object.
     *
     * @throws UnsupportedOperationException for a loss of your own, which Keras could not read back
     */
    default Object kerasConfig() {
        throw new UnsupportedOperationException("loss " + this + " is not a Keras loss, so it has no Keras config");
    }
}
