package io.github.keras4j.run;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Model;
import io.github.keras4j.callbacks.CSVLogger;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
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
        CsvData train = ImageRows.shaped(model, data.loadTrain(dtype), data.train());
        Fit fit = config.fitOptions();
        if (data.validation() != null) {
            CsvData validation = ImageRows.shaped(model, data.dataset(data.validation(), dtype).load(),
                    data.validation());
            fit = fit.validationData(validation.features(), validation.labels());
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
            history = model.fit(train.features(), train.labels(), fit);
        } else {
            SparkClasspath.require();
            history = SparkFit.fit(config.spark(), config.name(), model, train.features(), train.labels(), fit);
        }

        double[] testScores = null;
        CsvDataset predicted = data.dataset(data.train(), dtype);
        INDArray predictionInput = train.features();
        INDArray predictionLabels = train.labels();
        if (data.test() != null) {
            predicted = data.dataset(data.test(), dtype);
            CsvData test = ImageRows.shaped(model, predicted.load(), data.test());
            testScores = model.evaluate(test.features(), test.labels(), config.batchSize(),
                    config.verbose() == 0 ? 0 : 1);
            predictionInput = test.features();
            predictionLabels = test.labels();
        }
        INDArray predictions = model.predict(predictionInput, config.batchSize(), 0);
        PredictionsCsv.write(config.predictionsOutput(), predicted, predictions);
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
    private static RepresentationRecorder recorder(Model model, CsvData train, int epochs, List<String> notes) {
        if (model.layers().size() - (model.normalization() != null ? 1 : 0) < 2) {
            notes.add("no representation pictures: the model has no hidden layer");
            return null;
        }
        if (ImageRows.needed(model)) {
            notes.add("no representation pictures: they show models of feature vectors, and this one takes images");
            return null;
        }
        long rows = Math.min(RECORDED_ROWS, train.features().rows());
        INDArrayIndex first = NDArrayIndex.interval(0, rows);
        try {
            return new RepresentationRecorder(train.features().get(first, NDArrayIndex.all()),
                    train.labels().get(first, NDArrayIndex.all())).every(Math.max(1, epochs / RECORDED_SNAPSHOTS));
        } catch (IllegalArgumentException notClasses) {
            notes.add("no representation pictures: " + notClasses.getMessage());
            return null;
        }
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
