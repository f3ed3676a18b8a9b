package io.github.keras4j.cli;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keras4j evaluate MODEL CSV}: Keras's {@code model.evaluate} on a CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model on a CSV file (header row; by default the first columns are the "
                + "model's inputs and the rest its labels) and print the loss and metrics, as Keras's "
                + "model.evaluate does."})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (e.g. runs/tutorial000_xor/"
            + "model.keras4j).")
    Path model;

    @Parameters(index = "1", paramLabel = "CSV", description = "The CSV file with features and labels.")
    Path csv;

    @Option(names = "--labels", paramLabel = "COLUMN", split = ",", description = "The label columns (default: the "
            + "columns after the model's inputs).")
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
        if (!loaded.isCompiled()) {
            throw new IllegalArgumentException(model + " holds a model that was never compiled, so it has no loss "
                    + "to evaluate; train it first");
        }
        CsvData data = ModelCsv.dataset(loaded, csv, labels, true).load();
        double[] scores = loaded.evaluate(data.features(), data.labels(), batchSize, verbose);
        System.out.println(TrainCommand.scores(loaded.metricsNames(), scores));
        return 0;
    }
}
