package io.github.keras4j.run;

import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.internal.PythonRepr;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predictions as a CSV file with a header row: the input's feature columns and label columns (as numbers in the
 * file, unscaled), then the model's outputs, {@code prediction} for one output or {@code prediction_0},
 * {@code prediction_1}... for several. Written to a temporary file and moved into place.
 */
public final class PredictionsCsv {

    private PredictionsCsv() {
    }

    /** The names of the prediction columns for a model with {@code outputs} outputs. */
    public static List<String> predictionColumns(long outputs) {
        if (outputs == 1) {
            return List.of("prediction");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            names.add("prediction_" + i);
        }
        return names;
    }

    /**
     * Writes {@code predictions} (one row per row of {@code input}) beside the input's columns.
     *
     * @param input the dataset that was predicted, unscaled; its labels are written as the numbers in the file
     */
    public static void write(Path out, CsvDataset input, INDArray predictions) {
        CsvDataset numeric = input.labelColumns().isEmpty() ? input : input.numericLabels();
        CsvData data = numeric.load();
        if (data.rows() != predictions.rows()) {
            throw new IllegalArgumentException(predictions.rows() + " predictions for the " + data.rows() + " rows of "
                    + input.fileName());
        }
        List<String> header = new ArrayList<>(data.featureColumns());
        header.addAll(data.labelColumns());
        header.addAll(predictionColumns(predictions.columns()));
        Path absolute = out.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writer.write(String.join(",", header));
                writer.newLine();
                StringBuilder line = new StringBuilder();
                for (int row = 0; row < data.rows(); row++) {
                    line.setLength(0);
                    append(line, data.features(), row);
                    if (data.labels() != null) {
                        append(line, data.labels(), row);
                    }
                    append(line, predictions, row);
                    writer.append(line, 1, line.length());
                    writer.newLine();
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the predictions " + out + ": " + e.getMessage(), e);
        }
    }

    private static void append(StringBuilder line, INDArray values, int row) {
        boolean single = values.dataType() == DataType.FLOAT;
        for (int column = 0; column < values.columns(); column++) {
            double value = values.getDouble(row, column);
            // float32 values print as the float they are (0.20458, not 0.20457999408245087).
            line.append(',').append(single ? Float.toString((float) value) : PythonRepr.of(value));
        }
    }
}
