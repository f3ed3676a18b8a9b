package io.github.keras4j.losses;

import io.github.keras4j.internal.PythonRepr;

/** How per-sample losses combine into the batch loss, as Keras's {@code losses.Reduction}. */
public enum Reduction {
    /** The mean over the batch (Keras's default, {@code "sum_over_batch_size"}). */
    SUM_OVER_BATCH_SIZE("sum_over_batch_size"),
    /** The sum over the batch ({@code "sum"}). */
    SUM("sum");

    private final String kerasName;

    Reduction(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The name Keras's configs hold: {@code "sum_over_batch_size"} or {@code "sum"}. */
    public String kerasName() {
        return kerasName;
    }

    /**
     * The reduction a Keras config names: {@code "sum_over_batch_size"}, tf.keras's {@code "auto"} and Keras 3's
     * {@code "mean"} (the same for one loss per sample), or {@code "sum"}.
     *
     * @throws UnsupportedOperationException for Keras's {@code "none"} (null) and {@code "mean_with_sample_weight"},
     *     which keras4j cannot train with
     * @throws IllegalArgumentException for anything else, listing the valid names
     */
    public static Reduction fromKeras(Object value) {
        if ("sum_over_batch_size".equals(value) || "auto".equals(value) || "mean".equals(value)) {
            return SUM_OVER_BATCH_SIZE;
        }
        if ("sum".equals(value)) {
            return SUM;
        }
        String valid = "; valid: sum_over_batch_size (also auto, mean), sum";
        if (value == null || "none".equals(value)) {
            throw new UnsupportedOperationException("reduction " + PythonRepr.of(value) + " is not supported by "
                    + "keras4j: training needs one loss per batch" + valid);
        }
        if ("mean_with_sample_weight".equals(value)) {
            throw new UnsupportedOperationException("reduction 'mean_with_sample_weight' is not supported by keras4j: "
                    + "it divides weighted losses by the batch size (sum_over_batch_size)" + valid);
        }
        throw new IllegalArgumentException("unknown reduction " + PythonRepr.of(value) + valid);
    }
}
