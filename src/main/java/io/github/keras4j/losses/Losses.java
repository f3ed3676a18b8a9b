package io.github.keras4j.losses;

import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * Loss functions by Keras name, as {@code keras.losses.get(name)} (tf.keras 2.x): {@code model.compile("adam",
 * "mse")} or {@code model.compile("adam", Losses.MEAN_SQUARED_ERROR)}. Each accepts Keras's aliases, including
 * its class names ({@code "MeanSquaredError"}), and stands for the loss object of that class with Keras's defaults
 * ({@link #object()}: {@code from_logits=False}, no label smoothing, {@code delta=1.0} for Huber); the classes
 * ({@link Huber}, {@link BinaryCrossentropy}...) take Keras's arguments. Every loss's per-sample value is Keras's;
 * the batch loss is their mean ({@link Reduction#SUM_OVER_BATCH_SIZE}), except {@link #SUM_SQUARED_ERROR}.
 */
public enum Losses implements Loss, KerasNamed {
    /** {@code mean((y_pred - y_true)^2, axis=-1)} ({@link MeanSquaredError}). */
    MEAN_SQUARED_ERROR("mean_squared_error", MeanSquaredError::new, "mse", "MSE", "MeanSquaredError"),
    /** {@code mean(|y_pred - y_true|, axis=-1)} ({@link MeanAbsoluteError}). */
    MEAN_ABSOLUTE_ERROR("mean_absolute_error", MeanAbsoluteError::new, "mae", "MAE", "MeanAbsoluteError"),
    /** {@code 100 mean(|y_true - y_pred| / max(|y_true|, 1e-7), axis=-1)} ({@link MeanAbsolutePercentageError}). */
    MEAN_ABSOLUTE_PERCENTAGE_ERROR("mean_absolute_percentage_error", MeanAbsolutePercentageError::new,
            "mape", "MAPE", "MeanAbsolutePercentageError"),
    /** {@code mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))^2, axis=-1)}. */
    MEAN_SQUARED_LOGARITHMIC_ERROR("mean_squared_logarithmic_error", MeanSquaredLogarithmicError::new,
            "msle", "MSLE", "MeanSquaredLogarithmicError"),
    /** Binary crossentropy, the mean over the last axis; from the logits after a sigmoid, else clipped at 1e-7. */
    BINARY_CROSSENTROPY("binary_crossentropy", BinaryCrossentropy::new, "bce", "BCE", "BinaryCrossentropy"),
    /** Categorical crossentropy of one-hot (or soft) labels; from the logits after a softmax. */
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy", CategoricalCrossentropy::new, "CategoricalCrossentropy"),
    /** Categorical crossentropy of integer class labels in one column; from the logits after a softmax. */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy", SparseCategoricalCrossentropy::new,
            "SparseCategoricalCrossentropy"),
    /** {@code mean(max(1 - y_true y_pred, 0), axis=-1)}, 0/1 labels mapped to -1/1. */
    HINGE("hinge", Hinge::new, "Hinge"),
    /** {@code mean(max(1 - y_true y_pred, 0)^2, axis=-1)}, 0/1 labels mapped to -1/1. */
    SQUARED_HINGE("squared_hinge", SquaredHinge::new, "SquaredHinge"),
    /** {@code sum(y log(y / p), axis=-1)} with y and p clipped to {@code [1e-7, 1]}. */
    KL_DIVERGENCE("kl_divergence", KLDivergence::new, "kld", "KLD", "kullback_leibler_divergence", "KLDivergence"),
    /** {@code mean(y_pred - y_true log(y_pred + 1e-7), axis=-1)}. */
    POISSON("poisson", Poisson::new, "Poisson"),
    /** {@code -sum(l2_normalize(y_true) l2_normalize(y_pred), axis=-1)}. */
    COSINE_SIMILARITY("cosine_similarity", CosineSimilarity::new, "CosineSimilarity"),
    /** {@code mean(log(cosh(y_pred - y_true)), axis=-1)}. */
    LOG_COSH("log_cosh", LogCosh::new, "logcosh", "LogCosh"),
    /** Huber loss with Keras's default {@code delta=1.0}, the mean over the last axis ({@link Huber}). */
    HUBER("huber", Huber::new, "huber_loss", "Huber"),
    /**
     * Not a Keras loss: {@code sum((y_pred - y)^2)} over the outputs and over the batch ({@link Reduction#SUM}),
     * the {@code np.square(y_pred - y).sum()} of hand-written numpy networks, whose gradient is
     * {@code 2 (y_pred - y)}. DL4J's {@code LossL2} computes it per sample; the model must not divide by the
     * batch size (DL4J's {@code miniBatch(false)}).
     */
    SUM_SQUARED_ERROR("sum_squared_error", null);

    private final String kerasName;
    /** The Keras loss class this name stands for, with Keras's defaults; null for sum_squared_error. */
    private final Supplier<LossFunctionWrapper<?>> object;
    private final List<String> aliases;

    Losses(String kerasName, Supplier<LossFunctionWrapper<?>> object, String... aliases) {
        this.kerasName = kerasName;
        this.object = object;
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

    /**
     * The loss object this name stands for, with Keras's defaults: {@code Losses.HUBER.object()} is
     * {@code new Huber()}.
     *
     * @throws UnsupportedOperationException for {@link #SUM_SQUARED_ERROR}, which is no Keras class
     */
    public LossFunctionWrapper<?> object() {
        if (object == null) {
            throw new UnsupportedOperationException(kerasName + " is not a Keras loss class: it has no arguments "
                    + "and no Keras config object");
        }
        return object.get();
    }

    /**
     * The loss object a Keras config describes, as {@code keras.losses.deserialize} makes it: the class by its Keras
     * name ({@code "Huber"}; every name {@link #get} knows is accepted) with the config's settings
     * ({@link LossFunctionWrapper#withConfig}).
     *
     * @throws IllegalArgumentException for an unknown class (listing the valid names), key or value
     * @throws UnsupportedOperationException for a setting keras4j cannot compute, naming it
     */
    public static LossFunctionWrapper<?> fromConfig(String className, Map<String, ?> config) {
        LossFunctionWrapper<?> defaults = get(className).object();
        return config == null ? defaults : defaults.withConfig(config);
    }

    @Override
    public ILossFunction toDl4j() {
        return object == null ? new LossL2() : object.get().toDl4j();
    }

    @Override
    public Reduction reduction() {
        return object == null ? Reduction.SUM : Reduction.SUM_OVER_BATCH_SIZE;
    }

    @Override
    public boolean sparseLabels() {
        return object != null && object.get().sparseLabels();
    }

    /** A loss given by name is stored by name, as Keras stores {@code loss="mse"}. */
    @Override
    public Object kerasConfig() {
        return kerasName;
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
