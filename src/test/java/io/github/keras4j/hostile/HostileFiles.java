package io.github.keras4j.hostile;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.layers.Dense;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * About a hundred broken and hostile files of every kind keras4j reads, made on the spot (nothing big is committed):
 * keras4j model files, {@code .npz} weights, Keras HDF5 and {@code .keras} files, Keras model JSON, run configs and
 * CSV files, each with the command line that reads it ({@code summary}, {@code train}, {@code evaluate},
 * {@code predict}). Every one must end in exit 1 and one line naming the file.
 */
final class HostileFiles {

    /** One hostile file and the command that reads it; {@code file} is what the error line must name. */
    record Case(String kind, Path file, List<String> args) {
    }

    private final Path folder;
    private final Path out;
    private final List<Case> cases = new ArrayList<>();
    private final Path validModel;
    private final Path validCsv;
    private final byte[] validModelBytes;
    private final String modelJson;
    private final Map<String, Object> validConfig;

    /**
     * @param folder where the files go (the child JVM's working directory)
     * @param out the run's output folder: the only place commands may write
     */
    HostileFiles(Path folder, Path out) throws IOException {
        this.folder = folder;
        this.out = out;
        Files.createDirectories(out);
        validCsv = Files.writeString(folder.resolve("xor.csv"), "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        Sequential model = new Sequential("hostile");
        model.add(new Dense(4, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.seed(1);
        model.compile("adam", "binary_crossentropy", "accuracy");
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        model.fit(x, y, Fit.epochs(2).verbose(0));
        validModel = folder.resolve("valid.keras4j");
        model.save(validModel);
        validModelBytes = Files.readAllBytes(validModel);
        model.saveWeights(folder.resolve("valid.npz"));
        modelJson = model.toJson();
        validConfig = new LinkedHashMap<>();
        validConfig.put("model", KerasJson.read(modelJson, "model"));
        validConfig.put("compile", KerasJson.read("{\"loss\": \"binary_crossentropy\", \"metrics\": [\"accuracy\"], "
                + "\"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {\"learning_rate\": 0.01}}}", "compile"));
        validConfig.put("fit", new LinkedHashMap<>(Map.of("epochs", 2, "verbose", 0)));
        validConfig.put("data", new LinkedHashMap<>(Map.of("train", validCsv.toString(), "labels", List.of("y"))));
        validConfig.put("seed", 1);
    }

    Path validModel() {
        return validModel;
    }

    Path validCsv() {
        return validCsv;
    }

    /** Run config {@code name} (written into the folder) as the valid config changed by {@code change}. */
    Map<String, Object> validConfigCopy() {
        return deepCopy(validConfig);
    }

    List<Case> all() throws IOException {
        keras4jModelFiles();
        npzWeights();
        hdf5Files();
        kerasArchives();
        modelJson();
        runConfigs();
        csvFiles();
        return cases;
    }

    // ---------------------------------------------------------------------------------------------------------
    // keras4j model files

    private void keras4jModelFiles() throws IOException {
        model("empty", new byte[0]);
        model("random_bytes", "not a model at all, just text\n".repeat(20).getBytes(StandardCharsets.UTF_8));
        model("empty_zip", zip(Map.of()));
        model("zip_without_metadata", zip(Map.of("photo.jpg", new byte[] {1, 2, 3})));
        model("truncated_zip", Arrays.copyOf(validModelBytes, validModelBytes.length / 2));
        Map<String, byte[]> entries = unzip(validModelBytes);
        String metadata = new String(entries.get("keras4j.json"), StandardCharsets.UTF_8);
        byte[] network = entries.get("network.zip");
        model("metadata_not_json", withMetadata("{\"format\": \"keras4j\", ", network));
        model("metadata_json_null", withMetadata("null", network));
        model("metadata_array", withMetadata("[1, 2, 3]", network));
        model("metadata_bomb", zip(Map.of("keras4j.json", bomb((byte) ' ', 40 << 20), "network.zip", network)));
        model("metadata_nested_deep", withMetadata("[".repeat(200_000), network));
        model("format_other", withMetadata(metadata.replace("\"format\":\"keras4j\"", "\"format\":\"h5\""), network));
        model("format_version_99", withMetadata(metadata.replace("\"format_version\":1", "\"format_version\":99"),
                network));
        model("model_config_string", withMetadata(metadata.replaceFirst("\"model_config\":\\{",
                "\"model_config\":\"x\",\"unused\":{"), network));
        model("units_2147483647", withMetadata(metadata.replace("\"units\":4", "\"units\":2147483647"), network));
        model("units_100000000", withMetadata(metadata.replace("\"units\":4", "\"units\":100000000"), network));
        model("units_negative", withMetadata(metadata.replace("\"units\":4", "\"units\":-1"), network));
        model("units_zero", withMetadata(metadata.replace("\"units\":4", "\"units\":0"), network));
        model("units_string", withMetadata(metadata.replace("\"units\":4", "\"units\":\"4\""), network));
        model("units_1e30", withMetadata(metadata.replace("\"units\":4", "\"units\":1e30"), network));
        model("input_shape_huge", withMetadata(metadata.replace("[null,2]", "[null,2147483647]"), network));
        model("input_shape_negative", withMetadata(metadata.replace("[null,2]", "[null,-5]"), network));
        model("unknown_layer", withMetadata(metadata.replace("\"class_name\":\"Dense\"", "\"class_name\":\"Lambda\""),
                network));
        model("iteration_count_negative", withMetadata(metadata.replaceFirst("\"iteration_count\":\\d+",
                "\"iteration_count\":-1"), network));
        model("iteration_count_text", withMetadata(metadata.replaceFirst("\"iteration_count\":\\d+",
                "\"iteration_count\":\"many\""), network));
        model("history_wrong_types", withMetadata(metadata.replaceFirst("\"history\":\\{", "\"history\":{\"epoch\":\"x\","
                + "\"unused\":{"), network));
        model("normalizer_wrong_width", withMetadata(metadata.replace("\"normalizer\":null",
                "\"normalizer\":{\"type\":\"standardize\",\"mean\":[0,0,0,0,0],\"std\":[1,1,1,1,1]}"), network));
        model("normalizer_range_text", withMetadata(metadata.replace("\"normalizer\":null",
                "\"normalizer\":{\"type\":\"min_max\",\"min\":[0,0],\"max\":[1,1],\"range\":[\"a\",\"b\"]}"), network));
        Map<String, byte[]> dl4j = unzip(network);
        byte[] coefficients = dl4j.get("coefficients.bin");
        model("network_missing", zip(Map.of("keras4j.json", entries.get("keras4j.json"))));
        model("network_bomb", zip(Map.of("keras4j.json", entries.get("keras4j.json"), "network.zip",
                bomb((byte) 0, 200 << 20))));
        model("network_not_zip", withNetwork(entries, "garbage".getBytes(StandardCharsets.UTF_8)));
        model("coefficients_missing", withNetwork(entries, zip(Map.of("configuration.json", dl4j.get(
                "configuration.json")))));
        model("coefficients_shorter_than_shape", withCoefficients(entries, dl4j,
                Arrays.copyOf(coefficients, coefficients.length - 40)));
        model("coefficients_huge_shape", withCoefficients(entries, dl4j, nd4j(new long[] {1, 1L << 40}, 1L << 40, 17)));
        model("coefficients_negative_shape", withCoefficients(entries, dl4j, nd4j(new long[] {1, -17}, 17, 17)));
        model("coefficients_wrong_count", withCoefficients(entries, dl4j, nd4j(new long[] {1, 5}, 5, 5)));
        model("coefficients_length_lies", withCoefficients(entries, dl4j, nd4j(new long[] {1, 17}, 1L << 40, 17)));
        model("coefficients_bad_mode", withCoefficients(entries, dl4j, "GARBAGE".getBytes(StandardCharsets.UTF_8)));
        model("coefficients_bomb", withNetwork(entries, zip(Map.of("coefficients.bin", bomb((byte) 0, 100 << 20)))));
        model("updater_state_wrong_length", withNetwork(entries, zip(Map.of("coefficients.bin", coefficients,
                "updaterState.bin", nd4j(new long[] {1, 3}, 3, 3)))));
        model("duplicate_entries", duplicateZip("keras4j.json", entries.get("keras4j.json"), network));
    }

    private void model(String kind, byte[] bytes) throws IOException {
        Path file = write("model_" + kind + ".keras4j", bytes);
        cases.add(new Case("keras4j model: " + kind, file, List.of("summary", file.toString())));
    }

    private byte[] withMetadata(String metadata, byte[] network) throws IOException {
        return zip(Map.of("keras4j.json", metadata.getBytes(StandardCharsets.UTF_8), "network.zip", network));
    }

    private byte[] withNetwork(Map<String, byte[]> entries, byte[] network) throws IOException {
        return zip(Map.of("keras4j.json", entries.get("keras4j.json"), "network.zip", network));
    }

    private byte[] withCoefficients(Map<String, byte[]> entries, Map<String, byte[]> dl4j, byte[] coefficients)
            throws IOException {
        Map<String, byte[]> changed = new LinkedHashMap<>(dl4j);
        changed.put("coefficients.bin", coefficients);
        changed.remove("updaterState.bin");
        return withNetwork(entries, zip(changed));
    }

    /** ND4J's binary array format with a chosen shape, declared length and number of floats actually present. */
    private static byte[] nd4j(long[] shape, long declaredLength, int present) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        int rank = shape.length;
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(2L * rank + 4);
        out.writeUTF("LONG");
        out.writeLong(rank);
        for (long size : shape) {
            out.writeLong(size);
        }
        for (int i = 0; i < rank; i++) {
            out.writeLong(1);
        }
        out.writeLong(8192);
        out.writeLong(1);
        out.writeLong('c');
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(declaredLength);
        out.writeUTF("FLOAT");
        for (int i = 0; i < present; i++) {
            out.writeFloat(0.5f);
        }
        out.flush();
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------------
    // .npz weights (loaded by a run config's load_weights)

    private void npzWeights() throws IOException {
        byte[] kernel = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }", floats(8));
        byte[] bias = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", floats(4));
        byte[] kernel1 = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 1), }", floats(4));
        byte[] bias1 = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1));
        Function<byte[], Map<String, byte[]>> withKernel = k -> ordered("dense/kernel.npy", k, "dense/bias.npy", bias,
                "dense_1/kernel.npy", kernel1, "dense_1/bias.npy", bias1);
        npz("header_without_newline", zip(withKernel.apply(rawNpy(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }", floats(8)))));
        npz("shape_larger_than_data", zip(withKernel.apply(npy(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2000, 4000), }", floats(8)))));
        npz("shape_overflows", zip(withKernel.apply(npy(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", floats(8)))));
        npz("complex_type", zip(withKernel.apply(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (2, 4), }",
                new byte[128]))));
        npz("object_type", zip(withKernel.apply(npy("{'descr': '|O', 'fortran_order': False, 'shape': (2, 4), }",
                new byte[64]))));
        npz("header_length_past_end", zip(withKernel.apply(headerLength(kernel, 60000))));
        npz("version_9", zip(withKernel.apply(version(kernel, 9))));
        npz("rank_40", zip(withKernel.apply(npy("{'descr': '<f4', 'fortran_order': False, 'shape': ("
                + "1, ".repeat(40) + "), }", floats(1)))));
        npz("header_garbage", zip(withKernel.apply(npy("{'descr': <f4, 'fortran_order': Maybe, }", floats(8)))));
        npz("entry_bomb", zip(withKernel.apply(bomb((byte) 0, 100 << 20))));
        npz("wrong_names", zip(Map.of("kernel", kernel)));
        npz("one_layer_only", zip(ordered("dense/kernel.npy", kernel, "dense/bias.npy", bias)));
        npz("wrong_shape", zip(withKernel.apply(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }",
                floats(8)))));
        npz("not_zip", "PK\u0003\u0004 and then nothing".getBytes(StandardCharsets.ISO_8859_1));
    }

    private void npz(String kind, byte[] bytes) throws IOException {
        Path weights = write("weights_" + kind + ".npz", bytes);
        Map<String, Object> config = validConfigCopy();
        config.put("load_weights", weights.toString());
        Path file = folder.resolve("config_load_" + kind + ".json");
        Files.writeString(file, KerasJson.write(config));
        cases.add(new Case("npz weights: " + kind, weights, List.of("train", file.toString(), "--output",
                out.toString(), "--verbose", "0")));
    }

    private static byte[] npy(String header, byte[] data) {
        String padded = header;
        while ((10 + padded.length() + 1) % 64 != 0) {
            padded += " ";
        }
        return rawNpy(padded + "\n", data);
    }

    private static byte[] rawNpy(String header, byte[] data) {
        byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(10 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buffer.putShort((short) text.length).put(text).put(data);
        return buffer.array();
    }

    private static byte[] headerLength(byte[] npy, int length) {
        byte[] copy = npy.clone();
        copy[8] = (byte) length;
        copy[9] = (byte) (length >> 8);
        return copy;
    }

    private static byte[] version(byte[] npy, int major) {
        byte[] copy = npy.clone();
        copy[6] = (byte) major;
        return copy;
    }

    private static byte[] floats(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putFloat(0.25f * i);
        }
        return buffer.array();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keras HDF5 files

    private void hdf5Files() throws IOException {
        h5("hdf5_signature_then_garbage", bytes -> {
            byte[] data = new byte[4096];
            System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, data, 0, 8);
            Arrays.fill(data, 8, data.length, (byte) 0x5a);
            return data;
        });
        Path valid = folder.resolve("valid_template.h5");
        writeKerasH5(valid, modelJson, null);
        byte[] validBytes = Files.readAllBytes(valid);
        Files.delete(valid);
        h5("truncated", bytes -> Arrays.copyOf(validBytes, validBytes.length / 3));
        h5Made("model_config_not_json", file -> writeKerasH5(file, "{not json", null));
        h5Made("model_config_units_2147483647", file -> writeKerasH5(file,
                modelJson.replace("\"units\":4", "\"units\":2147483647"), null));
        h5Made("model_config_layers_string", file -> writeKerasH5(file,
                "{\"class_name\": \"Sequential\", \"config\": {\"layers\": \"dense\"}}", null));
        h5Made("model_config_not_utf8", file -> {
            try (H5Writer h5 = new H5Writer(file)) {
                h5.strings("/", "model_config", true, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
            }
        });
        h5Made("kernel_declares_huge_shape", file -> writeKerasH5(file, modelJson, h5 -> h5.floats(
                "model_weights/dense/dense/kernel:0", new long[] {1_000_000_000L, 4}, null)));
        h5Made("kernel_wrong_shape", file -> writeKerasH5(file, modelJson, h5 -> h5.floats(
                "model_weights/dense/dense/kernel:0", new long[] {3, 4}, new float[12])));
        h5Made("kernel_external_storage_passwd", file -> writeKerasH5(file, modelJson, h5 -> h5.external(
                "model_weights/dense/dense/kernel:0", new long[] {2, 4}, "/etc/passwd")));
        Path fifo = fifo("kernel_data.fifo");
        if (fifo != null) {
            h5Made("kernel_external_storage_fifo", file -> writeKerasH5(file, modelJson, h5 -> h5.external(
                    "model_weights/dense/dense/kernel:0", new long[] {2, 4}, fifo.toString())));
            h5Made("external_link_to_fifo", file -> writeKerasH5(file, modelJson, h5 -> h5.externalLink(
                    "model_weights/dense/dense/kernel:0", fifo.toString(), "/kernel")));
        }
        h5Made("external_link_to_file", file -> writeKerasH5(file, modelJson, h5 -> h5.externalLink(
                "model_weights/dense/dense/kernel:0", "/etc/passwd", "/kernel")));
        h5Made("soft_link_loop", file -> writeKerasH5(file, modelJson, h5 -> h5.softLink(
                "model_weights/dense/dense/kernel:0", "/model_weights/dense/dense/kernel:0")));
        h5Made("weight_names_missing_dataset", file -> writeKerasH5(file, modelJson, h5 -> h5.floats(
                "model_weights/dense/dense/other", new long[] {2, 4}, new float[8])));
        h5Made("layer_names_wrong", file -> {
            try (H5Writer h5 = new H5Writer(file)) {
                h5.string("/", "model_config", modelJson);
                h5.group("model_weights");
                h5.names("model_weights", "layer_names", "nothing_here");
            }
        });
        h5Made("no_model_weights", file -> {
            try (H5Writer h5 = new H5Writer(file)) {
                h5.string("/", "model_config", modelJson);
            }
        });
        h5("damaged_global_heap_hangs_hdf5_library", bytes -> {
            try (var in = HostileFiles.class.getResourceAsStream(
                    "/io/github/keras4j/fuzz/LoaderFuzzTestInputs/kerasHdf5/hang-damaged-global-heap-model_config.h5")) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        h5Made("nothing_keras", file -> {
            try (H5Writer h5 = new H5Writer(file)) {
                h5.group("data");
            }
        });
    }

    private interface H5Edit {
        void apply(H5Writer h5);
    }

    private interface H5Make {
        void make(Path file) throws IOException;
    }

    /** A Keras 2 {@code model.save} file of the hostile model; {@code edit} replaces the first layer's kernel. */
    private void writeKerasH5(Path file, String config, H5Edit kernel) {
        try (H5Writer h5 = new H5Writer(file)) {
            h5.string("/", "model_config", config);
            h5.string("/", "keras_version", "2.11.0");
            h5.string("/", "backend", "tensorflow");
            h5.group("model_weights");
            h5.names("model_weights", "layer_names", "dense", "dense_1");
            h5.group("model_weights/dense");
            h5.group("model_weights/dense/dense");
            h5.names("model_weights/dense", "weight_names", "dense/kernel:0", "dense/bias:0");
            if (kernel == null) {
                h5.floats("model_weights/dense/dense/kernel:0", new long[] {2, 4}, new float[8]);
            } else {
                kernel.apply(h5);
            }
            h5.floats("model_weights/dense/dense/bias:0", new long[] {4}, new float[4]);
            h5.group("model_weights/dense_1");
            h5.group("model_weights/dense_1/dense_1");
            h5.names("model_weights/dense_1", "weight_names", "dense_1/kernel:0", "dense_1/bias:0");
            h5.floats("model_weights/dense_1/dense_1/kernel:0", new long[] {4, 1}, new float[4]);
            h5.floats("model_weights/dense_1/dense_1/bias:0", new long[] {1}, new float[1]);
        }
    }

    private void h5(String kind, Function<byte[], byte[]> bytes) throws IOException {
        Path file = write("keras_" + kind + ".h5", bytes.apply(null));
        cases.add(new Case("Keras HDF5: " + kind, file, List.of("summary", file.toString())));
    }

    private void h5Made(String kind, H5Make make) throws IOException {
        Path file = folder.resolve("keras_" + kind + ".h5");
        make.make(file);
        cases.add(new Case("Keras HDF5: " + kind, file, List.of("summary", file.toString())));
    }

    private Path fifo(String name) {
        Path fifo = folder.resolve(name);
        try {
            Process process = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            return process.waitFor() == 0 ? fifo : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keras 3 .keras archives

    private void kerasArchives() throws IOException {
        Path h5 = folder.resolve("archive_weights.h5");
        try (H5Writer writer = new H5Writer(h5)) {
            writer.group("layers");
        }
        byte[] weights = Files.readAllBytes(h5);
        Files.delete(h5);
        byte[] config = modelJson.getBytes(StandardCharsets.UTF_8);
        archive("config_bomb", zip(ordered("config.json", bomb((byte) ' ', 40 << 20), "model.weights.h5", weights)));
        archive("config_not_json", zip(ordered("config.json", "{".getBytes(StandardCharsets.UTF_8),
                "model.weights.h5", weights)));
        archive("config_units_2147483647", zip(ordered("config.json", modelJson.replace("\"units\":4",
                "\"units\":2147483647").getBytes(StandardCharsets.UTF_8), "model.weights.h5", weights)));
        archive("compile_config_text", zip(ordered("config.json", modelJson.replaceFirst("\\{",
                "{\"compile_config\": \"adam\", ").getBytes(StandardCharsets.UTF_8), "model.weights.h5", weights)));
        archive("weights_bomb", zip(ordered("config.json", config, "model.weights.h5", bomb((byte) 0, 200 << 20))));
        archive("weights_garbage", zip(ordered("config.json", config, "model.weights.h5",
                "garbage".getBytes(StandardCharsets.UTF_8))));
        archive("weights_without_layers", zip(ordered("config.json", config, "model.weights.h5", weights)));
        archive("metadata_not_json", zip(ordered("config.json", modelJson.replace("\"keras_version\":\"2.11.0\",", "")
                .getBytes(StandardCharsets.UTF_8), "metadata.json", "[".getBytes(StandardCharsets.UTF_8),
                "model.weights.h5", weights)));
    }

    private void archive(String kind, byte[] bytes) throws IOException {
        Path file = write("archive_" + kind + ".keras", bytes);
        cases.add(new Case("Keras .keras: " + kind, file, List.of("summary", file.toString())));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keras model JSON

    private void modelJson() throws IOException {
        json("empty", new byte[0]);
        json("not_json", "{\"class_name\": ".getBytes(StandardCharsets.UTF_8));
        json("nested_deep", ("{\"class_name\": " + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        json("units_2147483647", modelJson.replace("\"units\":4", "\"units\":2147483647")
                .getBytes(StandardCharsets.UTF_8));
        json("units_overflowing_long", modelJson.replace("\"units\":4", "\"units\":99999999999999999999999")
                .getBytes(StandardCharsets.UTF_8));
        json("layers_string", "{\"class_name\": \"Sequential\", \"config\": {\"layers\": \"dense\"}}"
                .getBytes(StandardCharsets.UTF_8));
        json("layer_config_list", modelJson.replace("\"config\":{\"name\":\"dense\"", "\"config\":[{\"name\":\"dense\"")
                .replace("\"bias_constraint\":null}}", "\"bias_constraint\":null}]}")
                .getBytes(StandardCharsets.UTF_8));
        json("not_utf8", new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'});
        json("too_large", ("{\"class_name\": \"Sequential\", \"pad\": \"" + " ".repeat(17 << 20) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        json("duplicate_key", "{\"class_name\": \"Sequential\", \"class_name\": \"Functional\"}"
                .getBytes(StandardCharsets.UTF_8));
    }

    private void json(String kind, byte[] bytes) throws IOException {
        Path file = write("model_" + kind + ".json", bytes);
        cases.add(new Case("Keras JSON: " + kind, file, List.of("summary", file.toString())));
    }

    // ---------------------------------------------------------------------------------------------------------
    // run configs

    @SuppressWarnings("unchecked")
    private void runConfigs() throws IOException {
        config("outputs_model_absolute", c -> c.put("outputs", Map.of("model", folder.resolve("elsewhere/m.keras4j")
                .toString())));
        config("outputs_history_escapes", c -> c.put("outputs", Map.of("history", "runs/x/../../../escape.csv")));
        config("outputs_plots_absolute", c -> c.put("outputs", Map.of("plots", "/tmp/keras4j-plots-outside")));
        config("csv_logger_outside", c -> ((Map<String, Object>) c.get("fit")).put("callbacks", List.of(Map.of(
                "class_name", "CSVLogger", "config", Map.of("filename", "/tmp/keras4j-outside.csv")))));
        config("checkpoint_width_999999999", c -> ((Map<String, Object>) c.get("fit")).put("callbacks", List.of(Map.of(
                "class_name", "ModelCheckpoint", "config", Map.of("filepath", "ck.{epoch:0999999999d}.keras4j")))));
        config("batch_size_zero", c -> ((Map<String, Object>) c.get("fit")).put("batch_size", 0));
        config("batch_size_text", c -> ((Map<String, Object>) c.get("fit")).put("batch_size", "32"));
        config("batch_size_1e10", c -> ((Map<String, Object>) c.get("fit")).put("batch_size", 10_000_000_000L));
        config("epochs_negative", c -> ((Map<String, Object>) c.get("fit")).put("epochs", -5));
        config("epochs_2_to_40", c -> ((Map<String, Object>) c.get("fit")).put("epochs", 1L << 40));
        config("verbose_7", c -> ((Map<String, Object>) c.get("fit")).put("verbose", 7));
        config("initial_epoch_past_epochs", c -> ((Map<String, Object>) c.get("fit")).put("initial_epoch", 9));
        config("one_hot_2147483647", c -> ((Map<String, Object>) c.get("data")).put("one_hot", Integer.MAX_VALUE));
        config("one_hot_mismatch", c -> ((Map<String, Object>) c.get("data")).put("one_hot", 3));
        config("class_weight_key_text", c -> ((Map<String, Object>) c.get("fit")).put("class_weight",
                Map.of("zero", 1.0)));
        config("delimiter_empty", c -> ((Map<String, Object>) c.get("data")).put("delimiter", ""));
        config("seed_text", c -> c.put("seed", "one"));
        config("unknown_key", c -> c.put("fitt", Map.of()));
        config("units_2147483647", c -> c.put("model", KerasJson.read(modelJson.replace("\"units\":4",
                "\"units\":2147483647"), "model")));
        config("path_with_nul", c -> ((Map<String, Object>) c.get("data")).put("train", "data\u0000.csv"));
        Path fifo = fifo("weights.fifo");
        if (fifo != null) {
            config("load_weights_fifo", c -> c.put("load_weights", fifo.toString()));
        }
        config("load_weights_folder", c -> c.put("load_weights", folder.toString()));
    }

    private void config(String kind, java.util.function.Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> config = validConfigCopy();
        change.accept(config);
        Path file = folder.resolve("config_" + kind + ".json");
        Files.writeString(file, KerasJson.write(config));
        cases.add(new Case("run config: " + kind, file, List.of("train", file.toString(), "--verbose", "0")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // CSV files (evaluate and predict with a valid model)

    private void csvFiles() throws IOException {
        csv("cell_not_number", "x1,x2,y\n0,abc,1\n");
        csv("ragged_row", "x1,x2,y\n0,1\n");
        csv("nan_cell", "x1,x2,y\n0,nan,1\n");
        csv("infinite_cell", "x1,x2,y\n0,1e999,1\n");
        csv("unterminated_quote", "x1,x2,y\n\"0,1,1\n");
        csv("empty", "");
        csv("header_only", "x1,x2,y\n");
        csvBytes("not_utf8", new byte[] {'x', '1', ',', (byte) 0xff, ',', 'y', '\n', '0', ',', '1', ',', '1', '\n'});
        csvBytes("binary", new byte[] {0, 1, 2, 3, (byte) 0x89, 'P', 'N', 'G', 0, 0, '\n', 0});
        csv("too_few_columns", "x1\n0\n");
    }

    private void csv(String kind, String text) throws IOException {
        csvBytes(kind, text.getBytes(StandardCharsets.UTF_8));
    }

    private void csvBytes(String kind, byte[] bytes) throws IOException {
        Path file = write("data_" + kind + ".csv", bytes);
        cases.add(new Case("CSV (predict): " + kind, file, List.of("predict", validModel.toString(), file.toString(),
                "-o", out.resolve("predictions_" + kind + ".csv").toString(), "--verbose", "0")));
        cases.add(new Case("CSV (evaluate): " + kind, file, List.of("evaluate", validModel.toString(),
                file.toString(), "--verbose", "0")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // plumbing

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    /** A stretch of one byte value: deflated, a few hundred kilobytes that inflate to {@code size} bytes. */
    static byte[] bomb(byte value, int size) {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, value);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(deflated,
                new java.util.zip.Deflater(9, true))) {
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BombMarker(deflated.toByteArray(), size).marked();
    }

    /**
     * A deflated payload travels as its deflated bytes behind a marker, so that {@link #zip} stores it as the
     * deflated data of an entry (the zip is small, the entry huge once inflated).
     */
    private record BombMarker(byte[] deflated, int size) {
        static final byte[] MAGIC = "KERAS4J-BOMB".getBytes(StandardCharsets.US_ASCII);

        byte[] marked() {
            ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + deflated.length);
            return buffer.put(MAGIC).putInt(size).put(deflated).array();
        }

        static BombMarker of(byte[] bytes) {
            if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
            int size = buffer.getInt();
            byte[] deflated = new byte[buffer.remaining()];
            buffer.get(deflated);
            return new BombMarker(deflated, size);
        }
    }

    /** A zip of these entries, in order; bombs become deflated entries written by hand. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        boolean anyBomb = entries.values().stream().anyMatch(bytes -> BombMarker.of(bytes) != null);
        if (!anyBomb) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
        return RawZip.write(entries, BombMarker::of);
    }

    private static byte[] duplicateZip(String name, byte[] first, byte[] network) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(name, first);
        entries.put("network.zip", network);
        entries.put(name + "\u0000dup", "{\"format\": \"evil\"}".getBytes(StandardCharsets.UTF_8));
        return RawZip.write(entries, bytes -> null, name + "\u0000dup", name);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static Map<String, byte[]> ordered(Object... namesAndBytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < namesAndBytes.length; i += 2) {
            entries.put((String) namesAndBytes[i], (byte[]) namesAndBytes[i + 1]);
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> inner
                ? deepCopy((Map<String, Object>) inner) : value));
        return copy;
    }

    /** Zip files written byte by byte: entries given as deflated data, or names that repeat. */
    static final class RawZip {
        private RawZip() {
        }

        static byte[] write(Map<String, byte[]> entries, Function<byte[], BombMarker> bombs) {
            return write(entries, bombs, null, null);
        }

        /** {@code rename}/{@code as}: write the entry named {@code rename} under the name {@code as}. */
        static byte[] write(Map<String, byte[]> entries, Function<byte[], BombMarker> bombs, String rename,
                String as) {
            ByteBuffer zip = ByteBuffer.allocate(64 << 20).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer central = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int count = 0;
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                String name = entry.getKey().equals(rename) ? as : entry.getKey();
                byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                BombMarker bomb = bombs.apply(entry.getValue());
                byte[] data = bomb == null ? entry.getValue() : bomb.deflated();
                int method = bomb == null ? 0 : 8;
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                if (bomb == null) {
                    crc.update(data);
                }
                int size = bomb == null ? data.length : bomb.size();
                int offset = zip.position();
                zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) method)
                        .putInt(0).putInt((int) crc.getValue()).putInt(data.length).putInt(size)
                        .putShort((short) nameBytes.length).putShort((short) 0).put(nameBytes).put(data);
                central.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
                        .putShort((short) method).putInt(0).putInt((int) crc.getValue()).putInt(data.length)
                        .putInt(size).putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0)
                        .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(nameBytes);
                count++;
            }
            int centralOffset = zip.position();
            zip.put(central.array(), 0, central.position());
            zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count)
                    .putShort((short) count).putInt(central.position()).putInt(centralOffset).putShort((short) 0);
            return Arrays.copyOf(zip.array(), zip.position());
        }
    }
}
