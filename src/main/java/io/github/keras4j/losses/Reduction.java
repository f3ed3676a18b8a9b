package io.github.keras4j.losses;

/** How per-sample losses combine into the batch loss, as Keras's {@code losses.Reduction}. */
public enum Reduction {
    /** The mean over the batch (Keras's default, {@code "sum_over_batch_size"}). */
    SUM_OVER_BATCH_SIZE,
    /** The sum over the batch ({@code "sum"}). */
    SUM
}
