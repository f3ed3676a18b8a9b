package io.github.keras4j.run;

import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.internal.AtomicFiles;
import io.github.keras4j.internal.PythonRepr;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predictions as a CSV file with a header row: the input's feature columns and label columns (as numbers in the
 * file, unscaled), then the model's outputs, {@code prediction} for one output or {@code prediction_0},
 * {@code prediction_1}... for several. For NumPy's arrays, whose samples may be sequences or images, a row holds one
 * sample's labels ({@code y}, or {@code y_0}, {@code y_1}...) and outputs, each flattened in C order. RFC 4180: lines end in CRLF, a header name holding a comma, a quote, a line
 * break or surrounding spaces is quoted (quotes doubled). Written atomically ({@code AtomicFiles}): a unique temporary
 * file beside the target, forced to the disk, renamed over it (a link at the target is replaced, not followed).
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
        try {
            AtomicFiles.write(out, stream -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                StringBuilder line = new StringBuilder();
                for (String name : header) {
                    line.append(',').append(field(name));
                }
                writer.append(line, 1, line.length()).append(LINE_END);
                for (int row = 0; row < data.rows(); row++) {
                    line.setLength(0);
                    append(line, data.features(), row);
                    if (data.labels() != null) {
                        append(line, data.labels(), row);
                    }
                    append(line, predictions, row);
                    writer.append(line, 1, line.length()).append(LINE_END);
                }
                writer.flush();
            });
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the predictions " + out + ": " + e.getMessage(), e.getCause());
        }
    }

    /**
     * Writes {@code predictions} beside {@code labels} (null for none), one row per sample, each sample's values
     * flattened in C order.
     */
    public static void write(Path out, INDArray labels, INDArray predictions) {
        INDArray predicted = flat(predictions);
        INDArray truth = labels == null ? null : flat(labels);
        List<String> header = new ArrayList<>();
        if (truth != null) {
            header.addAll(predictionColumns(truth.columns()).stream().map(name -> name.replace("prediction", "y"))
                    .toList());
        }
        header.addAll(predictionColumns(predicted.columns()));
        try {
            AtomicFiles.write(out, stream -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                writer.append(String.join(",", header)).append(LINE_END);
                StringBuilder line = new StringBuilder();
                for (int row = 0; row < predicted.rows(); row++) {
                    line.setLength(0);
                    if (truth != null) {
                        append(line, truth, row);
                    }
                    append(line, predicted, row);
                    writer.append(line, 1, line.length()).append(LINE_END);
                }
                writer.flush();
            });
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the predictions " + out + ": " + e.getMessage(), e.getCause());
        }
    }

    private static INDArray flat(INDArray samples) {
        return samples.rank() == 2 ? samples
                : samples.reshape('c', samples.size(0), samples.length() / samples.size(0));
    }

    /** RFC 4180's line end. */
    private static final String LINE_END = "\r\n";

    /** A field as RFC 4180 writes it: quoted, quotes doubled, when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0 || !value.equals(value.strip())) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
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
