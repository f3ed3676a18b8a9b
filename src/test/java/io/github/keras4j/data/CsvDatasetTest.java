package io.github.keras4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/** Column selection, label encodings, batches and resets of {@link CsvDataset}. */
class CsvDatasetTest {

    @TempDir
    Path directory;

    @Test
    void defaultsAreEveryColumnAsFeaturesNumericLabelsBatch32AndFloatx() {
        Path file = Csv.numbered(directory, "n.csv", 5);
        CsvDataset dataset = new CsvDataset(file);
        assertEquals(List.of("a", "b", "c", "label"), dataset.header());
        assertEquals(List.of("a", "b", "c", "label"), dataset.featureColumns());
        assertEquals(List.of(), dataset.labelColumns());
        assertEquals(',', dataset.delimiter());
        assertEquals(32, dataset.batchSize());
        assertEquals(Backend.floatx(), dataset.dtype());
        assertEquals(LabelEncoding.NUMERIC, dataset.labelEncoding());
        assertEquals(Normalization.NONE, dataset.normalization());
        assertNull(dataset.normalizer());

        CsvDataset labelled = dataset.labelColumns("label");
        assertEquals(List.of("a", "b", "c"), labelled.featureColumns(), "features: every column not a label");
        assertEquals(List.of("label"), labelled.labelColumns());
        assertEquals(List.of("a", "b", "c", "label"), dataset.featureColumns(), "setters return copies");
        assertNotSame(dataset, labelled);
    }

    @Test
    void featuresOnlyDatasetHasNoLabels() {
        CsvData data = new CsvDataset(Csv.numbered(directory, "n.csv", 3)).dtype("float64").load();
        assertNull(data.labels());
        assertArrayEquals(new double[][] {{0, 0, 0, 0}, {1, 10, -1, 1}, {2, 20, -2, 2}},
                data.features().toDoubleMatrix());
        try (CsvDataSetIterator iterator = new CsvDataset(Csv.numbered(directory, "m.csv", 3)).iterator()) {
            DataSet batch = iterator.next();
            assertNull(batch.getLabels());
            assertEquals(0, iterator.totalOutcomes());
        }
    }

    @Test
    void columnsByNameInTheGivenOrder() {
        CsvData data = new CsvDataset(Csv.numbered(directory, "n.csv", 3)).featureColumns("c", "a")
                .labelColumns("b").dtype("float64").load();
        assertEquals(List.of("c", "a"), data.featureColumns());
        assertEquals(List.of("b"), data.labelColumns());
        assertArrayEquals(new double[][] {{0, 0}, {-1, 1}, {-2, 2}}, data.features().toDoubleMatrix());
        assertArrayEquals(new double[][] {{0}, {10}, {20}}, data.labels().toDoubleMatrix());
    }

    @Test
    void columnsByIndexFromZeroInTheGivenOrder() {
        CsvDataset dataset = new CsvDataset(Csv.numbered(directory, "n.csv", 3)).featureColumns(2, 0)
                .labelColumns(3, 1).dtype("float64");
        assertEquals(List.of("c", "a"), dataset.featureColumns());
        assertEquals(List.of("label", "b"), dataset.labelColumns());
        CsvData data = dataset.load();
        assertArrayEquals(new double[][] {{0, 0}, {-1, 1}, {-2, 2}}, data.features().toDoubleMatrix());
        assertArrayEquals(new double[][] {{0, 0}, {1, 10}, {2, 20}}, data.labels().toDoubleMatrix());
    }

    @Test
    void labelsByIndexLeaveTheOtherColumnsAsFeatures() {
        CsvDataset dataset = new CsvDataset(Csv.numbered(directory, "n.csv", 3)).labelColumns(1);
        assertEquals(List.of("a", "c", "label"), dataset.featureColumns());
    }

    @Test
    void oneHotByClassCount() {
        CsvDataset dataset = new CsvDataset(Csv.numbered(directory, "n.csv", 4)).labelColumns("label").oneHot(3);
        assertEquals(LabelEncoding.ONE_HOT, dataset.labelEncoding());
        assertEquals(3, dataset.labelCount());
        CsvData data = dataset.load();
        assertArrayEquals(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}},
                data.labels().toDoubleMatrix());
        try (CsvDataSetIterator iterator = dataset.iterator()) {
            assertEquals(3, iterator.totalOutcomes());
            assertEquals(List.of("0", "1", "2"), iterator.getLabels());
        }
    }

    @Test
    void oneHotByClassNamesInTheGivenOrder() {
        Path file = Csv.write(directory, "iris.csv", "length,width,species", "5.1,3.5,setosa",
                "7.0,3.2,versicolor", "6.3,3.3,virginica", "4.9,3.0,setosa");
        CsvDataset dataset = new CsvDataset(file).labelColumns("species").oneHot("virginica", "setosa",
                "versicolor");
        assertEquals(List.of("virginica", "setosa", "versicolor"), dataset.classNames());
        CsvData data = dataset.dtype("float64").load();
        assertArrayEquals(new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
                data.labels().toDoubleMatrix());
        assertArrayEquals(new double[][] {{5.1, 3.5}, {7.0, 3.2}, {6.3, 3.3}, {4.9, 3.0}},
                data.features().toDoubleMatrix());
        try (CsvDataSetIterator iterator = dataset.iterator()) {
            assertEquals(List.of("virginica", "setosa", "versicolor"), iterator.getLabels());
        }
    }

    @Test
    void sparseLabelsAreTheNumbersAsTheyAre() {
        CsvData numeric = new CsvDataset(Csv.numbered(directory, "n.csv", 4)).labelColumns("label").load();
        assertArrayEquals(new double[] {0, 1, 2, 0}, numeric.labels().toDoubleVector());
        assertEquals(1, numeric.labels().columns());
    }

    @Test
    void classIndicesByCountAndByName() {
        CsvDataset counted = new CsvDataset(Csv.numbered(directory, "n.csv", 4)).labelColumns("label")
                .classIndices(3);
        assertEquals(1, counted.labelCount());
        assertArrayEquals(new double[] {0, 1, 2, 0}, counted.load().labels().toDoubleVector());

        Path file = Csv.write(directory, "animals.csv", "weight,kind", "4,cat", "30,dog", "5,cat");
        CsvDataset named = new CsvDataset(file).labelColumns("kind").classIndices("dog", "cat");
        assertArrayEquals(new double[][] {{1}, {0}, {1}}, named.load().labels().toDoubleMatrix());
        assertEquals(List.of("dog", "cat"), named.classLabels());
    }

    @Test
    void numericLabelsUndoAnEncoding() {
        CsvDataset dataset = new CsvDataset(Csv.numbered(directory, "n.csv", 4)).labelColumns("label").oneHot(3)
                .numericLabels();
        assertEquals(LabelEncoding.NUMERIC, dataset.labelEncoding());
        assertEquals(1, dataset.load().labels().columns());
    }

    @Test
    void batchesHoldBatchSizeRowsAndTheLastOneTheRest() {
        CsvDataset dataset = new CsvDataset(Csv.numbered(directory, "n.csv", 10)).labelColumns("label")
                .batchSize(4).dtype("float64");
        try (CsvDataSetIterator iterator = dataset.iterator()) {
            assertEquals(4, iterator.batch());
            assertEquals(3, iterator.inputColumns());
            List<Integer> sizes = new ArrayList<>();
            List<Double> firstColumn = new ArrayList<>();
            while (iterator.hasNext()) {
                DataSet batch = iterator.next();
                sizes.add(batch.getFeatures().rows());
                assertEquals(batch.getFeatures().rows(), batch.getLabels().rows());
                for (double value : batch.getFeatures().getColumn(0).toDoubleVector()) {
                    firstColumn.add(value);
                }
            }
            assertEquals(List.of(4, 4, 2), sizes);
            assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0), firstColumn, "file order");
            assertFalse(iterator.hasNext());
            assertThrows(NoSuchElementException.class, iterator::next);
        }
    }

    @Test
    void nextWithACountReadsThatManyRows() {
        try (CsvDataSetIterator iterator = new CsvDataset(Csv.numbered(directory, "n.csv", 10))
                .labelColumns("label").batchSize(4).iterator()) {
            assertEquals(7, iterator.next(7).numExamples());
            assertEquals(8L, iterator.line(), "header and 7 rows read");
            assertEquals(3, iterator.next(7).numExamples());
            assertThrows(IllegalArgumentException.class, () -> iterator.next(0));
        }
    }

    @Test
    void resetGivesTheSameBatchesAgain() {
        CsvDataset dataset = new CsvDataset(Csv.numbered(directory, "n.csv", 11)).labelColumns("label").oneHot(3)
                .batchSize(5);
        try (CsvDataSetIterator iterator = dataset.iterator()) {
            assertTrue(iterator.resetSupported());
            List<DataSet> first = drain(iterator);
            iterator.reset();
            List<DataSet> second = drain(iterator);
            assertEquals(3, first.size());
            assertEquals(first, second);
            iterator.reset();
            iterator.next();
            iterator.reset();
            assertEquals(first, drain(iterator), "reset in the middle starts at the first row");
        }
    }

    @Test
    void dtypeSetsTheArraysType() {
        Path file = Csv.numbered(directory, "n.csv", 3);
        CsvDataset dataset = new CsvDataset(file).labelColumns("label");
        assertEquals(DataType.DOUBLE, dataset.dtype("float64").load().features().dataType());
        assertEquals(DataType.FLOAT, dataset.dtype("float32").load().labels().dataType());
        try (CsvDataSetIterator iterator = dataset.dtype("float64").iterator()) {
            DataSet batch = iterator.next();
            assertEquals(DataType.DOUBLE, batch.getFeatures().dataType());
            assertEquals(DataType.DOUBLE, batch.getLabels().dataType());
        }
    }

    @Test
    void dtypeDefaultsToFloatxAtCreation() {
        Path file = Csv.numbered(directory, "n.csv", 3);
        String previous = Backend.floatx();
        try {
            Backend.setFloatx("float64");
            CsvDataset created = new CsvDataset(file);
            Backend.setFloatx("float32");
            assertEquals("float64", created.dtype());
            assertEquals(DataType.DOUBLE, created.load().features().dataType());
            assertEquals("float32", new CsvDataset(file).dtype());
        } finally {
            Backend.setFloatx(previous);
        }
    }

    @Test
    void otherDelimitersQuotesAndSpacesAroundNumbers() {
        Path file = Csv.write(directory, "semicolon.csv", "\"x 1\";x2;y", "\"1.5\"; 2 ;0", "-3e-1;+4.;1");
        CsvDataset dataset = new CsvDataset(file).delimiter(';').labelColumns("y").dtype("float64");
        assertEquals(List.of("x 1", "x2", "y"), dataset.header());
        CsvData data = dataset.load();
        assertArrayEquals(new double[][] {{1.5, 2}, {-0.3, 4}}, data.features().toDoubleMatrix());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstName() {
        Path file = Csv.writeRaw(directory, "bom.csv", "\uFEFFx,y\n1,2\n");
        assertEquals(List.of("x", "y"), new CsvDataset(file).header());
    }

    @Test
    void windowsLineEndingsAreLineEndings() {
        Path file = Csv.writeRaw(directory, "crlf.csv", "x,y\r\n1,2\r\n3,4\r\n");
        CsvData data = new CsvDataset(file).labelColumns("y").dtype("float64").load();
        assertArrayEquals(new double[] {1, 3}, data.features().toDoubleVector());
    }

    @Test
    void aFileWithoutAFinalLineBreakReadsItsLastRow() {
        Path file = Csv.writeRaw(directory, "nolf.csv", "x,y\n1,2\n3,4");
        assertEquals(2, new CsvDataset(file).labelColumns("y").load().rows());
    }

    @Test
    void toStringShowsTheOptions() {
        CsvDataset dataset = new CsvDataset(Csv.numbered(directory, "n.csv", 3)).labelColumns("label").oneHot(3)
                .batchSize(8).dtype("float64").normalize(Normalization.MIN_MAX);
        assertEquals("CsvDataset{file=" + directory.resolve("n.csv") + ", features=[a, b, c], labels=[label], "
                + "labelEncoding=ONE_HOT of 3 classes, batchSize=8, dtype=float64, normalization=min_max}",
                dataset.toString());
    }

    private static List<DataSet> drain(CsvDataSetIterator iterator) {
        List<DataSet> batches = new ArrayList<>();
        while (iterator.hasNext()) {
            batches.add(iterator.next());
        }
        return batches;
    }
}
