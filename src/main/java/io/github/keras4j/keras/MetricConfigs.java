package io.github.keras4j.keras;

import io.github.keras4j.internal.ConfigReader;
import io.github.keras4j.metrics.AUC;
import io.github.keras4j.metrics.BinaryAccuracy;
import io.github.keras4j.metrics.CategoricalAccuracy;
import io.github.keras4j.metrics.MeanAbsoluteError;
import io.github.keras4j.metrics.MeanSquaredError;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.metrics.Precision;
import io.github.keras4j.metrics.Recall;
import io.github.keras4j.metrics.SparseCategoricalAccuracy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Keras's metric objects in training configs: the metric classes by {@code class_name} with their configs
 * ({@code BinaryAccuracy}, {@code Precision}, {@code AUC}...), {@code MeanMetricWrapper} with its {@code fn} (tf.keras
 * 2.x writes {@code "fn": "binary_accuracy"} for the accuracy that {@code metrics=['accuracy']} becomes, Keras 3 the
 * function as a serialized object) and Keras 3's serialized functions. Every key is read.
 */
final class MetricConfigs {

    /** The metric classes: each reads its own keys (name and dtype are read for all) onto a metric named so. */
    private static final Map<String, BiFunction<String, ConfigReader, Metric>> CLASSES = new TreeMap<>(Map.of(
            "BinaryAccuracy", (name, config) -> binaryAccuracy(name, config),
            "CategoricalAccuracy", (name, config) -> new CategoricalAccuracy().name(name),
            "SparseCategoricalAccuracy", (name, config) -> new SparseCategoricalAccuracy().name(name),
            "MeanSquaredError", (name, config) -> new MeanSquaredError().name(name),
            "MeanAbsoluteError", (name, config) -> new MeanAbsoluteError().name(name),
            "Precision", (name, config) -> ThresholdSettings.read(config).applyTo(Precision.named(name)),
            "Recall", (name, config) -> ThresholdSettings.read(config).applyTo(Recall.named(name)),
            "AUC", MetricConfigs::auc));

    /** The metric functions a MeanMetricWrapper may wrap, each reading its own keyword arguments. */
    private static final Map<String, BiFunction<String, ConfigReader, Metric>> FUNCTIONS = new TreeMap<>(Map.of(
            "binary_accuracy", (name, config) -> binaryAccuracy(name, config),
            "categorical_accuracy", CLASSES.get("CategoricalAccuracy"),
            "sparse_categorical_accuracy", CLASSES.get("SparseCategoricalAccuracy"),
            "mean_squared_error", CLASSES.get("MeanSquaredError"),
            "mean_absolute_error", CLASSES.get("MeanAbsoluteError")));

    private MetricConfigs() {
    }

    /**
     * The metric a training config's entry describes: a name, a serialized function or a metric object.
     *
     * @param outputUnits the model's outputs, which an AUC's {@code num_labels} must equal
     */
    static Metric read(Object value, int outputUnits, String where) {
        if (value instanceof String name) {
            return Metrics.get(name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new UnsupportedOperationException(where + ": metric " + KerasJson.write(value) + " is not "
                    + "supported; keras4j reads metrics by name or as Keras metric objects");
        }
        ConfigReader entry = ConfigReader.kerasJson(TrainingConfigs.cast(map), where + ", metric");
        String className = entry.string("class_name");
        String function = TrainingConfigs.functionName(entry);
        if (function != null) {
            return Metrics.get(function);
        }
        ModelLayout.checkModule(entry, "keras.metrics", className);
        ConfigReader config = ConfigReader.kerasJson(entry.mapOrNull("config"), where + ", metric " + className);
        entry.requireAllRead();
        config.accept("dtype");
        Metric metric;
        if (className.equals("MeanMetricWrapper")) {
            String fn = fn(config.required("fn"), config.where());
            BiFunction<String, ConfigReader, Metric> reader = FUNCTIONS.get(fn);
            if (reader == null) {
                throw new UnsupportedOperationException(config.where() + ": fn '" + fn + "' is not supported by "
                        + "keras4j; supported: " + String.join(", ", FUNCTIONS.keySet()));
            }
            metric = reader.apply(config.string("name"), config);
        } else {
            BiFunction<String, ConfigReader, Metric> reader = CLASSES.get(className);
            if (reader == null) {
                throw new UnsupportedOperationException(config.where() + ": metric class '" + className + "' is not "
                        + "supported by keras4j; supported: MeanMetricWrapper, " + String.join(", ", CLASSES.keySet()));
            }
            String name = config.has("name") ? config.string("name") : defaultName(className);
            metric = reader.apply(name, config);
            if (metric instanceof AUC && config.read("num_labels") instanceof Number labels
                    && labels.intValue() != outputUnits) {
                throw new IllegalArgumentException(config.where() + ": \"num_labels\" = " + labels + " but the model "
                        + "has " + outputUnits + " outputs");
            }
        }
        config.requireAllRead();
        return metric;
    }

    /** The function a MeanMetricWrapper wraps: its name (tf.keras) or a serialized function (Keras 3). */
    private static String fn(Object value, String where) {
        if (value instanceof String name) {
            return name;
        }
        if (value instanceof Map<?, ?> map) {
            ConfigReader function = ConfigReader.kerasJson(TrainingConfigs.cast(map), where + ", fn");
            String name = TrainingConfigs.functionName(function);
            if (name != null) {
                return name;
            }
        }
        throw new IllegalArgumentException(where + ": \"fn\" must name a Keras metric function, found "
                + KerasJson.describe(value));
    }

    /** The name Keras gives a metric object whose config has none. */
    private static String defaultName(String className) {
        return switch (className) {
            case "Precision" -> new Precision().kerasName();
            case "Recall" -> new Recall().kerasName();
            case "AUC" -> new AUC().kerasName();
            default -> Metrics.get(className).kerasName();
        };
    }

    private static Metric binaryAccuracy(String name, ConfigReader config) {
        return new BinaryAccuracy().name(name).threshold(config.number("threshold", BinaryAccuracy.DEFAULT_THRESHOLD));
    }

    /** Precision's and Recall's {@code thresholds} (one number, or a list of one), {@code top_k}, {@code class_id}. */
    private record ThresholdSettings(Double threshold, Integer topK, Integer classId) {

        static ThresholdSettings read(ConfigReader config) {
            Object thresholds = config.read("thresholds");
            return new ThresholdSettings(thresholds == null ? null : single(thresholds, config),
                    config.read("top_k") == null ? null : config.integer("top_k"),
                    config.read("class_id") == null ? null : config.integer("class_id"));
        }

        Precision applyTo(Precision metric) {
            Precision set = threshold == null ? metric : metric.thresholds(threshold);
            set = topK == null ? set : set.topK(topK);
            return classId == null ? set : set.classId(classId);
        }

        Recall applyTo(Recall metric) {
            Recall set = threshold == null ? metric : metric.thresholds(threshold);
            set = topK == null ? set : set.topK(topK);
            return classId == null ? set : set.classId(classId);
        }

        private static double single(Object thresholds, ConfigReader config) {
            Object value = thresholds instanceof List<?> list && list.size() == 1 ? list.get(0) : thresholds;
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            throw new UnsupportedOperationException(config.where() + ": \"thresholds\" = "
                    + KerasJson.write(thresholds) + " is not supported by keras4j: a metric reports one number, so it "
                    + "takes one threshold");
        }
    }

    private static Metric auc(String name, ConfigReader config) {
        AUC auc = AUC.named(name)
                .numThresholds(config.integer("num_thresholds", AUC.DEFAULT_NUM_THRESHOLDS))
                .curve(config.string("curve", "ROC"))
                .summationMethod(config.string("summation_method", "interpolation"))
                .multiLabel(config.bool("multi_label", false))
                .fromLogits(config.bool("from_logits", false));
        if (config.read("thresholds") != null) {
            auc = auc.thresholds(numbers(config, "thresholds"));
        }
        if (config.read("label_weights") != null) {
            auc = auc.labelWeights(numbers(config, "label_weights"));
        }
        config.read("num_labels");
        return auc;
    }

    private static double[] numbers(ConfigReader config, String key) {
        List<Object> values = config.list(key);
        double[] numbers = new double[values.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(values.get(i) instanceof Number number)) {
                throw config.wrongType(key, "a list of numbers");
            }
            numbers[i] = number.doubleValue();
        }
        return numbers;
    }
}
