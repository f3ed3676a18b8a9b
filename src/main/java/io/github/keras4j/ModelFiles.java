package io.github.keras4j;

import io.github.keras4j.data.NormalizerConfig;
import io.github.keras4j.engine.Dl4jTranslator;
import io.github.keras4j.engine.LayersWithWeights;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.keras.ModelConfig;
import io.github.keras4j.layers.Layer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * keras4j's own files. A model file is a zip of {@code keras4j.json} (the Keras {@code model_config} and
 * {@code training_config}, the History, the seed, the iteration counters, the feature normalizer) and
 * {@code network.zip} (DL4J's ModelSerializer archive: the weights and the updater state), so that training resumes
 * exactly where it stopped, and DL4J users can open the network with ModelSerializer. Loading rebuilds the network
 * from the Keras configs and reads only the two arrays from DL4J's archive: DL4J's configuration JSON names classes
 * to instantiate and its pre-processor entry is Java-serialized, so neither is read from a file. A weights file is a
 * NumPy {@code .npz} archive of {@code layer/kernel.npy}, {@code layer/bias.npy}... Files are written to a temporary
 * file and moved into place, so that a crash never leaves half a file.
 */
final class ModelFiles {

    static final String FORMAT = "keras4j";
    static final int FORMAT_VERSION = 1;
    private static final String METADATA = "keras4j.json";
    private static final String NETWORK = "network.zip";

    private ModelFiles() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // whole models

    static void save(Sequential model, Path path) {
        MultiLayerNetwork network = model.network();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("format_version", FORMAT_VERSION);
        metadata.put("model_config", ModelConfig.modelConfig(model));
        metadata.put("training_config", ModelConfig.trainingConfig(model));
        metadata.put("seed", model.seed());
        metadata.put("iteration_count", network.getLayerWiseConfigurations().getIterationCount());
        metadata.put("epoch_count", network.getLayerWiseConfigurations().getEpochCount());
        metadata.put("normalizer", model.normalizer() == null ? null : NormalizerConfig.toConfig(model.normalizer()));
        History history = model.history();
        metadata.put("history", history == null ? null : Map.of("epoch", history.epoch(), "history",
                history.history()));
        ByteArrayOutputStream networkBytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, networkBytes, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the DL4J network of " + model.name(), e);
        }
        writeAtomically(path, zip -> {
            putEntry(zip, METADATA, KerasJson.write(metadata).getBytes(StandardCharsets.UTF_8));
            putEntry(zip, NETWORK, networkBytes.toByteArray());
        });
    }

    static Sequential load(Path path) {
        Map<String, byte[]> entries = readZip(path, "a keras4j model file");
        byte[] metadataBytes = entries.get(METADATA);
        if (metadataBytes == null || !entries.containsKey(NETWORK)) {
            throw new IllegalArgumentException(path + " is a zip archive but not a keras4j model file: it has no "
                    + METADATA + " and " + NETWORK + " (entries: " + entries.keySet() + ")");
        }
        String source = path + " (" + METADATA + ")";
        Map<String, Object> metadata = KerasJson.read(new String(metadataBytes, StandardCharsets.UTF_8), source);
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new IllegalArgumentException(source + ": format is " + metadata.get("format") + ", expected "
                    + FORMAT);
        }
        if (!Integer.valueOf(FORMAT_VERSION).equals(metadata.get("format_version"))) {
            throw new IllegalArgumentException(source + ": format version " + metadata.get("format_version")
                    + " is not one this keras4j reads (" + FORMAT_VERSION + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> modelConfig = (Map<String, Object>) metadata.get("model_config");
        if (modelConfig == null) {
            throw new IllegalArgumentException(source + ": no model_config");
        }
        Sequential model = ModelConfig.fromModelConfig(modelConfig, source);
        if (metadata.get("seed") instanceof Number seed) {
            model.seed(seed.longValue());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> trainingConfig = (Map<String, Object>) metadata.get("training_config");
        if (trainingConfig != null) {
            ModelConfig.compile(model, trainingConfig, source);
        }
        Map<String, byte[]> network = readZip(entries.get(NETWORK), path + " (" + NETWORK + ")");
        INDArray params = ndArray(network, ModelSerializer.COEFFICIENTS_BIN, path);
        INDArray updaterState = network.containsKey(ModelSerializer.UPDATER_BIN)
                ? ndArray(network, ModelSerializer.UPDATER_BIN, path) : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> normalizer = (Map<String, Object>) metadata.get("normalizer");
        model.restoreState(params, updaterState, count(metadata, "iteration_count", source),
                count(metadata, "epoch_count", source), history(metadata.get("history"), source),
                normalizer == null ? null : NormalizerConfig.fromConfig(normalizer, source));
        return model;
    }

    private static INDArray ndArray(Map<String, byte[]> entries, String name, Path path) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException(path + ": " + NETWORK + " has no " + name);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(path + ": " + NETWORK + "/" + name + " is not an ND4J array: " + e, e);
        }
    }

    private static int count(Map<String, Object> metadata, String key, String source) {
        if (!(metadata.get(key) instanceof Number number) || number.intValue() < 0) {
            throw new IllegalArgumentException(source + ": " + key + " must be a number >= 0, found "
                    + metadata.get(key));
        }
        return number.intValue();
    }

    @SuppressWarnings("unchecked")
    private static History history(Object saved, String source) {
        if (saved == null) {
            return null;
        }
        if (!(saved instanceof Map<?, ?> tree) || !(tree.get("epoch") instanceof List<?> epochs)
                || !(tree.get("history") instanceof Map<?, ?> values)) {
            throw new IllegalArgumentException(source + ": history must hold \"epoch\" and \"history\"");
        }
        List<Integer> epochList = new ArrayList<>();
        for (Object epoch : epochs) {
            epochList.add(((Number) epoch).intValue());
        }
        Map<String, List<Double>> valueMap = new LinkedHashMap<>();
        ((Map<String, List<Object>>) values).forEach((name, list) -> {
            List<Double> doubles = new ArrayList<>();
            for (Object value : list) {
                doubles.add(value == null ? Double.NaN : ((Number) value).doubleValue());
            }
            valueMap.put(name, doubles);
        });
        return History.restored(epochList, valueMap);
    }

    // ---------------------------------------------------------------------------------------------------------
    // weights only

    static void saveWeights(Sequential model, Path path) {
        List<Layer> layers = model.layers();
        writeAtomically(path, zip -> {
            for (int i = 0; i < layers.size(); i++) {
                List<String> names = Dl4jTranslator.weightNames(layers.get(i));
                List<INDArray> weights = model.getWeights(i);
                for (int w = 0; w < weights.size(); w++) {
                    putEntry(zip, layers.get(i).name() + "/" + names.get(w) + ".npy", Nd4j.toNpyByteArray(weights.get(w)));
                }
            }
        });
    }

    /**
     * Loads weights by layer order, as Keras's {@code load_weights} does by default: the archive's layers with
     * weights, in their order, fill the model's layers with weights; names may differ, shapes may not.
     */
    static void loadWeights(Sequential model, Path path) {
        Map<String, byte[]> entries = readZip(path, "a weights file (.npz)");
        Map<String, List<String>> savedLayers = new LinkedHashMap<>();
        for (String entry : entries.keySet()) {
            int slash = entry.lastIndexOf('/');
            if (slash < 0 || !entry.endsWith(".npy")) {
                throw new IllegalArgumentException(path + " is not a keras4j weights file: entry '" + entry
                        + "' is not layer/weight.npy");
            }
            savedLayers.computeIfAbsent(entry.substring(0, slash), k -> new ArrayList<>()).add(entry);
        }
        LayersWithWeights layersWithWeights = LayersWithWeights.of(model);
        layersWithWeights.requireSameCount(path, new ArrayList<>(savedLayers.keySet()));
        List<Integer> weighted = layersWithWeights.indices();
        List<String> weightedNames = layersWithWeights.names();
        List<List<String>> saved = new ArrayList<>(savedLayers.values());
        for (int k = 0; k < weighted.size(); k++) {
            List<INDArray> weights = new ArrayList<>();
            for (String entry : saved.get(k)) {
                try {
                    weights.add(Nd4j.createNpyFromByteArray(entries.get(entry)));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(path + ": " + entry + " is not a NumPy array file: " + e, e);
                }
            }
            try {
                model.setWeights(weighted.get(k), weights.toArray(new INDArray[0]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": the weights of saved layer '"
                        + new ArrayList<>(savedLayers.keySet()).get(k) + "' do not fit layer '"
                        + weightedNames.get(k) + "': " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // zip plumbing

    private interface ZipWriter {
        void write(ZipOutputStream zip) throws IOException;
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Writes a zip next to {@code path} and moves it into place, so that readers never see half a file. */
    static void writeAtomically(Path path, ZipWriter writer) {
        Path target = path.toAbsolutePath();
        Path directory = target.getParent();
        try {
            Files.createDirectories(directory);
            // Not Files.createTempFile: it makes the file owner-only (0600), and the model file would keep that mode.
            Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE); ZipOutputStream zip = new ZipOutputStream(out)) {
                    writer.write(zip);
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> readZip(byte[] bytes, String what) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not a complete zip archive (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    private static Map<String, byte[]> readZip(Path path, String expected) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + path, e);
        } catch (ZipException | java.io.EOFException e) {
            throw new IllegalArgumentException(path + " is not " + expected + ": not a complete zip archive ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(path + " is not " + expected + ": it is empty or not a zip archive");
        }
        return entries;
    }
}
