package io.github.keras4j.run;

import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.data.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code data} part of a run config: CSV files with a header row (read by {@link CsvDataset}), which columns
 * are labels, how labels are encoded and how features are scaled.
 * <pre>{@code
 * "data": {"train": "datasets/gaussian_xor_train.csv", "test": "datasets/gaussian_xor_test.csv",
 *          "labels": ["label"], "one_hot": 2, "normalization": "none"}
 * }</pre>
 * {@code train} and {@code labels} are required; {@code validation} and {@code test} are optional files with the
 * same columns; {@code features} (default: every column that is not a label), {@code one_hot} (the number of
 * classes of the one label column), {@code normalization} ({@code "standardize"}, {@code "min_max"} or
 * {@code "none"}, the default; fitted on the training file and kept by the model) and {@code delimiter} (one
 * character, default {@code ","}) are optional.
 */
public record DataConfig(Path train, Path validation, Path test, List<String> labels, List<String> features,
        Integer oneHot, Normalization normalization, char delimiter) {

    /** The keys of the {@code data} object. */
    static final List<String> KEYS = List.of("train", "validation", "test", "labels", "features", "one_hot",
            "normalization", "delimiter");

    /** The most classes a one-hot label column may have: a million columns per row is already far past any use. */
    static final int MAX_CLASSES = 1 << 20;

    static DataConfig read(ConfigSection data) {
        if (!data.has("train")) {
            throw data.error("missing \"train\": the CSV file to train on, e.g. \"datasets/xor.csv\"");
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
                normalization, delimiter.charAt(0));
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
