package io.github.keras4j.keras;

import io.github.keras4j.Model;
import io.github.keras4j.engine.Dl4jTranslator;
import io.github.keras4j.engine.OptimizerVariables;
import io.github.keras4j.internal.AtomicFiles;
import io.github.keras4j.layers.Layer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's model and weights files written from a keras4j model, for Python's Keras to load and train on: each
 * layout exactly as Keras writes it for the same model (groups, datasets, attributes and their string encodings,
 * checked against real Keras files), the weights through each layer type's own layout
 * ({@link Layer#kerasWeights()}), the optimizer's state as Keras's optimizer variables
 * ({@link OptimizerVariables}).
 * <ul>
 * <li>{@link #saveKeras3}: Keras 3's {@code .keras} archive ({@code model.save("m.keras")}), a zip of
 * {@code metadata.json}, {@code config.json} ({@link Keras3ModelConfig}) and {@code model.weights.h5};</li>
 * <li>{@link #saveKeras3Weights}: Keras 3's {@code .weights.h5} ({@code model.save_weights}), that same
 * {@code model.weights.h5}: {@code layers/<class in snake case>/vars/0..n}, {@code optimizer/vars/0..n},
 * {@code vars};</li>
 * <li>{@link #saveHdf5}: Keras 2's HDF5 model file ({@code model.save("m.h5")}, tf.keras 2.11's layout, which every
 * Keras from 2.0 to 3 loads): {@code model_config}, {@code training_config}, {@code keras_version}, {@code backend},
 * {@code model_weights/<layer>/<layer>/kernel:0} with {@code layer_names} and {@code weight_names}, and
 * {@code optimizer_weights} holding Keras 3's optimizer variables;</li>
 * <li>{@link #saveHdf5Weights}: Keras 2's {@code save_weights} HDF5 file, the {@code model_weights} group at the
 * root.</li>
 * </ul>
 * Each file is written to a temporary file beside the target and moved into place, so that a crash never leaves half
 * a file. What keras4j keeps beyond Keras (the History, the seed) stays in keras4j's own files; a feature normalization
 * is a Normalization layer, written as Keras writes one.
 */
public final class KerasFileWriter {

    /** The Keras 3 version whose {@code .keras} and {@code .weights.h5} layout keras4j writes. */
    public static final String KERAS3_VERSION = "3.15.1";
    /** The tf.keras version whose HDF5 layout keras4j writes (the version {@link ModelConfig} writes configs of). */
    public static final String KERAS2_VERSION = "2.11.0";

    private static final String BACKEND = "tensorflow";
    private static final String MODEL_WEIGHTS = "/model_weights";
    private static final String TOP_LEVEL_WEIGHTS = "top_level_model_weights";
    private static final DateTimeFormatter DATE_SAVED = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");

    private KerasFileWriter() {
    }

    /**
     * Writes {@code model} as Keras 3's {@code .keras} archive (Keras's {@code model.save("model.keras")}): its
     * config, its compile config and weights, and the optimizer's state, so that
     * {@code keras.saving.load_model} resumes training.
     *
     * @throws UnsupportedOperationException for a layer or optimizer setting Keras 3 does not have, naming it
     */
    public static void saveKeras3(Model model, Path path) {
        byte[] config = KerasJson.writeAscii(Keras3ModelConfig.of(model)).getBytes(StandardCharsets.US_ASCII);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("keras_version", KERAS3_VERSION);
        metadata.put("date_saved", LocalDateTime.now().format(DATE_SAVED));
        byte[] metadataBytes = KerasJson.writeAscii(metadata).getBytes(StandardCharsets.US_ASCII);
        byte[] weights = hdf5Bytes(path, h5 -> writeKeras3Weights(h5, model));
        AtomicFiles.write(path, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                // As Keras: stored, not compressed; the two JSON entries dated as Python's zipfile dates new entries.
                putStored(zip, ModelFileFormat.KERAS3_METADATA, metadataBytes, ZIP_EPOCH);
                putStored(zip, ModelFileFormat.KERAS3_CONFIG, config, ZIP_EPOCH);
                putStored(zip, ModelFileFormat.KERAS3_WEIGHTS, weights, System.currentTimeMillis());
            }
        });
    }

    /** Writes {@code model}'s weights (and optimizer state) as Keras 3's {@code .weights.h5} ({@code save_weights}). */
    public static void saveKeras3Weights(Model model, Path path) {
        writeHdf5(path, h5 -> writeKeras3Weights(h5, model));
    }

    /**
     * Writes {@code model} as Keras 2's HDF5 model file (Keras's {@code model.save("model.h5")}): its config, its
     * training config (the optimizer in the layout every Keras from 2.0 to 3 compiles), its weights and its
     * optimizer's state in {@code optimizer_weights}, in the order Keras 3 restores them.
     */
    public static void saveHdf5(Model model, Path path) {
        Map<String, Object> modelConfig = new LinkedHashMap<>(ModelConfig.modelConfig(model));
        // model.save keeps the version and the backend beside the config, as attributes of their own.
        modelConfig.remove("keras_version");
        modelConfig.remove("backend");
        Map<String, Object> trainingConfig = model.isCompiled() ? trainingConfig(model) : null;
        List<OptimizerVariables.Variable> optimizer = model.isCompiled() ? OptimizerVariables.of(model) : List.of();
        writeHdf5(path, h5 -> {
            h5.text("/", "keras_version", KERAS2_VERSION, KerasH5Writer.Text.STR);
            h5.text("/", "backend", BACKEND, KerasH5Writer.Text.STR);
            h5.text("/", "model_config", KerasJson.writeAscii(modelConfig), KerasH5Writer.Text.BYTES);
            if (trainingConfig != null) {
                h5.text("/", "training_config", KerasJson.writeAscii(trainingConfig), KerasH5Writer.Text.BYTES);
            }
            h5.group(MODEL_WEIGHTS);
            writeLayerWeights(h5, MODEL_WEIGHTS, model);
            if (!optimizer.isEmpty()) {
                writeOptimizerWeights(h5, optimizer);
            }
        });
    }

    /** Writes {@code model}'s weights as Keras 2's {@code save_weights} HDF5 file. */
    public static void saveHdf5Weights(Model model, Path path) {
        writeHdf5(path, h5 -> writeLayerWeights(h5, "/", model));
    }

    /**
     * The {@code training_config} keras4j writes ({@link ModelConfig#trainingConfig}) with the optimizer in the layout
     * every Keras from 2.0 to 3 compiles ({@link io.github.keras4j.optimizers.Optimizer#portableConfig()}): Keras 3
     * refuses tf.keras 2.11's {@code jit_compile} and {@code is_legacy_optimizer}.
     */
    private static Map<String, Object> trainingConfig(Model model) {
        Map<String, Object> config = new LinkedHashMap<>(ModelConfig.trainingConfig(model));
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("class_name", model.optimizer().className());
        optimizer.put("config", model.optimizer().portableConfig());
        config.put("optimizer_config", optimizer);
        return config;
    }

    // ---------------------------------------------------------------------------------------------------------
    // layouts

    /** Keras 3's weights file: {@code layers/<group>/vars}, {@code optimizer/vars} when compiled, {@code vars}. */
    private static void writeKeras3Weights(KerasH5Writer h5, Model model) {
        List<Layer> layers = model.layers();
        h5.group("/layers");
        List<String> groups = KerasWeights.keras3LayerGroups(layers);
        for (int index = 0; index < layers.size(); index++) {
            String group = "/" + groups.get(index);
            h5.group(group);
            Set<String> created = new HashSet<>(List.of(group));
            List<INDArray> weights = model.getWeights(index);
            int next = 0;
            // The layer's own vars, then a recurrent layer's cell's or a wrapper's inner layers', each with its name.
            for (Layer.Keras3Vars part : layers.get(index).keras3Vars()) {
                String path = part.path().isEmpty() ? group : group + "/" + part.path();
                String parent = group;
                for (String step : part.path().isEmpty() ? new String[0] : part.path().split("/")) {
                    parent = parent + "/" + step;
                    if (created.add(parent)) {
                        h5.group(parent);
                    }
                }
                String vars = path + "/vars";
                h5.group(vars);
                h5.text(vars, "name", part.name(), KerasH5Writer.Text.STR);
                for (int w = 0; w < part.count(); w++) {
                    writeValue(h5, vars + "/" + w, weights.get(next++));
                }
            }
        }
        if (model.isCompiled()) {
            h5.group("/optimizer");
            h5.group("/optimizer/vars");
            h5.text("/optimizer/vars", "name", model.optimizer().keras3Name(), KerasH5Writer.Text.STR);
            List<OptimizerVariables.Variable> variables = OptimizerVariables.of(model);
            for (int i = 0; i < variables.size(); i++) {
                writeValue(h5, "/optimizer/vars/" + i, variables.get(i).value());
            }
        }
        h5.group("/vars");
        h5.text("/vars", "name", model.name(), KerasH5Writer.Text.STR);
    }

    /**
     * Keras 2's layer weights under {@code root}: {@code layer_names}, {@code backend}, {@code keras_version}, one
     * group per layer (created in name order, as Keras does) with its {@code weight_names} and the datasets
     * {@code <layer>/<weight>:0}, and the model's own (empty) {@code top_level_model_weights}.
     */
    private static void writeLayerWeights(KerasH5Writer h5, String root, Model model) {
        List<Layer> layers = model.layers();
        String prefix = root.equals("/") ? "/" : root + "/";
        h5.names(root, "layer_names", layers.stream().map(Layer::name).toList());
        h5.text(root, "backend", BACKEND, KerasH5Writer.Text.BYTES);
        h5.text(root, "keras_version", KERAS2_VERSION, KerasH5Writer.Text.BYTES);
        List<Integer> byName = new ArrayList<>();
        for (int index = 0; index < layers.size(); index++) {
            byName.add(index);
        }
        byName.sort(Comparator.comparing(index -> layers.get(index).name()));
        for (int index : byName) {
            Layer layer = layers.get(index);
            String group = prefix + layer.name();
            h5.group(group);
            List<String> names = new ArrayList<>();
            for (String weight : Dl4jTranslator.weightNames(layer)) {
                names.add(layer.name() + "/" + weight + ":0");
            }
            h5.names(group, "weight_names", names);
            if (!names.isEmpty()) {
                h5.group(group + "/" + layer.name());
                List<INDArray> weights = model.getWeights(index);
                for (int w = 0; w < weights.size(); w++) {
                    writeValue(h5, group + "/" + names.get(w), weights.get(w));
                }
            }
        }
        h5.group(prefix + TOP_LEVEL_WEIGHTS);
        h5.names(prefix + TOP_LEVEL_WEIGHTS, "weight_names", List.of());
    }

    /** {@code optimizer_weights}: the optimizer's variables by their Keras 3 paths, listed in {@code weight_names}. */
    private static void writeOptimizerWeights(KerasH5Writer h5, List<OptimizerVariables.Variable> variables) {
        h5.group("/optimizer_weights");
        List<String> names = variables.stream().map(OptimizerVariables.Variable::path).toList();
        h5.names("/optimizer_weights", "weight_names", names);
        List<String> created = new ArrayList<>();
        for (OptimizerVariables.Variable variable : variables) {
            String path = "/optimizer_weights/" + variable.path();
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (!parent.equals("/optimizer_weights") && !created.contains(parent)) {
                h5.group(parent);
                created.add(parent);
            }
            writeValue(h5, path, variable.value());
        }
    }

    /** An array, or an int64 scalar (the optimizer's iteration count, a Normalization's {@code count}). */
    private static void writeValue(KerasH5Writer h5, String path, INDArray value) {
        if (value.dataType() == DataType.LONG) {
            h5.scalar(path, value.getLong(0));
        } else {
            h5.dataset(path, value);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // files

    private interface H5Content {
        void write(KerasH5Writer h5);
    }

    /** 1980-01-01 00:00, the date Python's zipfile gives entries written through {@code ZipFile.open}. */
    private static final long ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0).atZone(java.time.ZoneId.systemDefault())
            .toInstant().toEpochMilli();

    /** HDF5 writes files by name: the file is made beside the target, then written over it by {@link AtomicFiles}. */
    private static void writeHdf5(Path path, H5Content content) {
        byte[] bytes = hdf5Bytes(path, content);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** The bytes of an HDF5 file written by {@code content}, through a temporary file beside {@code near}. */
    private static byte[] hdf5Bytes(Path near, H5Content content) {
        Path temporary = temporaryBeside(near.toAbsolutePath());
        try {
            Files.createDirectories(temporary.getParent());
            try (KerasH5Writer h5 = KerasH5Writer.create(temporary)) {
                content.write(h5);
            }
            return Files.readAllBytes(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + near + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static Path temporaryBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            temporary.toFile().deleteOnExit();
        }
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] bytes, long time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setTime(time);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
