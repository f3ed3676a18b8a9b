package io.github.keras4j.losses;

import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import io.github.keras4j.losses.dl4j.KerasBinaryCrossentropy;
import io.github.keras4j.losses.dl4j.KerasCategoricalCrossentropy;
import io.github.keras4j.losses.dl4j.KerasCosineSimilarity;
import io.github.keras4j.losses.dl4j.KerasHinge;
import io.github.keras4j.losses.dl4j.KerasHuber;
import io.github.keras4j.losses.dl4j.KerasKLDivergence;
import io.github.keras4j.losses.dl4j.KerasLogCosh;
import io.github.keras4j.losses.dl4j.KerasMeanAbsoluteError;
import io.github.keras4j.losses.dl4j.KerasMeanAbsolutePercentageError;
import io.github.keras4j.losses.dl4j.KerasMeanSquaredLogarithmicError;
import io.github.keras4j.losses.dl4j.KerasPoisson;
import io.github.keras4j.losses.dl4j.KerasSparseCategoricalCrossentropy;
import io.github.keras4j.losses.dl4j.KerasSquaredHinge;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Loss functions by Keras name, as {@code keras.losses.get(name)} (tf.keras 2.x): {@code model.compile("adam",
 * "mse")} or {@code model.compile("adam", Losses.MEAN_SQUARED_ERROR)}. Each accepts Keras's aliases, including
 * its class names ({@code "MeanSquaredError"}), and uses Keras's defaults ({@code from_logits=False}, no label
 * smoothing, {@code delta=1.0} for Huber). Every loss's per-sample value is Keras's; the batch loss is their mean
 * ({@link Reduction#SUM_OVER_BATCH_SIZE}), except {@link #SUM_SQUARED_ERROR}.
 */
public enum Losses implements Loss, KerasNamed {
    /** {@code mean((y_pred - y_true)^2, axis=-1)}; DL4J's {@code LossMSE} computes exactly this. */
    MEAN_SQUARED_ERROR("mean_squared_error", LossMSE::new, "mse", "MSE", "MeanSquaredError"),
    /** {@code mean(|y_pred - y_true|, axis=-1)}. */
    MEAN_ABSOLUTE_ERROR("mean_absolute_error", KerasMeanAbsoluteError::new, "mae", "MAE", "MeanAbsoluteError"),
    /** {@code 100 mean(|y_true - y_pred| / max(|y_true|, 1e-7), axis=-1)}. */
    MEAN_ABSOLUTE_PERCENTAGE_ERROR("mean_absolute_percentage_error", KerasMeanAbsolutePercentageError::new,
            "mape", "MAPE", "MeanAbsolutePercentageError"),
    /** {@code mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))^2, axis=-1)}. */
    MEAN_SQUARED_LOGARITHMIC_ERROR("mean_squared_logarithmic_error", KerasMeanSquaredLogarithmicError::new,
            "msle", "MSLE", "MeanSquaredLogarithmicError"),
    /** Binary crossentropy, the mean over the last axis; from the logits after a sigmoid, else clipped at 1e-7. */
    BINARY_CROSSENTROPY("binary_crossentropy", KerasBinaryCrossentropy::new, "bce", "BCE", "BinaryCrossentropy"),
    /** Categorical crossentropy of one-hot (or soft) labels; from the logits after a softmax. */
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy", KerasCategoricalCrossentropy::new,
            "CategoricalCrossentropy"),
    /** Categorical crossentropy of integer class labels in one column; from the logits after a softmax. */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy", KerasSparseCategoricalCrossentropy::new,
            Reduction.SUM_OVER_BATCH_SIZE, true, "SparseCategoricalCrossentropy"),
    /** {@code mean(max(1 - y_true y_pred, 0), axis=-1)}, 0/1 labels mapped to -1/1. */
    HINGE("hinge", KerasHinge::new, "Hinge"),
    /** {@code mean(max(1 - y_true y_pred, 0)^2, axis=-1)}, 0/1 labels mapped to -1/1. */
    SQUARED_HINGE("squared_hinge", KerasSquaredHinge::new, "SquaredHinge"),
    /** {@code sum(y log(y / p), axis=-1)} with y and p clipped to {@code [1e-7, 1]}. */
    KL_DIVERGENCE("kl_divergence", KerasKLDivergence::new,
            "kld", "KLD", "kullback_leibler_divergence", "KLDivergence"),
    /** {@code mean(y_pred - y_true log(y_pred + 1e-7), axis=-1)}. */
    POISSON("poisson", KerasPoisson::new, "Poisson"),
    /** {@code -sum(l2_normalize(y_true) l2_normalize(y_pred), axis=-1)}. */
    COSINE_SIMILARITY("cosine_similarity", KerasCosineSimilarity::new, "CosineSimilarity"),
    /** {@code mean(log(cosh(y_pred - y_true)), axis=-1)}. */
    LOG_COSH("log_cosh", KerasLogCosh::new, "logcosh", "LogCosh"),
    /** Huber loss with Keras's default {@code delta=1.0}, the mean over the last axis. */
    HUBER("huber", KerasHuber::new, "huber_loss", "Huber"),
    /**
     * Not a Keras loss: {@code sum((y_pred - y)^2)} over the outputs and over the batch ({@link Reduction#SUM}),
     * the {@code np.square(y_pred - y).sum()} of hand-written numpy networks, whose gradient is
     * {@code 2 (y_pred - y)}. DL4J's {@code LossL2} computes it per sample; the model must not divide by the
     * batch size (DL4J's {@code miniBatch(false)}).
     */
    SUM_SQUARED_ERROR("sum_squared_error", LossL2::new, Reduction.SUM, false);

    private final String kerasName;
    private final Supplier<ILossFunction> dl4j;
    private final Reduction reduction;
    private final boolean sparseLabels;
    private final List<String> aliases;

    Losses(String kerasName, Supplier<ILossFunction> dl4j, String... aliases) {
        this(kerasName, dl4j, Reduction.SUM_OVER_BATCH_SIZE, false, aliases);
    }

    Losses(String kerasName, Supplier<ILossFunction> dl4j, Reduction reduction, boolean sparseLabels,
            String... aliases) {
        this.kerasName = kerasName;
        this.dl4j = dl4j;
        this.reduction = reduction;
        this.sparseLabels = sparseLabels;
        this.aliases = List.of(aliases);
    }

    /**
     * The loss Keras knows by {@code name} (a function name, an alias such as {@code "mse"}, or a class name such as
     * {@code "MeanSquaredError"}); names match exactly, as in Keras.
     *
     * @throws IllegalArgumentException naming the unknown name, the closest valid one and all valid names
     */
    public static Losses get(String name) {
        return Registry.lookup(Losses.class, "loss", name);
    }

    @Override
    public String kerasName() {
        return kerasName;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public ILossFunction toDl4j() {
        return dl4j.get();
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public boolean sparseLabels() {
        return sparseLabels;
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
