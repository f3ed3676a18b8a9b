package io.github.keras4j.cli;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.run.PredictionsCsv;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keras4j predict MODEL CSV -o OUT.csv}: Keras's {@code model.predict} from CSV to CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a trained model on a CSV file (header row; by default the first columns are "
                + "the model's inputs, any others labels) and write a CSV file: the input's columns, then "
                + "'prediction' (or prediction_0, prediction_1... for several outputs)."})
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path model;

    @Parameters(index = "1", paramLabel = "CSV", description = "The CSV file of inputs.")
    Path csv;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.csv", required = true,
            description = "The CSV file to write.")
    Path output;

    @Option(names = "--labels", paramLabel = "COLUMN", split = ",", description = "Columns that are not inputs "
            + "(default: the columns after the model's inputs).")
    List<String> labels;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch (default: Keras's 32).")
    int batchSize = Fit.DEFAULT_BATCH_SIZE;

    @Option(names = "--verbose", paramLabel = "N", description = "0 silent, 1 progress bar (default: 1).")
    int verbose = 1;

    @Override
    public Integer call() {
        ModelInput.requireFile(model, "model file");
        ModelInput.requireFile(csv, "CSV file");
        Sequential loaded = ModelInput.load(model);
        CsvDataset dataset = ModelCsv.dataset(loaded, csv, labels, false);
        INDArray predictions = loaded.predict(dataset.load().features(), batchSize, verbose);
        PredictionsCsv.write(output, dataset, predictions);
        System.out.println("predictions: " + output);
        return 0;
    }
}
