package io.github.keras4j.callbacks;

import static io.github.keras4j.callbacks.CallbackFixtures.line;
import static io.github.keras4j.callbacks.CallbackFixtures.linearUnit;
import static io.github.keras4j.callbacks.CallbackFixtures.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.internal.PythonRepr;
import io.github.keras4j.layers.Dense;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVLoggerTest {

    @TempDir
    Path directory;

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void writesKerasHeaderRowsAndPythonNumbers() {
        Path file = directory.resolve("log.csv");
        CSVLogger logger = new CSVLogger(file.toString());
        logger.onTrainBegin(logs());
        // Keys are sorted; without val_ keys in the first epoch, Keras adds a val_ column for each key.
        logger.onEpochEnd(0, logs("loss", 0.1 + 0.2, "binary_accuracy", 0.5));
        // Each row is flushed at once: the file already has it before training ends.
        assertEquals("epoch,binary_accuracy,loss,val_binary_accuracy,val_loss\r\n0,0.5,0.30000000000000004,NA,NA\r\n",
                read(file));
        logger.onEpochEnd(1, logs("loss", 1e-05, "binary_accuracy", 1.0, "val_loss", Double.NaN));
        logger.onEpochEnd(2, logs("loss", 1e16, "binary_accuracy", Double.POSITIVE_INFINITY, "extra", 3.0));
        logger.onTrainEnd(logs());
        assertEquals("epoch,binary_accuracy,loss,val_binary_accuracy,val_loss\r\n"
                + "0,0.5,0.30000000000000004,NA,NA\r\n"
                + "1,1.0,1e-05,NA,nan\r\n"
                + "2,inf,1e+16,NA,NA\r\n", read(file));
    }

    @Test
    void validationKeysInTheFirstEpochAreTheColumns() {
        Path file = directory.resolve("log.csv");
        CSVLogger logger = new CSVLogger(file);
        logger.onTrainBegin(logs());
        logger.onEpochEnd(0, logs("loss", 0.25, "val_loss", 0.5, "lr", 0.001));
        logger.onTrainEnd(logs());
        assertEquals("epoch,loss,lr,val_loss\r\n0,0.25,0.001,0.5\r\n", read(file));
    }

    @Test
    void theSeparatorIsOneCharacterAndFieldsHoldingItAreQuoted() {
        Path file = directory.resolve("log.tsv");
        CSVLogger logger = new CSVLogger(file).separator("\t");
        logger.onTrainBegin(logs());
        logger.onEpochEnd(0, logs("a\tb", 1.0, "say \"hi\"", 2.0, "val_loss", 3.0));
        logger.onTrainEnd(logs());
        assertEquals("epoch\t\"a\tb\"\t\"say \"\"hi\"\"\"\tval_loss\r\n0\t1.0\t2.0\t3.0\r\n", read(file));

        assertEquals("separator must be a 1-character string, received: ', '",
                assertThrows(IllegalArgumentException.class, () -> new CSVLogger(file).separator(", ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CSVLogger(file).separator("\""));
        assertThrows(IllegalArgumentException.class, () -> new CSVLogger(file).separator("\n"));
    }

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(1).inputDim(1)).seed(5);
        model.compile("sgd", "mse", "mae");
        return model;
    }

    @Test
    void aRealFitLogsTheHistoryAndAppendKeepsTheHeaderAsKerasTestsIt() {
        // Keras's test_CSVLogger: a fit with validation, then an appending logger for another fit, then the same
        // appending logger reused for a fit of 2 epochs: one header, 4 rows, 4 separators per line.
        Path file = directory.resolve("log.tsv");
        float[][][] train = line(8, 2f);
        float[][][] validation = line(5, 2f);
        Fit fit = Fit.epochs(1).verbose(0).validationData(validation[0], validation[1]);

        Sequential model = model();
        History first = model.fit(train[0], train[1], fit.callbacks(new CSVLogger(file).separator("\t")));
        String[] lines = read(file).split("\r\n");
        assertEquals("epoch\tloss\tmae\tval_loss\tval_mae", lines[0]);
        assertEquals(String.join("\t", "0", PythonRepr.of(first.get("loss").get(0)),
                PythonRepr.of(first.get("mae").get(0)), PythonRepr.of(first.get("val_loss").get(0)),
                PythonRepr.of(first.get("val_mae").get(0))), lines[1]);
        assertEquals(first.get("loss").get(0), Double.parseDouble(lines[1].split("\t")[1]));

        CSVLogger appending = new CSVLogger(file).separator("\t").append(true);
        model().fit(train[0], train[1], fit.callbacks(appending));
        History last = model.fit(train[0], train[1], fit.withEpochs(2).callbacks(appending));
        String text = read(file);
        assertTrue(text.endsWith("\r\n"));
        List<String> all = List.of(text.split("\r\n"));
        assertEquals(5, all.size(), text);
        assertEquals(1, all.stream().filter(l -> l.startsWith("epoch")).count());
        all.forEach(l -> assertEquals(4, l.chars().filter(c -> c == '\t').count(), l));
        assertTrue(all.get(4).startsWith("1\t" + PythonRepr.of(last.get("loss").get(1)) + "\t"), all.get(4));
    }

    @Test
    void overwritingRewritesTheHeaderAndAppendingWritesOneIntoAMissingOrEmptyFile() throws IOException {
        Path file = directory.resolve("log.csv");
        CSVLogger logger = new CSVLogger(file);
        for (int fit = 0; fit < 2; fit++) {
            logger.onTrainBegin(logs());
            logger.onEpochEnd(0, logs("loss", fit));
            logger.onTrainEnd(logs());
        }
        assertEquals("epoch,loss,val_loss\r\n0,1.0,NA\r\n", read(file));

        Path missing = directory.resolve("new.csv");
        CSVLogger appending = new CSVLogger(missing).append(true);
        appending.onTrainBegin(logs());
        appending.onEpochEnd(0, logs("loss", 0.5));
        appending.onTrainEnd(logs());
        assertEquals("epoch,loss,val_loss\r\n0,0.5,NA\r\n", read(missing));

        Path empty = directory.resolve("empty.csv");
        Files.writeString(empty, "");
        CSVLogger intoEmpty = new CSVLogger(empty).append(true);
        intoEmpty.onTrainBegin(logs());
        intoEmpty.onEpochEnd(0, logs("loss", 0.5));
        intoEmpty.onTrainEnd(logs());
        assertEquals("epoch,loss,val_loss\r\n0,0.5,NA\r\n", read(empty));

        // Keras tests the length of the first line with its line break: a blank first line is a header.
        Path blank = directory.resolve("blank.csv");
        Files.writeString(blank, "\n");
        CSVLogger intoBlank = new CSVLogger(blank).append(true);
        intoBlank.onTrainBegin(logs());
        intoBlank.onEpochEnd(0, logs("loss", 0.5));
        intoBlank.onTrainEnd(logs());
        assertEquals("\n0,0.5,NA\r\n", read(blank));
    }

    @Test
    void aFileThatCannotBeOpenedIsAnErrorNamingIt() {
        Path file = directory.resolve("no/such/dir/log.csv");
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> new CSVLogger(file).onTrainBegin(logs()));
        assertTrue(error.getMessage().startsWith("CSVLogger cannot open " + file), error.getMessage());
    }

    @Test
    void defaultsAreKeras() {
        CSVLogger logger = new CSVLogger("training.log");
        assertEquals(",", logger.separator());
        assertEquals(false, logger.append());
        assertEquals(Path.of("training.log"), logger.filename());
        assertEquals(true, logger.append(true).append());
        assertEquals(false, logger.append());
    }

    @Test
    void pythonReprMatchesPythonOnTrickyValues() {
        // Values and strings printed by Python 3's repr.
        Object[][] cases = {
            {0.1 + 0.2, "0.30000000000000004"}, {1e-05, "1e-05"}, {1e16, "1e+16"}, {1e15 + 0.3, "1000000000000000.2"},
            {123456789.0, "123456789.0"}, {0.0001, "0.0001"}, {0.00012345, "0.00012345"}, {Double.MIN_VALUE, "5e-324"},
            {Double.MAX_VALUE, "1.7976931348623157e+308"}, {9.811784751502961e-05, "9.811784751502961e-05"},
            {Math.pow(2, 60), "1.152921504606847e+18"}, {(double) (float) (5.0 / 12), "0.4166666567325592"},
            {-2.5e-07, "-2.5e-07"}, {100.0, "100.0"}, {-0.0, "-0.0"}, {Double.NaN, "nan"},
            {Double.NEGATIVE_INFINITY, "-inf"},
            // Powers of two, where the nearest short decimal can fall outside the round-trip interval.
            {Math.pow(2, -1017), "7.120236347223045e-307"}, {Math.pow(2, -921), "5.641232424577593e-278"},
        };
        for (Object[] c : cases) {
            assertEquals(c[1], PythonRepr.of((double) c[0]));
        }
    }
}
