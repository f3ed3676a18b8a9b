package io.github.keras4j.keras;

import io.github.keras4j.Sequential;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compile settings as each Keras stores them: Keras 1 and 2's {@code training_config} ({@code optimizer_config},
 * loss and metrics by name) and Keras 3's {@code compile_config} ({@code optimizer}, loss and metrics as names or as
 * serialized objects with {@code module}).
 */
final class TrainingConfigs {

    /** Loss-object keys that hold Keras's default behaviour when they have these values. */
    private static final Map<String, List<Object>> LOSS_DEFAULTS = Map.of(
            "reduction", List.of("auto", "sum_over_batch_size"),
            "from_logits", List.of(false),
            "label_smoothing", List.of(0, 0.0),
            "axis", List.of(-1));

    private TrainingConfigs() {
    }

    static void compile(Sequential model, Map<String, ?> trainingConfig, String source) {
        String where = source + ", training_config";
        ConfigObject config = new ConfigObject(trainingConfig, where);
        Losses loss = loss(config.required("loss"), where);
        List<Metric> metrics = new ArrayList<>();
        Object metricList = config.read("metrics");
        if (metricList != null) {
            for (Object metric : ModelConfig.asList(metricList, where + " metrics")) {
                metrics.add(metric(metric, where));
            }
        }
        config.mustBeNull("weighted_metrics", "loss_weights", "sample_weight_mode");
        // How Keras runs the step (eager, graph, XLA, several steps per call) does not change what it computes.
        config.accept("run_eagerly", "steps_per_execution", "jit_compile", "auto_scale_loss");
        Object optimizerValue = config.has("optimizer_config") ? config.required("optimizer_config")
                : config.required("optimizer");
        config.accept("optimizer_config", "optimizer");
        Optimizer optimizer = optimizer(optimizerValue, where);
        config.requireAllRead();
        model.compile(optimizer, loss, metrics.toArray(new Metric[0]));
    }

    private static Optimizer optimizer(Object value, String where) {
        if (value instanceof String name) {
            return Optimizers.get(name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": the optimizer must be a name or an object, found "
                    + KerasJson.describe(value));
        }
        ConfigObject entry = new ConfigObject(cast(map), where + ", optimizer");
        String className = entry.string("class_name");
        // tf.keras 2.14 writes its built-in optimizers registered under the package "Custom".
        String plainName = className.startsWith("Custom>") ? className.substring("Custom>".length()) : className;
        ModelLayout.checkModule(entry, "keras.optimizers", className);
        Map<String, Object> config = entry.mapOrNull("config");
        entry.requireAllRead();
        return Optimizers.fromConfig(plainName, config);
    }

    private static Losses loss(Object value, String where) {
        if (value instanceof String name) {
            return Losses.get(name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new UnsupportedOperationException(where + ": loss " + KerasJson.write(value) + " is not supported; "
                    + "keras4j reads one loss, by name or as a Keras loss object");
        }
        ConfigObject entry = new ConfigObject(cast(map), where + ", loss");
        String className = entry.string("class_name");
        ModelLayout.checkModule(entry, "keras.losses", className);
        Losses loss = Losses.get(className);
        ConfigObject config = new ConfigObject(entry.mapOrNull("config"), where + ", loss " + className);
        entry.requireAllRead();
        config.accept("name", "dtype");
        for (Map.Entry<String, List<Object>> setting : LOSS_DEFAULTS.entrySet()) {
            Object given = config.read(setting.getKey());
            if (given != null && !setting.getValue().contains(given)) {
                throw new UnsupportedOperationException(config.where() + ": \"" + setting.getKey() + "\" = "
                        + KerasJson.write(given) + " is not supported by keras4j; only " + setting.getValue().get(0));
            }
        }
        config.requireAllRead();
        return loss;
    }

    private static Metric metric(Object value, String where) {
        if (value instanceof String name) {
            return Metrics.get(name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new UnsupportedOperationException(where + ": metric " + KerasJson.write(value) + " is not "
                    + "supported; keras4j reads metrics by name or as Keras metric objects");
        }
        ConfigObject entry = new ConfigObject(cast(map), where + ", metric");
        String className = entry.string("class_name");
        ModelLayout.checkModule(entry, "keras.metrics", className);
        Metric metric = Metrics.get(className);
        ConfigObject config = new ConfigObject(entry.mapOrNull("config"), where + ", metric " + className);
        entry.requireAllRead();
        Object name = config.read("name");
        config.accept("dtype");
        if (name != null && !name.equals(metric.kerasName())) {
            throw new UnsupportedOperationException(config.where() + ": a metric object named '" + name
                    + "' is not supported; keras4j reads metric objects under their default name ('"
                    + metric.kerasName() + "')");
        }
        config.requireAllRead();
        return metric;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
