package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** keras4j's own model and weights files: save, load, resume, and the errors for files that are not ours. */
class ModelFilesTest {

    @TempDir
    Path directory;

    private final float[][] x = new float[40][2];
    private final float[][] y = new float[40][1];

    @BeforeEach
    void data() {
        Backend.clearSession();
        for (int i = 0; i < 40; i++) {
            x[i][0] = (float) Math.sin(i);
            x[i][1] = (float) Math.cos(2 * i);
            y[i][0] = x[i][0] > x[i][1] ? 1 : 0;
        }
    }

    private static Sequential model() {
        Sequential model = new Sequential().seed(77);
        model.add(new Dense(6, "tanh").inputDim(2));
        model.add(new BatchNormalization());
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy", "mse");
        return model;
    }

    private double[] predictions(Sequential model) {
        return model.predict(Nd4j.createFromArray(x), 32, 0).castTo(DataType.DOUBLE).data().asDouble();
    }

    @Test
    void aLoadedModelPredictsTrainsAndReportsAsTheSavedOne() {
        Sequential model = model();
        model.fit(x, y, Fit.epochs(3).batchSize(8).verbose(0));
        Path file = directory.resolve("model.keras4j");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertEquals(model.name(), loaded.name());
        assertEquals(List.of("dense", "batch_normalization", "dense_1"),
                loaded.layers().stream().map(l -> l.name()).toList());
        assertEquals(model.metricsNames(), loaded.metricsNames());
        assertEquals(model.optimizer(), loaded.optimizer());
        assertEquals("binary_crossentropy", loaded.loss().kerasName());
        assertEquals(model.history().history(), loaded.history().history());
        assertArrayEquals(predictions(model), predictions(loaded));
        assertEquals(List.of(), leftovers(), "no temporary files are left behind");
    }

    @Test
    void trainingResumesExactlyAfterSaveAndLoad() {
        Sequential straight = model();
        History twenty = straight.fit(x, y, Fit.epochs(20).batchSize(8).verbose(0));

        Sequential first = model();
        first.fit(x, y, Fit.epochs(10).batchSize(8).verbose(0));
        Path file = directory.resolve("half.keras4j");
        first.save(file);
        Sequential resumed = Sequential.load(file);
        History rest = resumed.fit(x, y, Fit.epochs(20).initialEpoch(10).batchSize(8).verbose(0));

        assertEquals(twenty.get("loss").subList(10, 20), rest.get("loss"));
        assertArrayEquals(predictions(straight), predictions(resumed));
    }

    /** Keras 2's learning-rate decay goes on from the saved iteration count. */
    @Test
    void trainingWithDecayResumesExactly() {
        Sequential straight = model();
        straight.compile(new Adam(0.05).decay(0.1), "binary_crossentropy");
        History six = straight.fit(x, y, Fit.epochs(6).batchSize(8).verbose(0));

        Sequential first = model();
        first.compile(new Adam(0.05).decay(0.1), "binary_crossentropy");
        first.fit(x, y, Fit.epochs(3).batchSize(8).verbose(0));
        Path file = directory.resolve("decayed.keras4j");
        first.save(file);
        Sequential resumed = Sequential.load(file);
        assertEquals(new Adam(0.05).decay(0.1), resumed.optimizer());
        History rest = resumed.fit(x, y, Fit.epochs(6).initialEpoch(3).batchSize(8).verbose(0));

        assertEquals(six.get("loss").subList(3, 6), rest.get("loss"));
        assertArrayEquals(predictions(straight), predictions(resumed));
    }

    @Test
    void anUncompiledModelLoadsUncompiled() {
        Sequential model = new Sequential(new Dense(3, "relu").inputDim(2), new Dense(1)).seed(5);
        Path file = directory.resolve("plain.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertFalse(loaded.isCompiled());
        assertArrayEquals(predictions(model), predictions(loaded));
    }

    @Test
    void aSavedFileGetsTheModeOfAnOrdinaryNewFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = directory.resolve("plain.keras4j");
        new Sequential(new Dense(1).inputDim(2)).save(file);
        Path ordinary = Files.createFile(directory.resolve("ordinary"));
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(file));
        try (var listing = Files.list(directory)) {
            assertEquals(List.of("ordinary", "plain.keras4j"),
                    listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void weightsRoundTripThroughAnNpzArchive() throws IOException {
        Sequential model = model();
        model.fit(x, y, Fit.epochs(2).verbose(0));
        Path file = directory.resolve("weights.npz");
        model.saveWeights(file);
        Sequential other = model();
        other.loadWeights(file);
        assertArrayEquals(predictions(model), predictions(other));
        assertTrue(Files.size(file) > 0);

        Sequential different = new Sequential(new Dense(6, "tanh").name("hidden").inputDim(2), new Dense(1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> different.loadWeights(file));
        assertTrue(error.getMessage().endsWith("holds weights for 3 layers [dense, batch_normalization, dense_1] "
                + "but the model has 2 layers with weights [hidden, dense_4]"), error.getMessage());
    }

    @Test
    void filesThatAreNotKeras4jModelsSaySo() throws IOException {
        Path text = Files.writeString(directory.resolve("notes.txt"), "not a model");
        IllegalArgumentException notZip = assertThrows(IllegalArgumentException.class, () -> Sequential.load(text));
        assertTrue(notZip.getMessage().startsWith(text + " is not a keras4j model file"), notZip.getMessage());

        Path other = directory.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(other))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(1);
            zip.closeEntry();
        }
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> Sequential.load(other));
        assertTrue(foreign.getMessage().contains("is a zip archive but not a keras4j model file"),
                foreign.getMessage());

        Sequential model = model();
        Path file = directory.resolve("model.keras4j");
        model.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(directory.resolve("truncated.keras4j"),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> Sequential.load(truncated));
        assertTrue(cut.getMessage().startsWith(truncated.toString()), cut.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Sequential.load(directory.resolve("nothing.keras4j")));
        assertTrue(missing.getMessage().startsWith("no such file: "), missing.getMessage());
    }

    private List<String> leftovers() {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
