package io.github.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.StdoutCapture;
import io.github.keras4j.layers.Dense;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's ModelCheckpoint: file names from the epoch and logs, save_best_only, weights only, messages. */
class ModelCheckpointTest {

    @TempDir
    Path directory;

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(4, "tanh").inputDim(2), new Dense(1)).seed(3);
        model.compile("sgd", "mse");
        return model;
    }

    /** Drives the epoch-end hook with scripted val_loss values, without training. */
    private static void drive(ModelCheckpoint checkpoint, Sequential model, double... valLosses) {
        checkpoint.setModel(model);
        checkpoint.setParams(Map.of("epochs", valLosses.length, "verbose", 0, "steps", 1));
        checkpoint.onTrainBegin(Map.of());
        for (int epoch = 0; epoch < valLosses.length; epoch++) {
            checkpoint.onEpochEnd(epoch, Map.of("loss", 1.0, "val_loss", valLosses[epoch]));
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void namesEachFileFromTheEpochAndTheLogs() throws IOException {
        drive(new ModelCheckpoint(directory.resolve("model.{epoch:02d}-{val_loss:.2f}.keras4j").toString()), model(),
                0.5, 0.25, 0.75);
        assertEquals(List.of("model.01-0.50.keras4j", "model.02-0.25.keras4j", "model.03-0.75.keras4j"), files());
    }

    @Test
    void saveBestOnlySavesImprovementsOfTheMonitoredValue() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory.resolve("best.{epoch}.keras4j").toString())
                .saveBestOnly(true).verbose(1);
        String printed = StdoutCapture.output(() -> drive(checkpoint, model(), 0.5, 0.7, 0.4, 0.4));
        assertEquals(List.of("best.1.keras4j", "best.3.keras4j"), files());
        assertEquals("\nEpoch 00001: val_loss improved from inf to 0.50000, saving model to "
                + directory.resolve("best.1.keras4j") + "\n"
                + "\nEpoch 00002: val_loss did not improve from 0.50000\n"
                + "\nEpoch 00003: val_loss improved from 0.50000 to 0.40000, saving model to "
                + directory.resolve("best.3.keras4j") + "\n"
                + "\nEpoch 00004: val_loss did not improve from 0.40000\n", printed);
    }

    @Test
    void autoModeMaximizesAccuracies() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory.resolve("acc.{epoch}").toString())
                .monitor("val_acc").saveBestOnly(true);
        Sequential model = model();
        checkpoint.setModel(model);
        checkpoint.onTrainBegin(Map.of());
        checkpoint.onEpochEnd(0, Map.of("val_acc", 0.5));
        checkpoint.onEpochEnd(1, Map.of("val_acc", 0.4));
        checkpoint.onEpochEnd(2, Map.of("val_acc", 0.9));
        assertEquals(List.of("acc.1", "acc.3"), files());
    }

    @Test
    void weightsOnlyWritesAWeightsArchiveThatLoads() {
        Sequential model = model();
        float[][] x = {{0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{1}, {1}, {0}};
        Path file = directory.resolve("weights.npz");
        model.fit(x, y, Fit.epochs(2).verbose(0).callbacks(new ModelCheckpoint(file.toString())
                .saveWeightsOnly(true).monitor("loss")));
        Sequential fresh = model();
        fresh.loadWeights(file);
        assertArrayEquals(model.predict(Nd4j.createFromArray(x), 32, 0).castTo(DataType.DOUBLE).toDoubleVector(),
                fresh.predict(Nd4j.createFromArray(x), 32, 0).castTo(DataType.DOUBLE).toDoubleVector());
    }

    @Test
    void aMissingMonitorIsReportedAndAMissingPlaceholderIsAnError() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory.resolve("m.keras4j").toString())
                .saveBestOnly(true).monitor("val_auc");
        checkpoint.setModel(model());
        checkpoint.onEpochEnd(0, Map.of("loss", 1.0));
        assertFalse(Files.exists(directory.resolve("m.keras4j")));

        ModelCheckpoint badName = new ModelCheckpoint(directory.resolve("m.{val_acc:.2f}").toString());
        badName.setModel(model());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> badName.onEpochEnd(0, Map.of("loss", 1.0)));
        assertTrue(error.getMessage().startsWith("Failed to format this callback filepath"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("x").mode("best"));
    }
}
