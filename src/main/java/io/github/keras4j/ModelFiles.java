package io.github.keras4j;

import io.github.keras4j.data.Normalization;
import io.github.keras4j.data.NormalizerConfig;
import io.github.keras4j.engine.Dl4jTranslator;
import io.github.keras4j.engine.LayersWithWeights;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.keras.ModelConfig;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.internal.AtomicFiles;
import io.github.keras4j.internal.ConfigReader;
import io.github.keras4j.internal.FileLimits;
import io.github.keras4j.internal.ModelSize;
import io.github.keras4j.internal.Nd4jArrays;
import io.github.keras4j.internal.NpyArrays;
import io.github.keras4j.internal.ZipArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * keras4j's own files. A model file is a zip of {@code keras4j.json} (the Keras {@code model_config} and
 * {@code training_config}, the History, the seed, the iteration counters; older keras4j's feature normalizer, which
 * loads as a first Normalization layer) and
 * {@code network.zip} (DL4J's ModelSerializer archive: the weights and the updater state), so that training resumes
 * exactly where it stopped, and DL4J users can open the network with ModelSerializer. Loading rebuilds the network
 * from the Keras configs and reads only the two arrays from DL4J's archive: DL4J's configuration JSON names classes
 * to instantiate and its pre-processor entry is Java-serialized, so neither is read from a file. A weights file is a
 * NumPy {@code .npz} archive of {@code layer/kernel.npy}, {@code layer/bias.npy}... Files are written through
 * {@link AtomicFiles}, so that a crash never leaves half a file; files read are checked before anything is
 * allocated (entries through size caps, arrays parsed by keras4j), and every error is an
 * {@link InvalidFileException} naming the file and the entry.
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

    static void save(Model model, Path path) {
        MultiLayerNetwork network = model.network();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("format_version", FORMAT_VERSION);
        metadata.put("model_config", ModelConfig.modelConfig(model));
        metadata.put("training_config", ModelConfig.trainingConfig(model));
        metadata.put("seed", model.seed());
        metadata.put("iteration_count", network.getLayerWiseConfigurations().getIterationCount());
        metadata.put("epoch_count", network.getLayerWiseConfigurations().getEpochCount());
        // Older keras4j kept a feature normalizer here (read and converted below); it is a Normalization layer now.
        metadata.put("normalizer", null);
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
        try {
            return read(path);
        } catch (RuntimeException e) {
            throw InvalidFileException.of(path, e);
        }
    }

    private static Sequential read(Path path) {
        String source = path + " (" + METADATA + ")";
        Map<String, Object> metadata;
        byte[] network;
        Sequential model;
        boolean legacyNormalizer = false;
        try (ZipArchive zip = ZipArchive.open(path, "a keras4j model file")) {
            if (!zip.has(METADATA) || !zip.has(NETWORK)) {
                throw new IllegalArgumentException(path + " is a zip archive but not a keras4j model file: it has no "
                        + METADATA + " and " + NETWORK + " (entries: " + zip.names() + ")");
            }
            metadata = KerasJson.read(new String(zip.read(METADATA, FileLimits.MAX_JSON_BYTES),
                    StandardCharsets.UTF_8), source);
            if (!FORMAT.equals(metadata.get("format"))) {
                throw new IllegalArgumentException(source + ": format is " + KerasJson.describe(metadata.get("format"))
                        + ", expected \"" + FORMAT + "\"");
            }
            if (!Integer.valueOf(FORMAT_VERSION).equals(metadata.get("format_version"))) {
                throw new IllegalArgumentException(source + ": format version "
                        + KerasJson.describe(metadata.get("format_version")) + " is not one this keras4j reads ("
                        + FORMAT_VERSION + ")");
            }
            ConfigReader fields = ConfigReader.kerasJson(metadata, source);
            model = ModelConfig.fromModelConfig(fields.map("model_config"), source);
            Long seed = fields.longOrNull("seed");
            if (seed != null) {
                model.seed(seed);
            }
            Map<String, Object> trainingConfig = fields.mapOrNull("training_config");
            if (trainingConfig != null) {
                ModelConfig.compile(model, trainingConfig, source);
            }
            Map<String, Object> normalizer = fields.mapOrNull("normalizer");
            if (normalizer != null) {
                // An older keras4j's feature normalizer: now the model's first layer, a Normalization whose
                // parameters the saved network does not hold (they come first in the flat array).
                model.normalization(Normalization.layerOf(NormalizerConfig.fromConfig(normalizer,
                        source + ": normalizer", FileLimits.elements(model.inputShape(), source)),
                        Backend.toDataType(model.layers().get(0).dtype())));
                legacyNormalizer = true;
            }
            // The DL4J archive holds the parameters, the optimizer's state (at most a few arrays of the parameters'
            // size) and DL4J's own configuration: nothing larger is plausible.
            network = zip.read(NETWORK, networkCap(ModelSize.parameters(model.layers(), model.inputShape(), source)));
        }
        INDArray normalizerParams = legacyNormalizer ? model.network().getLayer(0).params().dup() : null;
        long parameters = model.network().numParams() - (legacyNormalizer ? normalizerParams.length() : 0);
        String networkName = path + " (" + NETWORK + ")";
        Map<String, byte[]> entries = ZipArchive.readAll(network, entry -> switch (entry) {
            case ModelSerializer.COEFFICIENTS_BIN -> arrayCap(parameters);
            case ModelSerializer.UPDATER_BIN -> arrayCap(parameters * MAX_STATE_ARRAYS);
            default -> 0;
        }, networkName);
        INDArray params = ndArray(entries, ModelSerializer.COEFFICIENTS_BIN, parameters, path);
        INDArray updaterState = entries.get(ModelSerializer.UPDATER_BIN) != null
                ? ndArray(entries, ModelSerializer.UPDATER_BIN, -1, path) : null;
        if (legacyNormalizer) {
            params = Nd4j.concat(1, normalizerParams.reshape(1, normalizerParams.length()).castTo(params.dataType()),
                    params.reshape(1, params.length()));
        }
        ConfigReader fields = ConfigReader.kerasJson(metadata, source);
        model.restoreState(params, updaterState, fields.integer("iteration_count", 0, Integer.MAX_VALUE),
                fields.integer("epoch_count", 0, Integer.MAX_VALUE), history(metadata.get("history"), source));
        return model;
    }

    /** How many arrays of the parameters' size an optimizer's state may hold (Adam and its kin: 2; AMSGrad 3). */
    private static final int MAX_STATE_ARRAYS = 4;

    private static long arrayCap(long values) {
        return Math.multiplyExact(values, Double.BYTES) + (64L << 10);
    }

    private static long networkCap(long parameters) {
        return arrayCap(parameters) + arrayCap(parameters * MAX_STATE_ARRAYS) + FileLimits.MAX_JSON_BYTES;
    }

    private static INDArray ndArray(Map<String, byte[]> entries, String name, long expectedLength, Path path) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException(path + ": " + NETWORK + " has no " + name + " (entries: "
                    + entries.keySet() + ")");
        }
        return Nd4jArrays.read(bytes, expectedLength, path + ": " + NETWORK + "/" + name);
    }

    private static History history(Object saved, String source) {
        if (saved == null) {
            return null;
        }
        String where = source + ": history";
        if (!(saved instanceof Map<?, ?> tree) || !(tree.get("epoch") instanceof List<?> epochs)
                || !(tree.get("history") instanceof Map<?, ?> values)) {
            throw new IllegalArgumentException(where + " must hold \"epoch\" (a list) and \"history\" (an object)");
        }
        List<Integer> epochList = new ArrayList<>();
        for (Object epoch : epochs) {
            if (!(epoch instanceof Integer number) || number < 0) {
                throw new IllegalArgumentException(where + ".epoch must hold whole numbers >= 0, found "
                        + KerasJson.describe(epoch));
            }
            epochList.add(number);
        }
        Map<String, List<Double>> valueMap = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            if (!(entry.getValue() instanceof List<?> list)) {
                throw new IllegalArgumentException(where + ".history." + entry.getKey() + " must be a list of "
                        + "numbers (one per epoch), found " + KerasJson.describe(entry.getValue()));
            }
            List<Double> doubles = new ArrayList<>();
            for (Object value : list) {
                if (value != null && !(value instanceof Number)) {
                    throw new IllegalArgumentException(where + ".history." + entry.getKey() + " must hold numbers, "
                            + "found " + KerasJson.describe(value));
                }
                doubles.add(value == null ? Double.NaN : ((Number) value).doubleValue());
            }
            valueMap.put(String.valueOf(entry.getKey()), doubles);
        }
        return History.restored(epochList, valueMap);
    }

    // ---------------------------------------------------------------------------------------------------------
    // weights only

    static void saveWeights(Model model, Path path) {
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
     * weights, in their order, fill the model's layers with weights; names may differ, shapes may not. Each entry is
     * read through a cap of the largest array the model has, and parsed by keras4j ({@link NpyArrays}).
     */
    static void loadWeights(Model model, Path path) {
        try {
            readWeights(model, path);
        } catch (RuntimeException e) {
            throw InvalidFileException.of(path, e);
        }
    }

    private static void readWeights(Model model, Path path) {
        LayersWithWeights layersWithWeights = LayersWithWeights.of(model);
        List<Integer> weighted = layersWithWeights.indices();
        List<String> weightedNames = layersWithWeights.names();
        List<List<INDArray>> expected = new ArrayList<>();
        long largest = 0;
        for (int index : weighted) {
            List<INDArray> weights = model.getWeights(index);
            expected.add(weights);
            for (INDArray weight : weights) {
                largest = Math.max(largest, weight.length());
            }
        }
        try (ZipArchive zip = ZipArchive.open(path, "a weights file (.npz)")) {
            Map<String, List<String>> savedLayers = new LinkedHashMap<>();
            for (String entry : zip.names()) {
                int slash = entry.lastIndexOf('/');
                if (slash < 0 || !entry.endsWith(".npy")) {
                    throw new IllegalArgumentException(path + " is not a keras4j weights file: entry '" + entry
                            + "' is not layer/weight.npy");
                }
                savedLayers.computeIfAbsent(entry.substring(0, slash), k -> new ArrayList<>()).add(entry);
            }
            layersWithWeights.requireSameCount(path, new ArrayList<>(savedLayers.keySet()));
            List<String> savedNames = new ArrayList<>(savedLayers.keySet());
            List<List<String>> saved = new ArrayList<>(savedLayers.values());
            // An .npy entry holds one array and a header of at most 64 KB: nothing larger fits any of the model's.
            long cap = largest * Double.BYTES + (64L << 10) + 12;
            List<INDArray[]> values = new ArrayList<>();
            for (int k = 0; k < weighted.size(); k++) {
                List<String> entries = saved.get(k);
                List<INDArray> wanted = expected.get(k);
                String layer = "layer '" + weightedNames.get(k) + "'";
                if (entries.size() != wanted.size()) {
                    throw new IllegalArgumentException(path + ": saved layer '" + savedNames.get(k) + "' holds "
                            + entries.size() + " arrays " + entries + " but " + layer + " has " + wanted.size());
                }
                INDArray[] arrays = new INDArray[entries.size()];
                for (int w = 0; w < entries.size(); w++) {
                    String what = path + ": entry '" + entries.get(w) + "'";
                    arrays[w] = NpyArrays.read(zip.read(entries.get(w), cap), what);
                    if (!Arrays.equals(arrays[w].shape(), wanted.get(w).shape())) {
                        throw new IllegalArgumentException(what + " has shape " + Arrays.toString(arrays[w].shape())
                                + " but weight " + w + " of " + layer + " has shape "
                                + Arrays.toString(wanted.get(w).shape()));
                    }
                }
                values.add(arrays);
            }
            for (int k = 0; k < weighted.size(); k++) {
                try {
                    model.setWeights(weighted.get(k), values.get(k));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": the weights of saved layer '" + savedNames.get(k)
                            + "' do not fit layer '" + weightedNames.get(k) + "': " + e.getMessage(), e);
                }
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

    /** Writes a zip through {@link AtomicFiles}, so that readers never see half a file. */
    static void writeAtomically(Path path, ZipWriter writer) {
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            writer.write(zip);
            zip.finish();
        });
    }
}
