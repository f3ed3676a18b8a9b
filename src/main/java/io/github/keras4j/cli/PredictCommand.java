package io.github.keras4j.cli;

import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.run.ArrayFiles;
import io.github.keras4j.run.PredictionsCsv;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keras4j predict MODEL CSV -o OUT.csv}: Keras's {@code model.predict} from CSV to CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a trained model on a CSV file (header row; by default the first columns are "
                + "the model's inputs, any others labels) and write a CSV file: the input's columns, then "
                + "'prediction' (or prediction_0, prediction_1... for several outputs). Or on NumPy's .npz file "
                + "(arrays x and, if it has one, y) or .npy file (x): a row per sample, y's values, then the "
                + "predictions, each flattened."})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelCsvArguments input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.csv", required = true,
            description = "The CSV file to write.")
    Path output;

    @Override
    public Integer call() {
        Sequential loaded = input.loadModel();
        if (ModelArrays.applies(input.csv)) {
            ArrayFiles.Data data = ModelArrays.read(loaded, input.csv, input.labels, false);
            PredictionsCsv.write(output, data.y(), loaded.predict(data.x(), input.batchSize, input.verbose));
            System.out.println("predictions: " + output);
            return 0;
        }
        CsvDataset dataset = ModelCsv.dataset(loaded, input.csv, input.labels, false);
        INDArray predictions = loaded.predict(ModelCsv.features(loaded, dataset.load(), input.csv), input.batchSize,
                input.verbose);
        PredictionsCsv.write(output, dataset, predictions);
        System.out.println("predictions: " + output);
        return 0;
    }
}
