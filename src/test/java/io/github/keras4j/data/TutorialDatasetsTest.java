package io.github.keras4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.examples.Tutorial001LogicGates;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed files in datasets/ are exactly what the generator writes, and hold the tutorials' data. */
class TutorialDatasetsTest {

    private static final Path DATASETS = Path.of(TutorialDatasets.DEFAULT_DIRECTORY);

    @Test
    void committedFilesAreTheGeneratorsOutputByteForByte(@TempDir Path directory) throws IOException {
        List<Path> written = TutorialDatasets.write(directory);
        assertEquals(9, written.size());
        for (Path generated : written) {
            Path committed = DATASETS.resolve(generated.getFileName());
            assertTrue(Files.exists(committed), committed + " is not committed; run TutorialDatasets.main");
            assertArrayEquals(Files.readAllBytes(generated), Files.readAllBytes(committed),
                    committed + " differs from the generator's output; regenerate it with TutorialDatasets.main");
        }
    }

    @Test
    void generatorIsDeterministic() {
        assertEquals(TutorialDatasets.contents(), TutorialDatasets.contents());
    }

    @Test
    void xorFileIsTheTruthTable() throws IOException {
        assertEquals("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", Files.readString(DATASETS.resolve("xor.csv")));
    }

    @Test
    void gateFilesMatchTutorial001sTable() {
        for (String gate : new String[] {"AND", "OR", "NAND", "NOR", "XOR", "XNOR"}) {
            CsvData data = new CsvDataset(DATASETS.resolve(gate.toLowerCase(Locale.ROOT) + ".csv"))
                    .labelColumns("y").dtype("float64").load();
            assertEquals(List.of("x1", "x2"), data.featureColumns(), gate);
            assertArrayEquals(Tutorial001LogicGates.INPUTS, data.features().toDoubleMatrix(), gate);
            assertArrayEquals(Tutorial001LogicGates.GATES.get(gate), data.labels().toDoubleVector(), gate);
        }
    }

    @Test
    void numpyXorFileIsTutorial003sTable() {
        CsvData data = new CsvDataset(DATASETS.resolve("numpy_xor.csv")).labelColumns("y").dtype("float64").load();
        assertEquals(List.of("x1", "x2", "x3"), data.featureColumns());
        assertArrayEquals(new double[][] {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 0}},
                data.features().toDoubleMatrix());
        assertArrayEquals(new double[] {0, 1, 1, 0}, data.labels().toDoubleVector());
    }

    @Test
    void gaussianFilesHoldTutorial004sDrawsAndLabels() {
        CsvData train = new CsvDataset(DATASETS.resolve("gaussian_xor_train.csv")).labelColumns("label")
                .dtype("float64").load();
        CsvData test = new CsvDataset(DATASETS.resolve("gaussian_xor_test.csv")).labelColumns("label")
                .dtype("float64").load();
        assertEquals(List.of("x0", "x1"), train.featureColumns());
        assertEquals(TutorialDatasets.GAUSSIAN_XOR_TRAIN_ROWS, train.rows());
        assertEquals(TutorialDatasets.GAUSSIAN_XOR_TEST_ROWS, test.rows());

        // The training rows are the seed's first draws, the test rows the next ones, x0 then x1 per row.
        Random random = new Random(TutorialDatasets.GAUSSIAN_XOR_SEED);
        for (CsvData data : new CsvData[] {train, test}) {
            double[][] x = data.features().toDoubleMatrix();
            double[] label = data.labels().toDoubleVector();
            for (int i = 0; i < x.length; i++) {
                assertEquals(rounded(random.nextGaussian()), x[i][0], 0.0, "x0 of row " + i);
                assertEquals(rounded(random.nextGaussian()), x[i][1], 0.0, "x1 of row " + i);
                assertEquals(x[i][0] * x[i][1] > 0 ? 0.0 : 1.0, label[i], "label of row " + i);
            }
        }
        double meanX0 = train.features().getColumn(0).meanNumber().doubleValue();
        double stdX1 = train.features().getColumn(1).stdNumber().doubleValue();
        assertEquals(0.0, meanX0, 0.03);
        assertEquals(1.0, stdX1, 0.03);
        double ones = train.labels().sumNumber().doubleValue();
        assertTrue(ones > 4800 && ones < 5200, "about half the labels are 1: " + ones);
    }

    @Test
    void oneHotGaussianLabelsAreTheTutorialsY() {
        CsvData data = new CsvDataset(DATASETS.resolve("gaussian_xor_test.csv")).labelColumns("label").oneHot(2)
                .dtype("float64").load();
        double[][] x = data.features().toDoubleMatrix();
        double[][] y = data.labels().toDoubleMatrix();
        for (int i = 0; i < x.length; i++) {
            boolean sameSign = x[i][0] * x[i][1] > 0;
            assertArrayEquals(new double[] {sameSign ? 1 : 0, sameSign ? 0 : 1}, y[i], "row " + i);
        }
    }

    @Test
    void contentsNameEveryFileOnce() {
        Map<String, String> contents = TutorialDatasets.contents();
        assertEquals(List.of("xor.csv", "and.csv", "or.csv", "nand.csv", "nor.csv", "xnor.csv", "numpy_xor.csv",
                "gaussian_xor_train.csv", "gaussian_xor_test.csv"), List.copyOf(contents.keySet()));
        for (String text : contents.values()) {
            assertTrue(text.endsWith("\n") && !text.contains("\r"), "one \\n per line, including the last");
        }
    }

    private static double rounded(double value) {
        return new BigDecimal(value).setScale(TutorialDatasets.DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    }
}
