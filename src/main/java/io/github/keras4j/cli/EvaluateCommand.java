package io.github.keras4j.cli;

import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.run.ArrayFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keras4j evaluate MODEL CSV}: Keras's {@code model.evaluate} on a CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model on a CSV file (header row; by default the first columns are the "
                + "model's inputs and the rest its labels), or on NumPy's .npz file holding arrays x and y, and print "
                + "the loss and metrics, as Keras's model.evaluate does."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelCsvArguments input;

    @Override
    public Integer call() {
        Sequential loaded = input.loadModel();
        if (!loaded.isCompiled()) {
            throw new IllegalArgumentException(input.model + " holds a model that was never compiled, so it has no loss "
                    + "to evaluate; train it first");
        }
        double[] scores;
        if (ModelArrays.applies(input.csv)) {
            ArrayFiles.Data data = ModelArrays.read(loaded, input.csv, input.labels, true);
            scores = loaded.evaluate(data.x(), data.y(), input.batchSize, input.verbose);
        } else {
            CsvData data = ModelCsv.dataset(loaded, input.csv, input.labels, true).load();
            scores = loaded.evaluate(ModelCsv.features(loaded, data, input.csv), data.labels(), input.batchSize,
                    input.verbose);
        }
        System.out.println(TrainCommand.scores(loaded.metricsNames(), scores));
        return 0;
    }
}
