package io.github.keras4j.cli;

import io.github.keras4j.Model;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.run.ImageRows;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file read for a model on the command line. Without {@code --labels}, the file's layout is the datasets'
 * convention: the first columns are the model's inputs, the columns after them its labels. One label column for a
 * model with several outputs (and a loss that does not take class indices) holds classes, one-hot encoded. For a model
 * taking images, each row's inputs are one image, row by row ({@link ImageRows}).
 */
final class ModelCsv {

    private ModelCsv() {
    }

    /** The features of {@code data}, read from {@code file}, as the model's samples (images reshaped). */
    static org.nd4j.linalg.api.ndarray.INDArray features(Model model, CsvData data, Path file) {
        return ImageRows.features(model, data.features(), file, "--labels");
    }

    static CsvDataset dataset(Model model, Path file, List<String> labels, boolean needLabels) {
        ModelInput.requireFile(file, "CSV file");
        CsvDataset dataset = new CsvDataset(file).dtype(model.layers().get(0).dtype());
        long inputs = ImageRows.valuesPerSample(model);
        List<String> header = dataset.header();
        if (labels != null && !labels.isEmpty()) {
            dataset = dataset.labelColumns(labels.toArray(new String[0]));
        } else if (header.size() > inputs) {
            dataset = dataset.labelColumns(header.subList((int) inputs, header.size()).toArray(new String[0]));
        }
        if (dataset.featureCount() != inputs) {
            String takes = ImageRows.needed(model)
                    ? "images of shape " + model.inputShapeOf() + ", " + inputs + " values per row"
                    : inputs + " inputs";
            throw new IllegalArgumentException(file + " has " + dataset.featureCount() + " feature columns "
                    + dataset.featureColumns() + " but the model takes " + takes + "; name the label columns with "
                    + "--labels");
        }
        if (needLabels && dataset.labelColumns().isEmpty()) {
            throw new IllegalArgumentException(file + " has no label columns: its " + header.size() + " columns "
                    + header + " are the model's " + inputs + " inputs");
        }
        boolean sparse = model.isCompiled() && model.loss().sparseLabels();
        if (dataset.labelColumns().size() == 1 && model.outputUnits() > 1 && !sparse) {
            dataset = dataset.oneHot(model.outputUnits());
        }
        return dataset;
    }
}
