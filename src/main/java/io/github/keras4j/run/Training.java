package io.github.keras4j.run;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Model;
import io.github.keras4j.callbacks.CSVLogger;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.Normalization;
import io.github.keras4j.internal.OptionalDependency;
import io.github.keras4j.spark.SparkClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.github.keras4j.plot.RepresentationRecorder;
import io.github.keras4j.plot.TrainingPlots;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs a {@link RunConfig} as a Keras script would: build and compile the model, read the CSV files into arrays,
 * {@code fit} (Keras's logs on standard output), {@code evaluate} on the test file if there is one, {@code predict}
 * on the test file (else the training file), and save the model, the History (as {@link CSVLogger} writes it,
 * epoch by epoch) and the predictions; and, when the config asks for a plots folder, the pictures of training
 * ({@link TrainingPlots}: history, decision regions of the predicted data, the hidden representation over the
 * epochs).
 */
public final class Training {

    /** How many training rows the representation pictures show. */
    static final int RECORDED_ROWS = 500;
    /** About how many snapshots of the representation a run records. */
    static final int RECORDED_SNAPSHOTS = 100;

    private Training() {
    }

    /** Trains the run and writes its outputs. */
    public static TrainedRun run(RunConfig config) {
        config.requireOutputsInside();
        if (config.plotsOutput() != null) {
            OptionalDependency.XCHART.require(); // before training, not after it
        }
        Model model = config.compiledModel();
        String dtype = model.layers().get(0).dtype();
        DataConfig data = config.data();
        if (data.normalization() != Normalization.NONE && ImageRows.needed(model)) {
            // A feature normalizer scales columns of feature vectors; ND4J's would take the images' axis 1 for
            // their channels.
            throw new IllegalArgumentException(config.source() + ": data.normalization '"
                    + data.normalization().kerasName() + "' scales feature vectors, but the model takes images of "
                    + "shape " + model.inputShapeOf() + "; scale the pixels in the CSV files and "
                    + "use \"none\"");
        }
        // The training file's statistics become a Normalization layer in front of the model, which scales every x
        // it is given (train, validation, test and prediction arrays alike), so the arrays are read unscaled.
        io.github.keras4j.layers.Normalization normalization = data.normalizationLayer(dtype);
        if (normalization != null) {
            model.normalization(normalization);
        }
        ArrayFiles.Data train = split(model, data, data.train(), data.trainArrays(), dtype);
        // Test data are read before training, so that a broken file fails before the hours of fit.
        ArrayFiles.Data test = data.test() == null ? null : split(model, data, data.test(), data.testArrays(), dtype);
        Fit fit = config.fitOptions();
        if (data.validation() != null) {
            ArrayFiles.Data validation = split(model, data, data.validation(), data.validationArrays(), dtype);
            fit = fit.validationData(validation.x(), validation.y());
        }
        createParent(config.historyOutput());
        List<Callback> callbacks = new ArrayList<>(fit.callbacks());
        callbacks.add(new CSVLogger(config.historyOutput()));
        List<String> notes = new ArrayList<>();
        RepresentationRecorder recorder = config.plotsOutput() == null ? null
                : recorder(model, train, fit.epochs(), notes);
        if (recorder != null) {
            callbacks.add(recorder);
        }
        fit = fit.callbacks(callbacks);

        History history;
        if (config.spark() == null) {
            history = model.fit(train.x(), train.y(), fit);
        } else {
            SparkClasspath.require();
            history = SparkFit.fit(config.spark(), config.name(), model, train.x(), train.y(), fit);
        }

        double[] testScores = null;
        Path predictedFile = data.train();
        INDArray predictionInput = train.x();
        INDArray predictionLabels = train.y();
        if (test != null) {
            predictedFile = data.test();
            testScores = model.evaluate(test.x(), test.y(), config.batchSize(),
                    config.verbose() == 0 ? 0 : 1);
            predictionInput = test.x();
            predictionLabels = test.y();
        }
        INDArray predictions = model.predict(predictionInput, config.batchSize(), 0);
        if (data.isArrays()) {
            PredictionsCsv.write(config.predictionsOutput(), predictionLabels, predictions);
        } else {
            PredictionsCsv.write(config.predictionsOutput(), data.dataset(predictedFile, dtype), predictions);
        }
        createParent(config.modelOutput());
        model.save(config.modelOutput());
        List<Path> plots = List.of();
        if (config.plotsOutput() != null) {
            if (!TrainingPlots.drawsDecisionRegions(model)) {
                notes.add("decision regions are drawn for classifiers of 2 input features only");
            }
            plots = TrainingPlots.writeAll(model, history, predictionInput, predictionLabels, recorder,
                    config.plotsOutput());
        }
        return new TrainedRun(config, model, history, testScores, config.modelOutput(), config.historyOutput(),
                config.predictionsOutput(), plots, notes);
    }

    /**
     * The recorder of the hidden representation for the pictures: the first {@value #RECORDED_ROWS} training rows,
     * about {@value #RECORDED_SNAPSHOTS} snapshots over the run; null (with a note saying why) when the model has no
     * hidden layer or its labels are not classes.
     */
    private static RepresentationRecorder recorder(Model model, ArrayFiles.Data train, int epochs,
            List<String> notes) {
        if (model.layers().size() - (model.normalization() != null ? 1 : 0) < 2) {
            notes.add("no representation pictures: the model has no hidden layer");
            return null;
        }
        if (ImageRows.needed(model)) {
            notes.add("no representation pictures: they show models of feature vectors, and this one takes "
                    + (model.inputShapeOf().isSequence() ? "sequences" : "images"));
            return null;
        }
        long rows = Math.min(RECORDED_ROWS, train.x().rows());
        INDArrayIndex first = NDArrayIndex.interval(0, rows);
        try {
            return new RepresentationRecorder(train.x().get(first, NDArrayIndex.all()),
                    train.y().get(first, NDArrayIndex.all())).every(Math.max(1, epochs / RECORDED_SNAPSHOTS));
        } catch (IllegalArgumentException notClasses) {
            notes.add("no representation pictures: " + notClasses.getMessage());
            return null;
        }
    }

    /** One data file's x and y: NumPy's arrays checked against the model, or a CSV file's, reshaped for images. */
    private static ArrayFiles.Data split(Model model, DataConfig data, Path file, ArrayFiles arrays,
            String dtype) {
        if (arrays != null) {
            return arrays.load(model, data.oneHot(), dtype);
        }
        CsvData csv = ImageRows.shaped(model, data.dataset(file, dtype).load(), file);
        return new ArrayFiles.Data(csv.features(), csv.labels());
    }

    private static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + parent + ": " + e.getMessage(), e);
        }
    }
}
