package io.github.keras4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** Every bad input fails with the file, the line and the column in its message; nothing is skipped or repaired. */
class CsvErrorsTest {

    @TempDir
    Path directory;

    /** The message of the CsvFormatException that {@code action} throws. */
    private static String formatError(Executable action) {
        return assertThrows(CsvFormatException.class, action).getMessage();
    }

    private static String argumentError(Executable action) {
        return assertThrows(IllegalArgumentException.class, action).getMessage();
    }

    private Path xorWith(String line4) {
        return Csv.write(directory, "xor.csv", "x1,x2,y", "0,0,0", "0,1,1", line4, "1,1,0");
    }

    private static CsvData load(Path file) {
        return new CsvDataset(file).labelColumns("y").load();
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() {
        Path file = xorWith("1,abc,1");
        CsvFormatException error = assertThrows(CsvFormatException.class, () -> load(file));
        assertEquals(file + " line 4, column 'x2' (2): 'abc' is not a number", error.getMessage());
        assertEquals(file.toString(), error.file());
        assertEquals(4, error.line());
        assertEquals("x2", error.columnName());
        assertEquals(2, error.columnNumber());
    }

    @Test
    void relativePathsAreNamedAsGiven() throws IOException {
        Path relative = Path.of("target", "csv-errors-test", "xor.csv");
        Files.createDirectories(relative.getParent());
        Files.writeString(relative, "x1,x2,y\n0,0,0\n0,1,1\n1,abc,1\n1,1,0\n");
        try {
            assertEquals("target/csv-errors-test/xor.csv line 4, column 'x2' (2): 'abc' is not a number",
                    formatError(() -> load(relative)));
        } finally {
            Files.delete(relative);
        }
    }

    @Test
    void numbersJavaWouldParseButCsvWritersDoNotMean() {
        for (String cell : new String[] {"0x10", "1f", "1d", "1e", "--1", ".", "1.2.3", "1,5"}) {
            Path file = Csv.write(directory, "odd.csv", "x1;x2;y", "0;" + cell + ";1");
            assertEquals(file + " line 2, column 'x2' (2): '" + cell + "' is not a number",
                    formatError(() -> new CsvDataset(file).delimiter(';').labelColumns("y").load()), cell);
        }
    }

    @Test
    void emptyCellIsMissingNotZero() {
        Path file = xorWith("1,,1");
        assertEquals(file + " line 4, column 'x2' (2): the cell is empty, but a number is required (missing values "
                + "are not supported)", formatError(() -> load(file)));
    }

    @Test
    void nanAndInfinityAreRefused() {
        Path nan = xorWith("1,0,NaN");
        assertEquals(nan + " line 4, column 'y' (3): 'NaN' is NaN, but every value must be a finite number "
                + "(missing values are not supported)", formatError(() -> load(nan)));
        Path inf = xorWith("-inf,0,1");
        assertEquals(inf + " line 4, column 'x1' (1): '-inf' is infinite, but every value must be a finite number",
                formatError(() -> load(inf)));
        Path infinity = xorWith("1,Infinity,1");
        assertEquals(infinity + " line 4, column 'x2' (2): 'Infinity' is infinite, but every value must be a "
                + "finite number", formatError(() -> load(infinity)));
    }

    @Test
    void overflowIsRefused() {
        Path beyondDouble = xorWith("1,1e999,1");
        assertEquals(beyondDouble + " line 4, column 'x2' (2): '1e999' is beyond the range of float64 (infinite), "
                + "but every value must be a finite number", formatError(() -> load(beyondDouble)));
        Path beyondFloat = xorWith("1,1e39,1");
        assertEquals(beyondFloat + " line 4, column 'x2' (2): '1e39' is beyond the range of float32 "
                + "(+-3.4028235E38); use dtype float64 for such values",
                formatError(() -> new CsvDataset(beyondFloat).labelColumns("y").dtype("float32").load()));
        assertEquals(1e39, new CsvDataset(beyondFloat).labelColumns("y").dtype("float64").load().features()
                .getDouble(2, 1));
    }

    @Test
    void shortAndLongRows() {
        Path shortRow = xorWith("1,0");
        assertEquals(shortRow + " line 4: the row has 2 fields, but it needs 3 as the header (line 1) has",
                formatError(() -> load(shortRow)));
        Path longRow = xorWith("1,0,1,7");
        assertEquals(longRow + " line 4: the row has 4 fields, but it needs 3 as the header (line 1) has",
                formatError(() -> load(longRow)));
        Path oneField = xorWith("1");
        assertEquals(oneField + " line 4: the row has 1 field, but it needs 3 as the header (line 1) has",
                formatError(() -> load(oneField)));
    }

    @Test
    void blankLinesAreNotSkipped() {
        Path file = Csv.write(directory, "blank.csv", "x1,x2,y", "0,0,0", "", "1,1,0");
        assertEquals(file + " line 3: the line is blank, but every row needs 3 as the header (line 1) has (blank "
                + "lines are not skipped)", formatError(() -> load(file)));
        Path trailing = Csv.writeRaw(directory, "trailing.csv", "x1,x2,y\n0,0,0\n\n");
        assertEquals(trailing + " line 3: the line is blank, but every row needs 3 as the header (line 1) has "
                + "(blank lines are not skipped)", formatError(() -> load(trailing)));
    }

    @Test
    void unterminatedQuote() {
        Path file = xorWith("1,\"0,1");
        assertEquals(file + " line 4: Un-terminated quoted field at end of CSV line (a quoted field cannot span "
                + "lines)", formatError(() -> load(file)));
    }

    @Test
    void unknownColumnNameListsTheColumnsAndSuggestsTheClosest() {
        Path file = xorWith("1,0,1");
        assertEquals(file + " line 1: unknown label column 'Y'; did you mean 'y'? valid: x1, x2, y",
                formatError(() -> new CsvDataset(file).labelColumns("Y")));
        assertEquals(file + " line 1: unknown feature column 'x3'; did you mean 'x1'? valid: x1, x2, y",
                formatError(() -> new CsvDataset(file).featureColumns("x1", "x3")));
        assertEquals(file + " line 1: unknown label column 'target'; valid: x1, x2, y",
                formatError(() -> new CsvDataset(file).labelColumns("target")));
    }

    @Test
    void columnIndexOutOfRange() {
        Path file = xorWith("1,0,1");
        assertEquals(file + " line 1: label column index 3 is out of range: the header has 3 columns, indices 0 to 2 "
                + "[x1, x2, y]", formatError(() -> new CsvDataset(file).labelColumns(3)));
        assertEquals(file + " line 1: feature column index -1 is out of range: the header has 3 columns, indices 0 "
                + "to 2 [x1, x2, y]", formatError(() -> new CsvDataset(file).featureColumns(-1)));
    }

    @Test
    void columnSelectedTwice() {
        Path file = xorWith("1,0,1");
        assertEquals(file + " line 1, column 'x1' (1): the column is selected twice as a feature column",
                formatError(() -> new CsvDataset(file).featureColumns("x1", "x1")));
        assertEquals(file + " line 1, column 'x1' (1): the column is selected twice as a feature column",
                formatError(() -> new CsvDataset(file).featureColumns(0, 0)));
    }

    @Test
    void columnBothFeatureAndLabel() {
        Path file = xorWith("1,0,1");
        assertEquals(file + " line 1, column 'y' (3): the column is both a feature and a label column",
                formatError(() -> new CsvDataset(file).featureColumns("x1", "y").labelColumns("y")));
        assertEquals(file + " line 1, column 'x2' (2): the column is both a feature and a label column",
                formatError(() -> new CsvDataset(file).labelColumns(1).featureColumns("x2")));
    }

    @Test
    void everyColumnALabelLeavesNoFeatures() {
        Path file = xorWith("1,0,1");
        assertEquals(file + " line 1: every column [x1, x2, y] is a label column, so no feature column is left",
                formatError(() -> new CsvDataset(file).labelColumns("x1", "x2", "y")));
    }

    @Test
    void emptyFileHasNoHeader() {
        Path file = Csv.writeRaw(directory, "empty.csv", "");
        assertEquals(file + " line 1: the file is empty, but a header row naming the columns is required",
                formatError(() -> new CsvDataset(file)));
        Path blank = Csv.writeRaw(directory, "blank.csv", "\n1,2\n");
        assertEquals(blank + " line 1: the line is blank, but a header row naming the columns is required",
                formatError(() -> new CsvDataset(blank)));
    }

    @Test
    void headerWithoutRows() {
        Path file = Csv.write(directory, "header.csv", "x1,x2,y");
        assertEquals(file + " line 1: the header has no data rows after it", formatError(() -> new CsvDataset(file)));
    }

    @Test
    void duplicateColumnNames() {
        Path file = Csv.write(directory, "twice.csv", "x,y,x", "1,2,3");
        assertEquals(file + " line 1, column 'x' (3): duplicate column name (also column 1); every column needs its "
                + "own name", formatError(() -> new CsvDataset(file)));
    }

    @Test
    void classIndexOutOfRangeOrNotAnInteger() {
        Path file = Csv.write(directory, "classes.csv", "x,label", "0.5,0", "0.1,2", "0.7,3");
        assertEquals(file + " line 4, column 'label' (2): class index '3' is out of range for 3 classes (0 to 2)",
                formatError(() -> new CsvDataset(file).labelColumns("label").oneHot(3).load()));
        assertEquals(file + " line 3, column 'label' (2): class index '2' is out of range for 2 classes (0 to 1)",
                formatError(() -> new CsvDataset(file).labelColumns("label").classIndices(2).load()));
        Path fraction = Csv.write(directory, "fraction.csv", "x,label", "0.5,0", "0.1,1.5");
        assertEquals(fraction + " line 3, column 'label' (2): '1.5' is not a class index: the labels must be integers "
                + "from 0 to 2", formatError(() -> new CsvDataset(fraction).labelColumns("label").oneHot(3).load()));
        Path negative = Csv.write(directory, "negative.csv", "x,label", "0.5,-1");
        assertEquals(negative + " line 2, column 'label' (2): class index '-1' is out of range for 3 classes (0 to "
                + "2)", formatError(() -> new CsvDataset(negative).labelColumns("label").oneHot(3).load()));
    }

    @Test
    void unknownClassName() {
        Path file = Csv.write(directory, "iris.csv", "length,species", "5.1,setosa", "7.0,versicolour");
        assertEquals(file + " line 3, column 'species' (2): unknown class 'versicolour'; did you mean 'versicolor'? "
                + "valid: setosa, versicolor, virginica", formatError(() -> new CsvDataset(file)
                        .labelColumns("species").oneHot("setosa", "versicolor", "virginica").load()));
        Path spaced = Csv.write(directory, "spaced.csv", "length,species", "5.1, setosa");
        assertEquals(spaced + " line 2, column 'species' (2): unknown class ' setosa'; did you mean 'setosa'? "
                + "valid: setosa, virginica", formatError(() -> new CsvDataset(spaced)
                        .labelColumns("species").classIndices("setosa", "virginica").load()));
    }

    @Test
    void classEncodingsNeedExactlyOneLabelColumn() {
        Path file = xorWith("1,0,1");
        assertEquals(file + ": oneHot encodes one class column, but 2 label columns are selected: [x2, y]",
                argumentError(() -> new CsvDataset(file).labelColumns("x2", "y").oneHot(2)));
        assertEquals(file + ": classIndices encodes one class column, but 2 label columns are selected: [x2, y]",
                argumentError(() -> new CsvDataset(file).classIndices(2).labelColumns("x2", "y")));
        assertEquals(file + ": oneHot encodes a class column, but no label column is selected: add "
                + "labelColumns(...)", argumentError(() -> new CsvDataset(file).oneHot(2).iterator()));
    }

    @Test
    void badOptionValuesEchoTheValue() {
        Path file = xorWith("1,0,1");
        CsvDataset dataset = new CsvDataset(file);
        assertEquals("batch_size must be positive, received: 0", argumentError(() -> dataset.batchSize(0)));
        assertEquals("unknown floatx 'float16'; valid: float32, float64", argumentError(() -> dataset.dtype("float16")));
        assertEquals("delimiter cannot be the quote, the escape character, a line break or NUL, received: '\"'",
                argumentError(() -> dataset.delimiter('"')));
        assertEquals("oneHot: num_classes must be at least 1, received: 0", argumentError(() -> dataset.oneHot(0)));
        assertEquals("oneHot: class name 'a' is given twice, received: [a, b, a]",
                argumentError(() -> dataset.oneHot("a", "b", "a")));
        assertEquals("labelColumns needs at least one column name", argumentError(() -> dataset.labelColumns(
                new String[0])));
        assertEquals("unknown normalization 'standardise'; did you mean 'standardize'? valid: standardize, min_max, "
                + "none", argumentError(() -> dataset.normalize("standardise")));
    }

    @Test
    void missingFileAndDirectory() {
        Path missing = directory.resolve("missing.csv");
        assertEquals(missing + " does not exist (absolute path: " + missing.toAbsolutePath() + ")",
                argumentError(() -> new CsvDataset(missing)));
        assertFalse(Files.exists(missing), "DataVec's FileSplit would have created it");
        assertEquals(directory + " is not a regular file: give one CSV file",
                argumentError(() -> new CsvDataset(directory)));
    }

    @Test
    void streamingReportsTheBadLineWhenItsBatchIsRead() {
        String[] lines = new String[12];
        lines[0] = "a,b,label";
        for (int i = 1; i < lines.length; i++) {
            lines[i] = i + "," + i + ",1";
        }
        lines[10] = "10,x10,1";
        Path file = Csv.write(directory, "late.csv", lines);
        try (CsvDataSetIterator iterator = new CsvDataset(file).labelColumns("label").batchSize(4).iterator()) {
            assertEquals(4, iterator.next().numExamples());
            assertEquals(4, iterator.next().numExamples());
            CsvFormatException error = assertThrows(CsvFormatException.class, iterator::next);
            assertEquals(file + " line 11, column 'b' (2): 'x10' is not a number", error.getMessage());
            iterator.reset();
            assertEquals(4, iterator.next().numExamples(), "after the error, reset reads from the start again");
        }
    }

    @Test
    void fittingANormalizerReportsBadLines() {
        Path file = xorWith("1,0,?");
        assertEquals(file + " line 4, column 'y' (3): '?' is not a number",
                formatError(() -> new CsvDataset(file).labelColumns("y").normalize(Normalization.STANDARDIZE)
                        .normalizer()));
    }

    @Test
    void fileChangedBetweenEpochs() throws IOException {
        Path file = xorWith("1,0,1");
        CsvDataset dataset = new CsvDataset(file).labelColumns("y");
        try (CsvDataSetIterator iterator = dataset.iterator()) {
            iterator.next();
            Files.writeString(file, "a,b,c\n1,2,3\n");
            CsvFormatException error = assertThrows(CsvFormatException.class, iterator::reset);
            assertEquals(file + " line 1: the header is now [a, b, c] but was [x1, x2, y] when the dataset was "
                    + "created: the file changed", error.getMessage());
        }
    }
}
