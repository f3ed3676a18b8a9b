package io.github.keras4j.run;

import io.github.keras4j.callbacks.CSVLogger;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.callbacks.EarlyStopping;
import io.github.keras4j.callbacks.EpochsToTarget;
import io.github.keras4j.callbacks.ModelCheckpoint;
import io.github.keras4j.callbacks.ReduceLROnPlateau;
import io.github.keras4j.callbacks.TerminateOnNaN;
import io.github.keras4j.internal.Registry;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The callbacks of a run config's {@code fit.callbacks}, each written as Keras writes a serialized object,
 * {@code {"class_name": "EarlyStopping", "config": {"monitor": "loss", "patience": 3}}}, with the Keras
 * constructor's argument names. Only callbacks whose every argument is a plain value can be written this way:
 * {@code LearningRateScheduler} and {@code LambdaCallback} take functions, so they are Java-only.
 */
final class CallbackConfigs {

    /** The callbacks a config can name, in the order errors list them. */
    static final List<String> NAMES = List.of("EarlyStopping", "ReduceLROnPlateau", "TerminateOnNaN", "CSVLogger",
            "ModelCheckpoint", "EpochsToTarget");

    private CallbackConfigs() {
    }

    /** The config keys of the callbacks that write files, by class name. */
    private static final Map<String, String> FILE_KEYS = Map.of("CSVLogger", "filename", "ModelCheckpoint",
            "filepath");

    /**
     * The files the callbacks write, by their place in the config ({@code fit.callbacks[0].config.filepath}), as
     * {@code relocate} moves them.
     */
    static Map<String, Path> outputFiles(ConfigSection fit, String key, UnaryOperator<Path> relocate) {
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        List<Object> entries = fit.list(key);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> entry && entry.get("config") instanceof Map<?, ?> config
                    && entry.get("class_name") instanceof String className && FILE_KEYS.containsKey(className)
                    && config.get(FILE_KEYS.get(className)) instanceof String file) {
                files.put(fit.pathOf(key) + "[" + i + "].config." + FILE_KEYS.get(className),
                        relocate.apply(Path.of(file)));
            }
        }
        return files;
    }

    static List<Callback> read(ConfigSection fit, String key, UnaryOperator<Path> relocate) {
        List<Callback> callbacks = new ArrayList<>();
        List<Object> entries = fit.list(key);
        for (int i = 0; i < entries.size(); i++) {
            String path = fit.pathOf(key) + "[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(fit.file() + ": " + path + " must be an object {\"class_name\": "
                        + "..., \"config\": {...}}, found " + ConfigSection.describe(entries.get(i)));
            }
            @SuppressWarnings("unchecked")
            ConfigSection entry = fit.at(path, (Map<String, Object>) map, List.of("class_name", "config"));
            String className = entry.requiredString("class_name");
            if (!NAMES.contains(className)) {
                String why = className.equals("LearningRateScheduler") || className.equals("LambdaCallback")
                        ? className + " takes a function, which a JSON config cannot hold; use it from Java. " : "";
                throw entry.error(why + Registry.unknown("callback", className, NAMES).getMessage());
            }
            try {
                callbacks.add(callback(className, entry, path + ".config", relocate));
            } catch (IllegalArgumentException e) {
                throw e.getMessage() != null && e.getMessage().startsWith(fit.file() + ": ") ? e
                        : new IllegalArgumentException(fit.file() + ": " + path + ": " + e.getMessage(), e);
            }
        }
        return callbacks;
    }

    private static Callback callback(String className, ConfigSection entry, String path,
            UnaryOperator<Path> relocate) {
        return switch (className) {
            case "EarlyStopping" -> {
                ConfigSection c = config(entry, path, "monitor", "min_delta", "patience", "verbose", "mode",
                        "baseline", "restore_best_weights", "start_from_epoch");
                EarlyStopping callback = new EarlyStopping();
                callback = c.has("monitor") ? callback.monitor(c.string("monitor", null)) : callback;
                callback = c.has("min_delta") ? callback.minDelta(c.number("min_delta", 0)) : callback;
                callback = c.has("patience") ? callback.patience(c.integer("patience", 0)) : callback;
                callback = c.has("verbose") ? callback.verbose(c.integer("verbose", 0)) : callback;
                callback = c.has("mode") ? callback.mode(c.string("mode", null)) : callback;
                callback = c.has("baseline") ? callback.baseline(c.numberOrNull("baseline")) : callback;
                callback = c.has("restore_best_weights")
                        ? callback.restoreBestWeights(c.bool("restore_best_weights", false)) : callback;
                yield c.has("start_from_epoch") ? callback.startFromEpoch(c.integer("start_from_epoch", 0)) : callback;
            }
            case "ReduceLROnPlateau" -> {
                ConfigSection c = config(entry, path, "monitor", "factor", "patience", "verbose", "mode", "min_delta",
                        "cooldown", "min_lr");
                ReduceLROnPlateau callback = new ReduceLROnPlateau();
                callback = c.has("monitor") ? callback.monitor(c.string("monitor", null)) : callback;
                callback = c.has("factor") ? callback.factor(c.number("factor", 0)) : callback;
                callback = c.has("patience") ? callback.patience(c.integer("patience", 0)) : callback;
                callback = c.has("verbose") ? callback.verbose(c.integer("verbose", 0)) : callback;
                callback = c.has("mode") ? callback.mode(c.string("mode", null)) : callback;
                callback = c.has("min_delta") ? callback.minDelta(c.number("min_delta", 0)) : callback;
                callback = c.has("cooldown") ? callback.cooldown(c.integer("cooldown", 0)) : callback;
                yield c.has("min_lr") ? callback.minLr(c.number("min_lr", 0)) : callback;
            }
            case "TerminateOnNaN" -> {
                config(entry, path);
                yield new TerminateOnNaN();
            }
            case "CSVLogger" -> {
                ConfigSection c = config(entry, path, "filename", "separator", "append");
                CSVLogger callback = new CSVLogger(relocate.apply(c.requiredPath("filename")));
                callback = c.has("separator") ? callback.separator(c.string("separator", null)) : callback;
                yield c.has("append") ? callback.append(c.bool("append", false)) : callback;
            }
            case "ModelCheckpoint" -> {
                ConfigSection c = config(entry, path, "filepath", "monitor", "verbose", "save_best_only",
                        "save_weights_only", "mode", "save_freq", "initial_value_threshold");
                if (!"epoch".equals(c.string("save_freq", "epoch"))) {
                    throw c.error("save_freq " + c.raw("save_freq") + " is not supported by keras4j; only \"epoch\"");
                }
                ModelCheckpoint callback = new ModelCheckpoint(relocate.apply(c.requiredPath("filepath")).toString());
                callback = c.has("monitor") ? callback.monitor(c.string("monitor", null)) : callback;
                callback = c.has("verbose") ? callback.verbose(c.integer("verbose", 0)) : callback;
                callback = c.has("save_best_only") ? callback.saveBestOnly(c.bool("save_best_only", false)) : callback;
                callback = c.has("save_weights_only")
                        ? callback.saveWeightsOnly(c.bool("save_weights_only", false)) : callback;
                callback = c.has("mode") ? callback.mode(c.string("mode", null)) : callback;
                yield c.has("initial_value_threshold")
                        ? callback.initialValueThreshold(c.number("initial_value_threshold", 0)) : callback;
            }
            case "EpochsToTarget" -> {
                ConfigSection c = config(entry, path, "monitor", "target", "mode", "verbose", "stop_training");
                if (!c.has("monitor") || !c.has("target")) {
                    throw c.error("EpochsToTarget needs \"monitor\" and \"target\"");
                }
                EpochsToTarget callback = new EpochsToTarget(c.string("monitor", null), c.number("target", 0));
                callback = c.has("mode") ? callback.mode(c.string("mode", null)) : callback;
                callback = c.has("verbose") ? callback.verbose(c.integer("verbose", 0)) : callback;
                yield c.has("stop_training") ? callback.stopTraining(c.bool("stop_training", true)) : callback;
            }
            default -> throw new IllegalStateException("no reader for callback " + className);
        };
    }

    private static ConfigSection config(ConfigSection entry, String path, String... keys) {
        return entry.at(path, entry.object("config"), List.of(keys));
    }
}
