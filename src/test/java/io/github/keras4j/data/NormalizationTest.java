package io.github.keras4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.factory.Nd4j;

/** Feature normalization fitted on the file in one streaming pass, applied to batches, loads and new data. */
class NormalizationTest {

    private static final Path TRAIN = Path.of("datasets", "gaussian_xor_train.csv");
    private static final Path TEST = Path.of("datasets", "gaussian_xor_test.csv");

    @TempDir
    Path directory;

    private static CsvDataset train() {
        return new CsvDataset(TRAIN).labelColumns("label").oneHot(2).batchSize(128).dtype("float64");
    }

    /** The file's features as they are, one row per sample. */
    private static double[][] raw(Path file) {
        return new CsvDataset(file).labelColumns("label").dtype("float64").load().features().toDoubleMatrix();
    }

    @Test
    void standardizeFitsThePopulationMeanAndStandardDeviation() {
        NormalizerStandardize normalizer = assertInstanceOf(NormalizerStandardize.class,
                train().normalize(Normalization.STANDARDIZE).normalizer());
        double[][] x = raw(TRAIN);
        for (int column = 0; column < 2; column++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[column];
            }
            double mean = sum / x.length;
            double squares = 0;
            for (double[] row : x) {
                squares += (row[column] - mean) * (row[column] - mean);
            }
            double std = Math.sqrt(squares / x.length);
            assertEquals(mean, normalizer.getMean().getDouble(column), 1e-9, "mean of column " + column);
            assertEquals(std, normalizer.getStd().getDouble(column), 1e-7 * std, "population std of " + column);
        }
    }

    @Test
    void iteratorBatchesAndLoadAreStandardizedAlike() {
        CsvDataset dataset = train().normalize(Normalization.STANDARDIZE);
        NormalizerStandardize normalizer = (NormalizerStandardize) dataset.normalizer();
        List<INDArray> batches = new ArrayList<>();
        try (CsvDataSetIterator iterator = dataset.iterator()) {
            assertSame(normalizer, iterator.getPreProcessor());
            while (iterator.hasNext()) {
                batches.add(iterator.next().getFeatures());
            }
        }
        INDArray streamed = Nd4j.vstack(batches.toArray(new INDArray[0]));
        INDArray loaded = dataset.load().features();
        assertEquals(loaded, streamed);

        double[][] x = raw(TRAIN);
        double mean0 = normalizer.getMean().getDouble(0);
        double std0 = normalizer.getStd().getDouble(0);
        for (int row = 0; row < x.length; row += 997) {
            assertEquals((x[row][0] - mean0) / std0, loaded.getDouble(row, 0), 1e-12, "row " + row);
        }
        assertEquals(0.0, loaded.mean(0).getDouble(1), 1e-9);
        assertEquals(1.0, loaded.std(false, 0).getDouble(1), 1e-7);
    }

    @Test
    void minMaxScalesEachColumnIntoZeroOne() {
        CsvDataset dataset = train().normalize(Normalization.MIN_MAX);
        NormalizerMinMaxScaler normalizer = assertInstanceOf(NormalizerMinMaxScaler.class, dataset.normalizer());
        INDArray raw = Nd4j.createFromArray(raw(TRAIN));
        assertEquals(raw.min(0).getDouble(0), normalizer.getMin().getDouble(0));
        assertEquals(raw.max(0).getDouble(1), normalizer.getMax().getDouble(1));
        INDArray scaled = dataset.load().features();
        assertArrayEquals(new double[] {0, 0}, scaled.min(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {1, 1}, scaled.max(0).toDoubleVector(), 1e-12);
    }

    @Test
    void labelsAreNeverNormalized() {
        for (Normalization normalization : Normalization.values()) {
            CsvDataset dataset = new CsvDataset(Csv.numbered(directory, "n.csv", 9)).labelColumns("b")
                    .dtype("float64").normalize(normalization);
            assertArrayEquals(new double[] {0, 10, 20, 30, 40, 50, 60, 70, 80},
                    dataset.load().labels().toDoubleVector(), normalization.kerasName());
            try (CsvDataSetIterator iterator = dataset.iterator()) {
                assertEquals(0.0, iterator.next().getLabels().getDouble(0, 0));
            }
        }
    }

    @Test
    void theTrainingNormalizerScalesTestAndPredictionData() {
        CsvDataset train = train().normalize(Normalization.STANDARDIZE);
        DataNormalization fitted = train.normalizer();
        CsvDataset test = new CsvDataset(TEST).labelColumns("label").oneHot(2).dtype("float64").normalize(fitted);
        assertSame(fitted, test.normalizer(), "the test file is scaled with the training statistics, not its own");
        assertEquals(Normalization.STANDARDIZE, test.normalization());

        // What the model does at predict time with the normalizer it stored: transform a copy of the input.
        INDArray input = Nd4j.createFromArray(raw(TEST));
        INDArray scaled = input.dup();
        fitted.transform(scaled);
        assertEquals(scaled, test.load().features());
        NormalizerStandardize standardize = (NormalizerStandardize) fitted;
        assertEquals((input.getDouble(7, 1) - standardize.getMean().getDouble(1)) / standardize.getStd().getDouble(1),
                scaled.getDouble(7, 1), 1e-12);
        // In float32 too: the statistics are cast to the input's type.
        INDArray floats = input.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        fitted.transform(floats);
        assertEquals(scaled.getDouble(7, 1), floats.getDouble(7, 1), 1e-6);
    }

    @Test
    void aGivenNormalizerSurvivesOtherOptions() {
        DataNormalization fitted = train().normalize(Normalization.MIN_MAX).normalizer();
        CsvDataset test = new CsvDataset(TEST).normalize(fitted).labelColumns("label").batchSize(7).dtype("float32");
        assertSame(fitted, test.normalizer());
        assertEquals(Normalization.NONE, test.normalize(Normalization.NONE).normalization());
        assertEquals(null, test.normalize(Normalization.NONE).normalizer());
    }

    @Test
    void theNormalizerIsFittedOncePerDataset() {
        CsvDataset dataset = train().normalize("standardize");
        DataNormalization first = dataset.normalizer();
        assertSame(first, dataset.normalizer());
        try (CsvDataSetIterator iterator = dataset.iterator()) {
            assertSame(first, iterator.getPreProcessor());
        }
        DataNormalization copy = dataset.batchSize(1000).normalizer();
        assertNotSame(first, copy, "a changed copy fits its own");
        assertEquals(((NormalizerStandardize) first).getMean().getDouble(0),
                ((NormalizerStandardize) copy).getMean().getDouble(0), 1e-12);
    }

    @Test
    void theFittedNormalizerSurvivesNd4jsSerializer() throws Exception {
        DataNormalization fitted = train().normalize(Normalization.STANDARDIZE).normalizer();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NormalizerSerializer.getDefault().write(fitted, bytes);
        DataNormalization restored = NormalizerSerializer.getDefault()
                .restore(new ByteArrayInputStream(bytes.toByteArray()));
        INDArray a = Nd4j.createFromArray(new double[][] {{0.5, -1.5}});
        INDArray b = a.dup();
        fitted.transform(a);
        restored.transform(b);
        assertEquals(a, b);
    }

    @Test
    void aConstantColumnBecomesZero() {
        Path file = Csv.write(directory, "constant.csv", "x,k,y", "1,5,0", "2,5,1", "4,5,0");
        for (Normalization normalization : new Normalization[] {Normalization.STANDARDIZE, Normalization.MIN_MAX}) {
            INDArray x = new CsvDataset(file).labelColumns("y").dtype("float64").normalize(normalization).load()
                    .features();
            assertArrayEquals(new double[] {0, 0, 0}, x.getColumn(1).toDoubleVector(), 1e-12,
                    normalization.kerasName());
        }
    }

    @Test
    void aGivenNormalizerMustFitThisDataset() {
        Path narrow = Csv.write(directory, "narrow.csv", "x,y", "1,0", "2,1");
        Path wide = Csv.write(directory, "wide.csv", "a,b,c,y", "1,2,3,0", "2,3,4,1");
        DataNormalization fittedOnOne = new CsvDataset(narrow).labelColumns("y").normalize(Normalization.STANDARDIZE)
                .normalizer();
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> new CsvDataset(wide).labelColumns("y").normalize(fittedOnOne).iterator());
        assertEquals("the normalizer given to normalize() cannot scale the 3 feature columns [a, b, c] of " + wide
                + ": it was fitted on 1 feature", wrongWidth.getMessage());

        IllegalArgumentException unfitted = assertThrows(IllegalArgumentException.class,
                () -> new CsvDataset(narrow).labelColumns("y").normalize(new NormalizerStandardize()).load());
        assertTrue(unfitted.getMessage().startsWith("the normalizer given to normalize() cannot scale the 1 feature "
                + "columns [x] of " + narrow + " (is it fitted?): "), unfitted.getMessage());

        NormalizerStandardize scalesLabels = new NormalizerStandardize();
        scalesLabels.fitLabel(true);
        scalesLabels.fit(new DataSet(Nd4j.createFromArray(new double[][] {{1}, {2}}),
                Nd4j.createFromArray(new double[][] {{0}, {1}})));
        assertEquals("the normalizer given to normalize() also scales labels (fitLabel(true)); labels are never "
                + "normalized", assertThrows(IllegalArgumentException.class,
                        () -> new CsvDataset(narrow).labelColumns("y").normalize(scalesLabels)).getMessage());

        assertEquals("only ND4J's NormalizerStandardize and NormalizerMinMaxScaler can scale a CsvDataset, received: "
                + ImagePreProcessingScaler.class.getName(), assertThrows(IllegalArgumentException.class,
                        () -> new CsvDataset(narrow).normalize(new ImagePreProcessingScaler())).getMessage());
    }
}
