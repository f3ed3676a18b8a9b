package io.github.keras4j.cli;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments that {@code evaluate} and {@code predict} share: a model file, a CSV file and how to read it. */
final class ModelCsvArguments {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file: keras4j's (e.g. "
            + "runs/tutorial000_xor/model.keras4j) or a Keras .h5/.keras file.")
    Path model;

    @Parameters(index = "1", paramLabel = "CSV", description = "The CSV file (header row), "
            + "or NumPy's .npz (arrays x, y) or .npy (x) file.")
    Path csv;

    @Option(names = "--labels", paramLabel = "COLUMN", split = ",", description = "The label columns, which are not "
            + "inputs (default: the columns after the model's inputs).")
    List<String> labels;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch (default: Keras's 32).")
    int batchSize = Fit.DEFAULT_BATCH_SIZE;

    @Option(names = "--verbose", paramLabel = "N", description = "0 silent, 1 progress bar (default: 1).")
    int verbose = 1;

    /** The model, once both files are known to exist. */
    Sequential loadModel() {
        ModelInput.requireFile(model, "model file");
        ModelInput.requireFile(csv, ModelArrays.applies(csv) ? "NumPy file" : "CSV file");
        return ModelInput.load(model);
    }
}
