package io.github.keras4j.metrics;

import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Metrics by Keras name, as {@code model.compile(metrics=["accuracy", "mse", "AUC"])} takes them (tf.keras 2.x):
 * function names ({@code "binary_accuracy"}), their aliases ({@code "acc"}, {@code "mse"}, {@code "mae"}) and class
 * names ({@code "BinaryAccuracy"}, {@code "Precision"}, {@code "AUC"}), matched exactly as Keras matches them.
 * <p>The constants are spelled as Keras spells its metric functions ({@code Metrics.BINARY_ACCURACY} for
 * {@code keras.metrics.binary_accuracy}) because {@link Metric#kerasName()} is the name Keras logs, and an enum's
 * {@code kerasName()} is its constant's spelling.
 * <p>Each constant computes with Keras's defaults; the typed classes ({@link BinaryAccuracy}, {@link Precision},
 * {@link Recall}, {@link AUC}...) take Keras's arguments. {@code "precision"}, {@code "recall"} and {@code "auc"} are
 * accepted as Keras 3 accepts them; tf.keras 2.x knows these three only by their class names.
 */
public enum Metrics implements Metric, KerasNamed {
    /** Thresholded predictions equal to 0/1 labels ({@link BinaryAccuracy}, threshold 0.5). */
    BINARY_ACCURACY("binary_accuracy", new BinaryAccuracy(), name -> new BinaryAccuracy().name(name),
            List.of(), List.of("BinaryAccuracy")),
    /**
     * Binary, sparse categorical or categorical accuracy, picked by {@link #resolve} from the shapes as Keras's
     * compile does. Keras matches {@code "accuracy"} and {@code "acc"} in any letter case and logs the metric under
     * the name as written.
     */
    ACCURACY("accuracy", new ShapeResolvedAccuracy("accuracy"), ShapeResolvedAccuracy::new,
            List.of("acc", "ACC", "Accuracy"), List.of()),
    /** Argmax of the prediction equal to argmax of the one-hot label ({@link CategoricalAccuracy}). */
    CATEGORICAL_ACCURACY("categorical_accuracy", new CategoricalAccuracy(),
            name -> new CategoricalAccuracy().name(name), List.of(), List.of("CategoricalAccuracy")),
    /** Argmax of the prediction equal to the integer class label ({@link SparseCategoricalAccuracy}). */
    SPARSE_CATEGORICAL_ACCURACY("sparse_categorical_accuracy", new SparseCategoricalAccuracy(),
            name -> new SparseCategoricalAccuracy().name(name), List.of(), List.of("SparseCategoricalAccuracy")),
    /** {@code mean((y_pred - y_true)^2)} per sample, averaged over the samples ({@link MeanSquaredError}). */
    MEAN_SQUARED_ERROR("mean_squared_error", new MeanSquaredError(), name -> new MeanSquaredError().name(name),
            List.of("mse", "MSE"), List.of("MeanSquaredError")),
    /** {@code mean(|y_pred - y_true|)} per sample, averaged over the samples ({@link MeanAbsoluteError}). */
    MEAN_ABSOLUTE_ERROR("mean_absolute_error", new MeanAbsoluteError(), name -> new MeanAbsoluteError().name(name),
            List.of("mae", "MAE"), List.of("MeanAbsoluteError")),
    /** {@code TP / (TP + FP)} at threshold 0.5 over all elements ({@link Precision}). */
    PRECISION("precision", Precision.named("precision"), Precision::named, List.of(), List.of("Precision")),
    /** {@code TP / (TP + FN)} at threshold 0.5 over all elements ({@link Recall}). */
    RECALL("recall", Recall.named("recall"), Recall::named, List.of(), List.of("Recall")),
    /** Area under the ROC curve, 200 thresholds, interpolated Riemann sum ({@link AUC}). */
    // The constant AUC hides the class AUC inside this enum, hence the qualified name.
    AUC("auc", io.github.keras4j.metrics.AUC.named("auc"), io.github.keras4j.metrics.AUC::named, List.of(),
            List.of("AUC"));

    private final String kerasName;
    private final Metric computation;
    private final Function<String, Metric> renamed;
    /** Names Keras resolves to a function and logs as written ({@code "mse"} is logged as {@code mse}). */
    private final List<String> functionAliases;
    private final List<String> aliases;

    Metrics(String kerasName, Metric computation, Function<String, Metric> renamed, List<String> functionAliases,
            List<String> classNames) {
        this.kerasName = kerasName;
        this.computation = computation;
        this.renamed = renamed;
        this.functionAliases = functionAliases;
        List<String> all = new ArrayList<>(functionAliases);
        all.addAll(classNames);
        this.aliases = List.copyOf(all);
    }

    /**
     * The metric that Keras's {@code compile} makes of {@code name}, named as Keras logs it: a function name or a
     * class name gives the constant ({@code "BinaryAccuracy"} is logged as {@code binary_accuracy}); a function alias
     * gives the same computation under the alias ({@code "mse"} is logged as {@code mse}, {@code "acc"} as
     * {@code acc}). {@code "accuracy"} and {@code "acc"} match in any letter case, as in Keras's compile.
     *
     * @throws IllegalArgumentException naming the unknown name, the closest valid one and all valid names
     */
    public static Metric get(String name) {
        if (name != null) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (lowerCase.equals("accuracy") || lowerCase.equals("acc")) {
                return name.equals(ACCURACY.kerasName()) ? ACCURACY : ACCURACY.renamed.apply(name);
            }
        }
        Metrics found = Registry.lookup(Metrics.class, "metric", name);
        return found.functionAliases.contains(name) ? found.renamed.apply(name) : found;
    }

    /**
     * What Keras's compile does with a model's metrics once the shapes are known: resolves each ({@code "accuracy"}
     * becomes binary, sparse categorical or categorical), checks it against the shapes, and names them as Keras does.
     * Metrics given by class name with their default name ({@link #PRECISION}, {@link #RECALL}, {@link #AUC}) are
     * numbered within this list, as Keras numbers objects it creates while tracing the train step:
     * {@code ["Precision", "Precision"]} becomes {@code precision} and {@code precision_1}.
     *
     * @return the resolved metrics, in order
     * @throws IllegalArgumentException if a metric cannot work with these shapes, or if two metrics share a name
     *     (Keras's "Found two metrics with the same name")
     */
    public static List<Metric> resolveAll(List<? extends Metric> metrics, int outputUnits, int labelColumns) {
        Objects.requireNonNull(metrics, "metrics");
        List<Metric> resolved = new ArrayList<>(metrics.size());
        Map<String, Integer> classInstances = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Metric metric : metrics) {
            Objects.requireNonNull(metric, "metrics must not contain null");
            Metric concrete = metric.resolve(outputUnits, labelColumns);
            if (metric == PRECISION || metric == RECALL || metric == AUC) {
                int earlier = classInstances.merge(metric.kerasName(), 1, Integer::sum) - 1;
                if (earlier > 0) {
                    concrete = ((Metrics) metric).renamed.apply(metric.kerasName() + "_" + earlier);
                }
            }
            concrete.checkCompatible(outputUnits, labelColumns);
            if (!names.add(concrete.kerasName())) {
                throw new IllegalArgumentException("Found two metrics with the same name: " + concrete.kerasName()
                        + ". All the metrics added to the model need to have unique names.");
            }
            resolved.add(concrete);
        }
        return resolved;
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
    public MetricState newState() {
        return computation.newState();
    }

    @Override
    public Metric resolve(int outputUnits, int labelColumns) {
        return this == ACCURACY ? computation.resolve(outputUnits, labelColumns) : this;
    }

    @Override
    public void checkCompatible(int outputUnits, int labelColumns) {
        computation.checkCompatible(outputUnits, labelColumns);
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
