package io.github.keras4j.cli;

import io.github.keras4j.Sequential;
import io.github.keras4j.internal.FileLimits;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.run.MissingFileException;
import io.github.keras4j.run.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model named on the command line: a model file ({@link Sequential#load}: keras4j's own, and whatever else it
 * reads), a Keras {@code to_json()} file, or a run config (its model, compiled, with fresh weights).
 */
final class ModelInput {

    private ModelInput() {
    }

    static Sequential load(Path path) {
        requireFile(path, "model file");
        if (path.getFileName().toString().endsWith(".json")) {
            String json = FileLimits.readText(path, "a Keras model config or a run config");
            Map<String, Object> tree = KerasJson.read(json, path.toString());
            if (tree.containsKey("class_name")) {
                return Sequential.fromJson(path);
            }
            return RunConfig.read(path).compiledModel();
        }
        return Sequential.load(path);
    }

    /** A missing input file is a usage error. */
    static void requireFile(Path path, String what) {
        if (!Files.isRegularFile(path)) {
            throw new MissingFileException(what + " " + path + (Files.isDirectory(path) ? " is a folder"
                    : " does not exist"));
        }
    }
}
