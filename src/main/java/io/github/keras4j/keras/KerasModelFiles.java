package io.github.keras4j.keras;

import io.github.keras4j.Model;
import io.github.keras4j.Sequential;
import java.io.IOException;
import io.github.keras4j.internal.FileLimits;
import io.github.keras4j.internal.ModelSize;
import io.github.keras4j.internal.ZipArchive;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras's own model and weights files: the HDF5 files of Keras 1, 2 and 3 ({@code model.save("m.h5")},
 * {@code save_weights}) and Keras 3's {@code .keras} archives. The model comes from the file's Keras config (read by
 * {@link ModelConfig}, the one authority on configs), the weights from its HDF5 datasets ({@link KerasWeights}).
 * Nothing read from a file is deserialized as Java objects or turned into class names.
 */
public final class KerasModelFiles {

    private KerasModelFiles() {
    }

    /**
     * The model a Keras file holds, compiled when the file has a training config (Keras's
     * {@code keras.models.load_model}).
     *
     * @param format  {@link ModelFileFormat#HDF5} or {@link ModelFileFormat#KERAS3_ARCHIVE}, as detected
     * @param compile whether to compile the model from the file's training config (Keras's {@code compile=}); false
     *                leaves it uncompiled, ready to predict or to be compiled with other settings
     */
    public static Sequential load(Path path, ModelFileFormat format, boolean compile) {
        try {
            return switch (format) {
                case HDF5 -> loadHdf5(path, compile);
                case KERAS3_ARCHIVE -> loadKeras3Archive(path, compile);
                default -> throw new IllegalArgumentException(path + " is a " + format + " file, not a Keras file");
            };
        } catch (UnsupportedOperationException e) {
            throw naming(path, e, new UnsupportedOperationException(path + ": " + e.getMessage(), e));
        } catch (IllegalArgumentException e) {
            throw naming(path, e, new IllegalArgumentException(path + ": " + e.getMessage(), e));
        }
    }

    /** The model a {@code to_json()} file describes (Keras's {@code model_from_json}); errors name the file. */
    public static Sequential fromJson(Path path) {
        String json = FileLimits.readText(path, "a Keras model config (model.to_json())");
        try {
            return ModelConfig.fromModelConfig(KerasJson.read(json, path.toString()), path.toString());
        } catch (UnsupportedOperationException e) {
            throw naming(path, e, new UnsupportedOperationException(path + ": " + e.getMessage(), e));
        } catch (IllegalArgumentException e) {
            throw naming(path, e, new IllegalArgumentException(path + ": " + e.getMessage(), e));
        }
    }

    /** A config error (an unsupported layer, an unknown loss) as it was, or with the file's name when it lacks it. */
    private static RuntimeException naming(Path path, RuntimeException error, RuntimeException named) {
        return error.getMessage() != null && error.getMessage().contains(path.toString()) ? error : named;
    }

    /**
     * Loads the weights of a Keras file into {@code model} by layer order (Keras's {@code model.load_weights}): a
     * {@code save_weights} HDF5 file of Keras 1 or 2, a Keras 3 {@code .weights.h5}, or the weights of a whole model
     * file ({@code .h5} or {@code .keras}).
     */
    public static void loadWeights(Model model, Path path, ModelFileFormat format) {
        switch (format) {
            case HDF5 -> {
                try (KerasH5File h5 = KerasH5File.open(path, "a Keras weights file")) {
                    KerasWeights.load(model, h5);
                    KerasWeights.loadOptimizerKeras3(model, h5);
                }
            }
            case KERAS3_ARCHIVE -> withArchiveWeights(path, model, h5 -> KerasWeights.loadKeras3(model, h5));
            default -> throw new IllegalArgumentException(path + " is a " + format + " file, not a Keras file");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // HDF5 model files (Keras 1, 2 and 3's model.save("m.h5"))

    private static Sequential loadHdf5(Path path, boolean compile) {
        try (KerasH5File h5 = KerasH5File.open(path, "a Keras HDF5 model file")) {
            if (!h5.hasAttribute("", "model_config")) {
                if (h5.hasAttribute("", "layer_names") || h5.isGroup("layers")) {
                    throw new IllegalArgumentException(path + " holds only weights (Keras save_weights), no model "
                            + "config: build the model (e.g. Sequential.fromJson(configFile)) and call "
                            + "model.loadWeights(" + path.getFileName() + ")");
                }
                throw new IllegalArgumentException(path + " is an HDF5 file but not a Keras model file: its root has "
                        + "no model_config attribute (it holds " + h5.members("") + "); expected "
                        + ModelFileFormat.EXPECTED);
            }
            String source = path.toString();
            Map<String, Object> modelConfig = KerasJson.read(h5.stringAttribute("", "model_config"),
                    source + " (model_config)");
            // model.to_json() puts the version and backend into the tree; model.save keeps them beside it.
            for (String key : new String[] {"keras_version", "backend"}) {
                if (!modelConfig.containsKey(key) && h5.hasAttribute("", key)) {
                    modelConfig.put(key, h5.stringAttribute("", key));
                }
            }
            Sequential model = ModelConfig.fromModelConfig(modelConfig, source);
            if (compile && h5.hasAttribute("", "training_config")) {
                ModelConfig.compile(model, KerasJson.read(h5.stringAttribute("", "training_config"),
                        source + " (training_config)"), source);
            }
            if (!h5.isGroup("model_weights")) {
                throw new IllegalArgumentException(path + " has a model config but no model_weights group; expected "
                        + "a whole Keras model file (model.save)");
            }
            KerasWeights.loadByLayerNames(model, h5, "model_weights");
            KerasWeights.loadOptimizerHdf5(model, h5);
            return model;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keras 3 .keras archives

    private static Sequential loadKeras3Archive(Path path, boolean compile) {
        String config = archiveText(path, ModelFileFormat.KERAS3_CONFIG);
        String source = path + " (" + ModelFileFormat.KERAS3_CONFIG + ")";
        Map<String, Object> tree = KerasJson.read(config, source);
        if (!tree.containsKey("keras_version")) {
            String metadata = archiveText(path, ModelFileFormat.KERAS3_METADATA);
            if (metadata != null) {
                Object version = KerasJson.read(metadata, path + " (" + ModelFileFormat.KERAS3_METADATA + ")")
                        .get("keras_version");
                if (version != null) {
                    tree.put("keras_version", version);
                }
            }
        }
        Sequential model = ModelConfig.fromModelConfig(tree, source);
        Object compileConfig = tree.get("compile_config");
        if (compile && compileConfig != null) {
            if (!(compileConfig instanceof Map<?, ?> compileMap)) {
                throw new IllegalArgumentException(source + ": compile_config must be an object, found "
                        + KerasJson.describe(compileConfig));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> compileSettings = (Map<String, Object>) compileMap;
            // Keras 3 writes {} for a model that was never compiled.
            if (!compileSettings.isEmpty()) {
                ModelConfig.compile(model, compileSettings, source);
            }
        }
        withArchiveWeights(path, model, h5 -> {
            KerasWeights.loadKeras3(model, h5);
            KerasWeights.loadOptimizerKeras3(model, h5);
        });
        return model;
    }

    private interface H5Reader {
        void read(KerasH5File h5);
    }

    /**
     * Copies the archive's model.weights.h5 to a temporary file (HDF5 reads files, not streams), always deleted. The
     * copy stops at the largest file the model's weights can plausibly need (its parameters as doubles, plus HDF5's
     * headers), so that an entry inflating to gigabytes is refused rather than written out.
     */
    private static void withArchiveWeights(Path path, Model model, H5Reader reader) {
        long cap = Math.multiplyExact(ModelSize.parameters(model.layers(), model.inputShape(), path.toString()),
                (long) Double.BYTES) + (16L << 20);
        Path temporary = null;
        try (ZipArchive zip = ZipArchive.open(path, "a Keras 3 .keras file")) {
            if (!zip.has(ModelFileFormat.KERAS3_WEIGHTS)) {
                throw new IllegalArgumentException(path + " is not a Keras 3 .keras file: it has no "
                        + ModelFileFormat.KERAS3_WEIGHTS);
            }
            temporary = Files.createTempFile("keras4j-", ".weights.h5");
            try (InputStream in = zip.stream(ModelFileFormat.KERAS3_WEIGHTS);
                    OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[1 << 16];
                long copied = 0;
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    copied += read;
                    if (copied > cap) {
                        throw new IllegalArgumentException(path + ": " + ModelFileFormat.KERAS3_WEIGHTS + " holds more "
                                + "than " + FileLimits.bytes(cap) + ", more than the weights of this model can need");
                    }
                    out.write(buffer, 0, read);
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof IllegalArgumentException mine) {
                    throw mine;
                }
                throw new IllegalArgumentException(path + ": entry " + ModelFileFormat.KERAS3_WEIGHTS
                        + " is damaged: " + e.getMessage(), e);
            }
            try (KerasH5File h5 = KerasH5File.open(temporary, "the " + ModelFileFormat.KERAS3_WEIGHTS + " of " + path)) {
                reader.read(h5);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            if (temporary != null && e.getMessage() != null && e.getMessage().contains(temporary.toString())) {
                throw new IllegalArgumentException(e.getMessage().replace(temporary.toString(),
                        path + " (" + ModelFileFormat.KERAS3_WEIGHTS + ")"), e);
            }
            throw e;
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    temporary.toFile().deleteOnExit();
                }
            }
        }
    }

    /** An entry of a zip archive as UTF-8 text (at most {@link FileLimits#MAX_JSON_BYTES}), or null when missing. */
    private static String archiveText(Path path, String name) {
        try (ZipArchive zip = ZipArchive.open(path, "a Keras 3 .keras file")) {
            if (!zip.has(name)) {
                return null;
            }
            return new String(zip.read(name, FileLimits.MAX_JSON_BYTES), StandardCharsets.UTF_8);
        }
    }
}
