package io.github.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.StdoutCapture;
import io.github.keras4j.callbacks.CSVLogger;
import io.github.keras4j.callbacks.EarlyStopping;
import io.github.keras4j.callbacks.ModelCheckpoint;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.spark.transform.misc.StringToWritablesFunction;
import org.deeplearning4j.spark.datavec.DataVecDataSetFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tutorial 004 (gaussian XOR) trained in Spark local mode with DL4J's parameter averaging; the Keras semantics of
 * fit on Spark (log, History, callbacks, evaluate) and its errors. Gradient sharing is in
 * {@link SparkGradientSharingTest}: its parameter server lives as long as the JVM's Spark context.
 */
class SparkTrainingTest {

    private static final CsvData TRAIN = new CsvDataset("datasets/gaussian_xor_train.csv").labelColumns("label")
            .oneHot(2).load();
    private static final CsvData TEST = new CsvDataset("datasets/gaussian_xor_test.csv").labelColumns("label")
            .oneHot(2).load();

    private static JavaSparkContext context;
    private static Sequential trained;
    private static History trainedHistory;
    private static String trainedLog;

    @BeforeAll
    static void trainTutorial004WithParameterAveraging() {
        context = SparkMasters.start("local[2]", "SparkTrainingTest");
        trained = tutorial004Model(4);
        StdoutCapture.Captured<History> run = StdoutCapture.capture(() -> trained.fit(
                SparkTraining.averaging(context).distribute(TRAIN.features(), TRAIN.labels()),
                Fit.epochs(8).batchSize(100).verbose(2)));
        trainedHistory = run.value();
        trainedLog = run.output();
    }

    @AfterAll
    static void stopSpark() {
        context.close();
    }

    static Sequential tutorial004Model(long seed) {
        Sequential model = new Sequential().seed(seed);
        model.add(new Dense(4, "relu").inputDim(2));
        model.add(new Dense(4, "relu"));
        model.add(new Dense(2, "softmax"));
        model.compile(new SGD().momentum(0.99), "binary_crossentropy", "accuracy");
        return model;
    }

    static double accuracy(Sequential model, CsvData data) {
        INDArray predicted = model.predict(data.features(), 32, 0).argMax(1);
        INDArray truth = data.labels().argMax(1);
        return predicted.eq(truth).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    @Test
    void parameterAveragingLearnsTutorial004() {
        double accuracy = accuracy(trained, TEST);
        assertTrue(accuracy > 0.97, "test accuracy " + accuracy + " after 8 epochs of parameter averaging");
    }

    @Test
    void theEpochLogAndHistoryAreKeras() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), trainedHistory.epoch());
        assertEquals(List.of("loss", "accuracy"), List.copyOf(trainedHistory.history().keySet()));
        assertTrue(trainedLog.startsWith("Epoch 1/8\n100/100 - "), trainedLog);
        assertTrue(trainedLog.contains("Epoch 8/8\n100/100 - "), trainedLog);
        assertTrue(trainedLog.matches("(?s).*100/100 - \\d+m?s - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - "
                + "\\d+m?s/epoch - \\d+m?s/step\n.*"), trainedLog);
        // The logged values are the end-of-epoch model's over all the training data, as evaluate computes them.
        double[] trainScores = trained.evaluate(TRAIN.features(), TRAIN.labels(), 100, 0);
        assertEquals(trainScores[0], trainedHistory.get("loss").get(7), 1e-4);
        assertEquals(trainScores[1], trainedHistory.get("accuracy").get(7), 1e-9);
    }

    @Test
    void evaluateOnAnRddMatchesEvaluateOnArrays() {
        double[] onSpark = trained.evaluate(SparkTraining.averaging(context).distribute(TEST.features(),
                TEST.labels()));
        double[] local = trained.evaluate(TEST.features(), TEST.labels(), 32, 0);
        assertArrayEquals(local, onSpark, 1e-6);
    }

    @Test
    void aModelTrainedOnSparkSavesReloadsExportsAndPredictsTheSame(@TempDir Path folder) {
        Path file = folder.resolve("spark.keras4j");
        trained.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(trained.predict(TEST.features(), 32, 0).data().asDouble(),
                loaded.predict(TEST.features(), 32, 0).data().asDouble(), 1e-7);
        // Keras's to_json plus get_weights rebuild the same model, as a Python colleague would load it.
        String json = trained.toJson();
        Sequential fromJson = Sequential.fromJson(json);
        assertEquals(json, fromJson.toJson());
        fromJson.setWeights(trained.getWeights());
        assertArrayEquals(trained.predict(TEST.features(), 32, 0).data().asDouble(),
                fromJson.predict(TEST.features(), 32, 0).data().asDouble(), 1e-7);
    }

    @Test
    void earlyStoppingStopsAtTheEpochTheSingleMachineRulesSay() {
        Sequential model = tutorial004Model(11);
        EarlyStopping onSpark = new EarlyStopping().monitor("loss").minDelta(0.05).patience(1);
        History history = StdoutCapture.capture(() -> model.fit(
                SparkTraining.averaging(context).distribute(TRAIN.features(), TRAIN.labels()),
                Fit.epochs(20).batchSize(100).verbose(0).callbacks(onSpark))).value();
        List<Double> losses = history.get("loss");
        assertTrue(losses.size() < 20, "EarlyStopping(min_delta=0.05, patience=1) never stopped: " + losses);

        // The same rules, replayed on one machine over the logged losses, stop at the same epoch.
        Sequential replay = tutorial004Model(11);
        EarlyStopping rules = new EarlyStopping().monitor("loss").minDelta(0.05).patience(1);
        rules.setModel(replay);
        rules.onTrainBegin(Map.of());
        int stoppedAfter = -1;
        for (int epoch = 0; epoch < losses.size() && stoppedAfter < 0; epoch++) {
            rules.onEpochEnd(epoch, Map.of("loss", losses.get(epoch)));
            if (replay.stopTraining()) {
                stoppedAfter = epoch;
            }
        }
        assertEquals(losses.size() - 1, stoppedAfter, "losses " + losses);
    }

    @Test
    void trainsOnACsvFileTheExecutorsRead() {
        // Data too large for the driver: the executors read and parse the file with DataVec's Spark functions,
        // one row per DataSet; DL4J batches the rows for each worker.
        JavaRDD<String> lines = context.textFile("datasets/gaussian_xor_test.csv");
        String header = lines.first();
        JavaRDD<DataSet> rows = lines.filter(line -> !line.equals(header))
                .map(new StringToWritablesFunction(new CSVRecordReader()))
                .map(new DataVecDataSetFunction(2, 2, false));
        Sequential model = tutorial004Model(4);
        History history = StdoutCapture.capture(() -> model.fit(SparkTraining.averaging(context).distribute(rows),
                Fit.epochs(2).batchSize(100).verbose(0))).value();
        assertEquals(2, history.epoch().size());
        List<Double> losses = history.get("loss");
        assertTrue(losses.get(1) < losses.get(0), "losses " + losses);
        assertEquals(model.evaluate(TEST.features(), TEST.labels(), 100, 0)[0], losses.get(1), 1e-4);
    }

    @Test
    void modelCheckpointAndCsvLoggerWriteEachEpoch(@TempDir Path folder) throws java.io.IOException {
        Sequential model = tutorial004Model(6);
        Path checkpoint = folder.resolve("epoch{epoch:02d}.keras4j");
        Path csv = folder.resolve("history.csv");
        StdoutCapture.capture(() -> model.fit(
                SparkTraining.averaging(context).distribute(TRAIN.features(), TRAIN.labels()),
                Fit.epochs(2).batchSize(100).verbose(0).callbacks(new ModelCheckpoint(checkpoint.toString()),
                        new CSVLogger(csv))));
        List<String> rows = java.nio.file.Files.readAllLines(csv);
        // Keras's CSVLogger adds val_ columns (NA) when the first epoch has none.
        assertEquals(List.of("epoch,accuracy,loss,val_accuracy,val_loss"), rows.subList(0, 1));
        assertEquals(3, rows.size(), rows.toString());
        Sequential second = Sequential.load(folder.resolve("epoch02.keras4j"));
        assertArrayEquals(model.predict(TEST.features(), 32, 0).data().asDouble(),
                second.predict(TEST.features(), 32, 0).data().asDouble(), 1e-7);
        // The epoch count a checkpoint holds on one machine (counted after the epoch's callbacks), not DL4J Spark's.
        assertEquals(1, second.network().getEpochCount());
        assertTrue(java.nio.file.Files.isRegularFile(folder.resolve("epoch01.keras4j")));
    }

    @Test
    void validationDataAddsValLogs() {
        Sequential model = tutorial004Model(5);
        JavaRDD<DataSet> validation = context.parallelize(List.of(new DataSet(TEST.features(), TEST.labels())));
        History history = StdoutCapture.capture(() -> model.fit(
                SparkTraining.averaging(context).distribute(TRAIN.features(), TRAIN.labels())
                        .validationData(validation),
                Fit.epochs(1).batchSize(100).verbose(0))).value();
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"),
                List.copyOf(history.history().keySet()));
        double[] local = model.evaluate(TEST.features(), TEST.labels(), 32, 0);
        assertEquals(local[0], history.get("val_loss").get(0), 1e-6);
    }

    @Test
    void anRddWithTheWrongNumberOfColumnsIsAClearError() {
        Sequential model = tutorial004Model(1);
        JavaRDD<DataSet> threeColumns = context.parallelize(List.of(new DataSet(Nd4j.rand(DataType.FLOAT, 10, 3),
                Nd4j.rand(DataType.FLOAT, 10, 2))));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.fit(SparkTraining.averaging(context).distribute(threeColumns), Fit.epochs(1)));
        assertTrue(error.getMessage().contains("training RDD features") && error.getMessage().contains("3"),
                error.getMessage());

        JavaRDD<DataSet> threeLabels = context.parallelize(List.of(new DataSet(Nd4j.rand(DataType.FLOAT, 10, 2),
                Nd4j.rand(DataType.FLOAT, 10, 3))));
        error = assertThrows(IllegalArgumentException.class,
                () -> model.evaluate(SparkTraining.averaging(context).distribute(threeLabels)));
        assertTrue(error.getMessage().contains("evaluation RDD labels"), error.getMessage());
    }

    @Test
    void anEmptyRddIsAClearError() {
        Sequential model = tutorial004Model(1);
        JavaRDD<DataSet> empty = context.parallelize(List.<DataSet>of());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.fit(SparkTraining.averaging(context).distribute(empty), Fit.epochs(1)));
        assertEquals("the training RDD is empty: it has no DataSet to train on", error.getMessage());
    }

    @Test
    void fitOptionsSparkCannotHonourAreRefused() {
        Sequential model = tutorial004Model(1);
        SparkDataset data = SparkTraining.averaging(context).distribute(TRAIN.features(), TRAIN.labels());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> model.fit(data, Fit.epochs(1).validationSplit(0.2))).getMessage()
                .startsWith("validation_split is not supported on Spark"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> model.fit(data, Fit.epochs(1).classWeight(Map.of(0, 1.0, 1, 2.0)))).getMessage()
                .startsWith("sample_weight and class_weight are not supported on Spark"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> model.fit(data, Fit.epochs(1).shuffle(true))).getMessage()
                .startsWith("shuffle=true is not supported on Spark"));
    }

    @Test
    void trainingOptionsAreChecked() {
        SparkTraining averaging = SparkTraining.averaging(context);
        SparkTraining sharing = SparkTraining.sharing(context);
        assertThrows(IllegalArgumentException.class, () -> averaging.averagingFrequency(0));
        assertThrows(IllegalArgumentException.class, () -> sharing.threshold(0));
        assertThrows(IllegalArgumentException.class, () -> averaging.workers(0));
        assertThrows(IllegalArgumentException.class, () -> sharing.port(70000));
        // A setting the training master does not have would do nothing: it is an error.
        assertEquals("threshold is a setting of training master 'sharing', but the training master is 'averaging'",
                assertThrows(IllegalArgumentException.class, () -> averaging.threshold(1e-3)).getMessage());
        assertEquals("averaging_frequency is a setting of training master 'averaging', but the training master is "
                + "'sharing'", assertThrows(IllegalArgumentException.class, () -> sharing.averagingFrequency(5))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> averaging.port(40000));
        assertThrows(IllegalArgumentException.class, () -> averaging.networkMask("10.0.0.0/16"));
        assertEquals("SparkTraining(master=local[2], training_master=averaging, averaging_frequency=3)",
                averaging.averagingFrequency(3).toString());
    }
}
