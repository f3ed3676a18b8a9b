package io.github.keras4j.keras;

import io.github.keras4j.Model;
import io.github.keras4j.internal.ConfigReader;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.Optimizers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compile settings as each Keras stores them, read and written: Keras 1 and 2's {@code training_config}
 * ({@code optimizer_config}, loss and metrics by name or, from tf.keras 2.x on, as objects) and Keras 3's
 * {@code compile_config} ({@code optimizer}, loss and metrics as names, serialized functions or objects with
 * {@code module}). Losses are read as loss objects with their arguments ({@link Losses#fromConfig}), metrics by
 * {@link MetricConfigs}; metrics may come as a list per output (one output here).
 */
final class TrainingConfigs {

    private TrainingConfigs() {
    }

    static void compile(Model model, Map<String, ?> trainingConfig, String source) {
        String where = source + ", training_config";
        ConfigReader config = ConfigReader.kerasJson(trainingConfig, where);
        Loss loss = loss(model, singleOutput(model, config.required("loss"), "loss", where), where);
        List<Metric> metrics = new ArrayList<>();
        Object metricList = config.read("metrics");
        if (metricList != null) {
            for (Object metric : metricsOfTheOutput(model, metricList, where + " metrics")) {
                metrics.add(MetricConfigs.read(metric, model.outputUnits(), where));
            }
        }
        Object weighted = config.read("weighted_metrics");
        if (weighted != null && !(weighted instanceof List<?> list && list.isEmpty())) {
            throw new UnsupportedOperationException(where + ": \"weighted_metrics\" = " + KerasJson.write(weighted)
                    + " is not supported by keras4j");
        }
        config.mustBeNull("loss_weights", "sample_weight_mode");
        // How Keras runs the step (eager, graph, XLA, several steps per call) does not change what it computes.
        config.accept("run_eagerly", "steps_per_execution", "jit_compile", "auto_scale_loss");
        Object optimizerValue = config.has("optimizer_config") ? config.required("optimizer_config")
                : config.required("optimizer");
        config.accept("optimizer_config", "optimizer");
        Optimizer optimizer = optimizer(optimizerValue, where);
        config.requireAllRead();
        model.compile(optimizer, loss, metrics.toArray(new Metric[0]));
    }

    /**
     * The {@code training_config} Keras stores with a compiled model (tf.keras 2.x's layout): the loss and metrics
     * as the user gave them (a name stays a name; an object is written as {@code {"class_name", "config"}} with the
     * model's float type as the metric's {@code dtype}) and the optimizer's config.
     */
    static Map<String, Object> trainingConfig(Model model) {
        List<Object> metrics = new ArrayList<>();
        int units = model.outputUnits();
        int labelColumns = model.loss().sparseLabels() ? 1 : units;
        String dtype = model.layers().get(0).dtype();
        for (Metric metric : model.metrics()) {
            if (metric.equals(fromName(metric.kerasName(), units, labelColumns))) {
                metrics.add(metric.kerasName());
            } else {
                Map<String, Object> config = new LinkedHashMap<>();
                Map<String, Object> settings = metric.config();
                config.put("name", settings.get("name"));
                config.put("dtype", dtype);
                config.putAll(settings);
                metrics.add(entry(metric.className(), config));
            }
        }
        Optimizer optimizer = model.optimizer();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("loss", model.loss().kerasConfig());
        config.put("metrics", metrics);
        config.put("weighted_metrics", null);
        config.put("loss_weights", null);
        config.put("optimizer_config", entry(optimizer.className(), new LinkedHashMap<>(optimizer.config())));
        return config;
    }

    /** The metric a name gives once compiled, or null if the name is not one Keras knows. */
    private static Metric fromName(String name, int units, int labelColumns) {
        try {
            return Metrics.resolveAll(List.of(Metrics.get(name)), units, labelColumns).get(0);
        } catch (IllegalArgumentException unknownName) {
            return null;
        }
    }

    private static Map<String, Object> entry(String className, Map<String, Object> config) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", className);
        entry.put("config", config);
        return entry;
    }

    private static Optimizer optimizer(Object value, String where) {
        if (value instanceof String name) {
            return Optimizers.get(name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": the optimizer must be a name or an object, found "
                    + KerasJson.describe(value));
        }
        ConfigReader entry = ConfigReader.kerasJson(cast(map), where + ", optimizer");
        String className = entry.string("class_name");
        // tf.keras 2.14 writes its built-in optimizers registered under the package "Custom".
        String plainName = className.startsWith("Custom>") ? className.substring("Custom>".length()) : className;
        ModelLayout.checkModule(entry, "keras.optimizers", className);
        Map<String, Object> config = entry.mapOrNull("config");
        entry.requireAllRead();
        return Optimizers.fromConfig(plainName, config);
    }

    /** A loss by name, as a serialized function (Keras 3) or as a loss object with its arguments. */
    private static Loss loss(Model model, Object value, String where) {
        if (value instanceof String name) {
            return Losses.get(name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new UnsupportedOperationException(where + ": loss " + KerasJson.write(value) + " is not supported; "
                    + "keras4j reads one loss, by name or as a Keras loss object");
        }
        ConfigReader entry = ConfigReader.kerasJson(cast(map), where + ", loss");
        String className = entry.string("class_name");
        String function = functionName(entry);
        if (function != null) {
            return Losses.get(function);
        }
        ModelLayout.checkModule(entry, "keras.losses", className);
        Map<String, Object> config = entry.mapOrNull("config");
        entry.requireAllRead();
        if (config != null && config.get("dtype") != null && config.get("dtype").equals(dtypeOf(model))) {
            // The model's own float type is what keras4j computes the loss in.
            config = new LinkedHashMap<>(config);
            config.remove("dtype");
        }
        try {
            return Losses.fromConfig(className, config);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException(where + ", loss: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ", loss: " + e.getMessage(), e);
        }
    }

    private static String dtypeOf(Model model) {
        List<Layer> layers = model.layers();
        return layers.isEmpty() ? null : layers.get(0).dtype();
    }

    /**
     * The name of a Keras 3 serialized function ({@code {"module": "builtins", "class_name": "function", "config":
     * "categorical_crossentropy", "registered_name": "function"}}, what {@code compile(loss=keras.losses.
     * categorical_crossentropy)} saves), or null for any other entry, of which nothing is read but the class name.
     */
    static String functionName(ConfigReader entry) {
        if (!"function".equals(entry.string("class_name"))) {
            return null;
        }
        entry.mustBe("module", "builtins");
        entry.mustBe("registered_name", "function");
        String name = entry.string("config");
        entry.requireAllRead();
        return name;
    }

    /**
     * What a setting that Keras takes per output says for the one output of a Sequential model: the value itself, a
     * list of one, or a dict of one keyed by the output layer's name.
     */
    private static Object singleOutput(Model model, Object value, String what, String where) {
        if (value instanceof List<?> list && list.size() == 1) {
            return list.get(0);
        }
        if (value instanceof Map<?, ?> map && map.size() == 1 && !map.containsKey("class_name")) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            String output = model.layers().get(model.layers().size() - 1).name();
            if (!output.equals(only.getKey())) {
                throw new IllegalArgumentException(where + ": " + what + " is given for output '" + only.getKey()
                        + "', but the model's output is '" + output + "'");
            }
            return only.getValue();
        }
        if (value instanceof List<?> || value instanceof Map<?, ?> map && !map.containsKey("class_name")) {
            throw new UnsupportedOperationException(where + ": " + what + " " + KerasJson.write(value) + " is given "
                    + "for several outputs; a Sequential model has one");
        }
        return value;
    }

    /** The metrics of the one output: a list, a list holding one list (Keras 3, tf.keras 2.x), or a dict of one. */
    private static List<Object> metricsOfTheOutput(Model model, Object value, String where) {
        Object metrics = value instanceof Map<?, ?> ? singleOutput(model, value, "metrics", where) : value;
        List<Object> list = ModelConfig.asList(metrics, where);
        if (!list.isEmpty() && list.stream().allMatch(item -> item instanceof List<?>)) {
            if (list.size() != 1) {
                throw new UnsupportedOperationException(where + ": " + list.size() + " lists of metrics are given "
                        + "for several outputs; a Sequential model has one");
            }
            return ModelConfig.asList(list.get(0), where);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
