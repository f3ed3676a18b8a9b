package io.github.keras4j.sweep;

import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import java.util.Map;

/**
 * The training data of a sweep: samples x features {@code x} and samples x targets {@code y}. A sweep config's
 * {@code "data"} part holds either the arrays themselves ({@code {"x": [[0, 0], ...], "y": [[0], ...]}}) or, for
 * data kept elsewhere (a CSV file in {@code datasets/}), a description that a {@link Loader} turns into arrays.
 */
public record SweepData(float[][] x, float[][] y) {

    /**
     * Reads a sweep config's {@code "data"} part when it is not inline arrays, e.g.
     * {@code {"csv": "datasets/xor.csv", "label_columns": 1}}: the extension point through which the CSV datasets
     * of {@code io.github.keras4j.data} plug into {@link SweepConfig}.
     */
    @FunctionalInterface
    public interface Loader {
        /**
         * @param spec the {@code "data"} object of the config as plain Java values (maps, lists, strings, numbers)
         * @throws IllegalArgumentException when this loader does not understand {@code spec}
         */
        SweepData load(Map<String, Object> spec);
    }

    /**
     * Reads {@code {"csv": "datasets/xor.csv", "labels": ["y"]}} (optional {@code "features"}, a list of column
     * names, and {@code "delimiter"}, one character) through {@link CsvDataset}: the default loader of
     * {@link SweepConfig}.
     */
    public static final Loader CSV = spec -> {
        Set<String> known = Set.of("csv", "labels", "features", "delimiter");
        for (String key : spec.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key \"" + key + "\" in the CSV data of a sweep config; "
                        + "valid: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        if (!(spec.get("csv") instanceof String file)) {
            throw new IllegalArgumentException("the data of a sweep config needs \"csv\": a file name, or inline "
                    + "\"x\" and \"y\" arrays; received " + spec);
        }
        CsvDataset dataset = new CsvDataset(file).labelColumns(names(spec, "labels", true));
        if (spec.containsKey("features")) {
            dataset = dataset.featureColumns(names(spec, "features", false));
        }
        if (spec.get("delimiter") instanceof String delimiter && delimiter.length() == 1) {
            dataset = dataset.delimiter(delimiter.charAt(0));
        } else if (spec.containsKey("delimiter")) {
            throw new IllegalArgumentException("delimiter must be one character, received " + spec.get("delimiter"));
        }
        CsvData data = dataset.load();
        return new SweepData(data.features().toFloatMatrix(), data.labels().toFloatMatrix());
    };

    private static String[] names(Map<String, Object> spec, String key, boolean required) {
        Object value = spec.get(key);
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance)) {
            return list.toArray(new String[0]);
        }
        throw new IllegalArgumentException("\"" + key + "\" of the CSV data must be a non-empty list of column "
                + "names, received " + (value == null && required ? "nothing" : value));
    }

    /** Checks that x and y are non-empty rectangular arrays with one row per sample each. */
    public SweepData {
        checkMatrix("x", x);
        checkMatrix("y", y);
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " samples but y has " + y.length);
        }
    }

    private static void checkMatrix(String what, float[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(what + " has no rows: at least one sample is needed");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != rows[0].length || rows[i].length == 0) {
                throw new IllegalArgumentException(what + " is not a rectangular array of numbers: row " + i + " has "
                        + (rows[i] == null ? "null" : rows[i].length + " values") + ", row 0 has "
                        + (rows[0] == null ? "null" : rows[0].length + " values"));
            }
        }
    }
}
