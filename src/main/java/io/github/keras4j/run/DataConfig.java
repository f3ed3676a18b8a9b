package io.github.keras4j.run;

import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.data.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code data} part of a run config: CSV files with a header row (read by {@link CsvDataset}), which columns
 * are labels, how labels are encoded and how features are scaled; or NumPy's files ({@link ArrayFiles}) holding x and
 * y as arrays of any rank.
 * <pre>{@code
 * "data": {"train": "datasets/gaussian_xor_train.csv", "test": "datasets/gaussian_xor_test.csv",
 *          "labels": ["label"], "one_hot": 2, "normalization": "none"}
 * "data": {"train": "datasets/parity_train.npz", "test": {"file": "d.npz", "x": "x_test", "y": "y_test"},
 *          "validation": {"x": "x_val.npy", "y": "y_val.npy"}}
 * }</pre>
 * {@code train} is required, and {@code labels} for CSV files; {@code validation} and {@code test} are optional files
 * of the same kind (the same columns); {@code features} (default: every column that is not a label), {@code one_hot}
 * (the number of classes of the one label column, or of y's class indices), {@code normalization}
 * ({@code "standardize"}, {@code "min_max"} or {@code "none"}, the default; fitted on the training file and kept by the
 * model; CSV only) and {@code delimiter} (one character, default {@code ","}; CSV only) are optional.
 *
 * @param train the training file (for NumPy's files: the archive, or the file holding x)
 * @param trainArrays where the training arrays come from, or null for a CSV file (and so for the others)
 */
public record DataConfig(Path train, Path validation, Path test, List<String> labels, List<String> features,
        Integer oneHot, Normalization normalization, char delimiter, ArrayFiles trainArrays,
        ArrayFiles validationArrays, ArrayFiles testArrays) {

    /** The keys of a data file given as an object, NumPy's files: {@code x}, {@code y} and the archive holding them. */
    static final List<String> ARRAY_KEYS = List.of("file", "x", "y");

    /** The keys of the {@code data} object. */
    static final List<String> KEYS = List.of("train", "validation", "test", "labels", "features", "one_hot",
            "normalization", "delimiter");

    /** The most classes a one-hot label column may have: a million columns per row is already far past any use. */
    static final int MAX_CLASSES = 1 << 20;

    static DataConfig read(ConfigSection data) {
        if (!data.has("train")) {
            throw data.error("missing \"train\": the CSV file to train on, e.g. \"datasets/xor.csv\", or NumPy's "
                    + "arrays x and y, e.g. \"datasets/parity_train.npz\"");
        }
        ArrayFiles trainArrays = arrays(data, "train");
        if (trainArrays != null) {
            return readArrays(data, trainArrays);
        }
        for (String key : List.of("validation", "test")) {
            if (arrays(data, key) != null) {
                throw data.error(key + " names NumPy's files but train is a CSV file; give every data file of one "
                        + "kind");
            }
        }
        if (!data.has("labels")) {
            throw data.error("missing \"labels\": the label columns of the CSV files, e.g. [\"y\"]");
        }
        String delimiter = data.string("delimiter", ",");
        if (delimiter.length() != 1) {
            throw data.wrongType("delimiter", "one character");
        }
        Integer oneHot = data.has("one_hot") ? data.integer("one_hot", 0, 1, MAX_CLASSES) : null;
        Normalization normalization;
        try {
            normalization = Normalization.of(data.string("normalization", "none"));
        } catch (IllegalArgumentException e) {
            throw data.error(e.getMessage());
        }
        return new DataConfig(path(data, "train"), path(data, "validation"), path(data, "test"),
                data.strings("labels"), data.has("features") ? data.strings("features") : null, oneHot,
                normalization, delimiter.charAt(0), null, null, null);
    }

    /** The data of NumPy's files: CSV's keys are refused, one_hot is read. */
    private static DataConfig readArrays(ConfigSection data, ArrayFiles train) {
        for (String csvOnly : List.of("labels", "features", "delimiter", "normalization")) {
            if (data.has(csvOnly)) {
                throw data.error(csvOnly + " applies to CSV files, but train holds NumPy arrays ("
                        + train.xWhat() + "), whose labels are the array y"
                        + (csvOnly.equals("normalization") ? "; scale the arrays before saving them" : ""));
            }
        }
        ArrayFiles validation = data.has("validation") ? requireArrays(data, "validation") : null;
        ArrayFiles test = data.has("test") ? requireArrays(data, "test") : null;
        Integer oneHot = data.has("one_hot") ? data.integer("one_hot", 0, 1, MAX_CLASSES) : null;
        return new DataConfig(train.xFile(), validation == null ? null : validation.xFile(),
                test == null ? null : test.xFile(), List.of(), null, oneHot, Normalization.NONE, ',', train, validation,
                test);
    }

    private static ArrayFiles requireArrays(ConfigSection data, String key) {
        ArrayFiles arrays = arrays(data, key);
        if (arrays == null) {
            throw data.error(key + " is a CSV file but train holds NumPy arrays; give every data file of one kind");
        }
        return arrays;
    }

    /**
     * The NumPy arrays a data key names, or null for a CSV file (or no value): an {@code .npz} path (its arrays
     * {@code x} and {@code y}), or an object: {@code {"x": "x.npy", "y": "y.npy"}}, or
     * {@code {"file": "d.npz", "x": "x_train", "y": "y_train"}}.
     */
    private static ArrayFiles arrays(ConfigSection data, String key) {
        Object value = data.raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.Map) {
            ConfigSection arrays = data.section(key, ARRAY_KEYS);
            if (arrays.has("file")) {
                Path file = arrays.path("file");
                if (!file.toString().endsWith(".npz")) {
                    throw arrays.error("file " + file + " is not a NumPy archive (.npz); x and y name its arrays");
                }
                return ArrayFiles.archive(file, arrays.string("x", ArrayFiles.X), arrays.string("y", ArrayFiles.Y));
            }
            for (String array : List.of("x", "y")) {
                if (!arrays.has(array)) {
                    throw arrays.error("missing \"" + array + "\": the .npy file of " + array
                            + " (or \"file\": an .npz archive, with x and y naming its arrays)");
                }
                if (!arrays.path(array).toString().endsWith(".npy")) {
                    throw arrays.error(array + " " + arrays.path(array) + " is not a NumPy array file (.npy); for "
                            + "the arrays of an .npz archive give \"file\" and name them in x and y");
                }
            }
            return new ArrayFiles(arrays.path("x"), null, arrays.path("y"), null);
        }
        Path file = data.path(key);
        if (!ArrayFiles.isNumpy(file)) {
            return null;
        }
        if (file.toString().endsWith(".npy")) {
            throw data.error(key + " " + file + " is one NumPy array; give x and y: {\"x\": \"x.npy\", \"y\": "
                    + "\"y.npy\"}, or an .npz archive holding arrays x and y");
        }
        return ArrayFiles.archive(file, ArrayFiles.X, ArrayFiles.Y);
    }

    /** Whether the data are NumPy's arrays rather than CSV files. */
    public boolean isArrays() {
        return trainArrays != null;
    }

    private static Path path(ConfigSection data, String key) {
        return data.path(key);
    }

    /** The dataset of one of the config's files, with its columns and label encoding, unscaled. */
    public CsvDataset dataset(Path file, String dtype) {
        if (!Files.isRegularFile(file)) {
            throw new MissingFileException("data file " + file + " does not exist");
        }
        CsvDataset dataset = new CsvDataset(file).delimiter(delimiter).labelColumns(labels.toArray(new String[0]));
        if (features != null) {
            dataset = dataset.featureColumns(features.toArray(new String[0]));
        }
        if (oneHot != null) {
            dataset = dataset.oneHot(oneHot);
        }
        return dataset.dtype(dtype);
    }

    /** The training file's arrays, unscaled (the model's Normalization layer scales what it is given). */
    public CsvData loadTrain(String dtype) {
        return dataset(train, dtype).load();
    }

    /** The normalization fitted on the training file as a Normalization layer, or null without normalization. */
    public io.github.keras4j.layers.Normalization normalizationLayer(String dtype) {
        return normalization == Normalization.NONE ? null
                : dataset(train, dtype).normalize(normalization).normalizationLayer();
    }
}
