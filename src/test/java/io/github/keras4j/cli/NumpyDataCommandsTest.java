package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.data.NumpyFiles;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.layers.SimpleRNN;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code keras4j evaluate} and {@code predict} on NumPy's files: a sequence model, which no CSV row can hold, is
 * evaluated on an {@code .npz} archive's x and y and predicts an {@code .npy} file's x; errors are one line.
 */
class NumpyDataCommandsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/io/github/keras4j/data/numpy");

    @TempDir
    static Path directory;
    static Path modelFile;
    static Sequential model;

    @BeforeAll
    static void saveModel() {
        Backend.clearSession();
        model = new Sequential().seed(2);
        model.add(new Masking(-1).inputShape(Shape.NONE, 1));
        model.add(new SimpleRNN(3));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        modelFile = directory.resolve("sequences.keras4j");
        model.save(modelFile);
    }

    private static INDArray x() {
        return NumpyFiles.load(FIXTURES.resolve("task.npz"), "x").castTo(DataType.FLOAT);
    }

    @Test
    void evaluatesAnArchivesXAndY() {
        Cli.Result result = Cli.run("evaluate", modelFile.toString(), FIXTURES.resolve("task.npz").toString(),
                "--verbose", "0");
        assertEquals(0, result.exitCode(), result.err());
        INDArray y = NumpyFiles.load(FIXTURES.resolve("task.npz"), "y").castTo(DataType.FLOAT).reshape(4, 1);
        assertEquals(TrainCommand.scores(List.of("loss", "accuracy"), model.evaluate(x(), y, 32, 0)),
                result.out().strip());
    }

    @Test
    void predictsAnNpyFilesX() throws IOException {
        Path out = directory.resolve("predictions.csv");
        Cli.Result result = Cli.run("predict", modelFile.toString(), FIXTURES.resolve("task_x.npy").toString(), "-o",
                out.toString(), "--verbose", "0");
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("prediction", lines.get(0));
        assertEquals(5, lines.size());
        assertEquals(model.predict(x()).getFloat(2, 0), Float.parseFloat(lines.get(3)), 1e-6);
    }

    @Test
    void labelsMissingOrNamedAreOneLine() {
        Cli.Result noLabels = Cli.run("evaluate", modelFile.toString(), FIXTURES.resolve("task_x.npy").toString());
        assertEquals(1, noLabels.exitCode());
        assertEquals("keras4j: error: " + FIXTURES.resolve("task_x.npy") + " is one NumPy array, x alone; evaluate "
                + "needs the labels: give an .npz archive holding x and y (np.savez(f, x=x, y=y))\n", noLabels.err());
        Cli.Result named = Cli.run("evaluate", modelFile.toString(), FIXTURES.resolve("task.npz").toString(),
                "--labels", "y");
        assertEquals(1, named.exitCode());
        assertTrue(named.err().startsWith("keras4j: error: --labels names CSV columns"), named.err());
        Cli.Result wrongShape = Cli.run("predict", modelFile.toString(), FIXTURES.resolve("tokens_i4.npy").toString(),
                "-o", directory.resolve("p.csv").toString());
        assertEquals(1, wrongShape.exitCode());
        assertEquals("keras4j: error: " + FIXTURES.resolve("tokens_i4.npy") + " has shape (2, 3) but the model takes "
                + "input of shape (None, None, 1) (the input of layer 'masking'): give x of shape (samples, None, 1)\n",
                wrongShape.err());
    }
}
