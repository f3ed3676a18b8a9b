package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** {@code keras4j evaluate}: Keras's evaluate on a CSV file. */
class EvaluateCommandTest {

    @TempDir
    static Path directory;
    static Path modelFile;
    static double[] expected;

    @BeforeAll
    static void trainModel() {
        modelFile = directory.resolve("xor.keras4j");
        Sequential model = TrainedModels.xor(modelFile);
        expected = model.evaluate(Nd4j.createFromArray(TrainedModels.XOR_X),
                Nd4j.createFromArray(TrainedModels.XOR_Y), 32, 0);
    }

    @Test
    void printsTheLossAndMetrics() {
        Cli.Result result = Cli.run("evaluate", modelFile.toString(), "datasets/xor.csv", "--verbose", "0");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(TrainCommand.scores(java.util.List.of("loss", "binary_accuracy"), expected), result.out().strip());
        assertTrue(result.out().startsWith("loss: 0."), result.out());
    }

    @Test
    void verboseOnePrintsKerassBar() {
        Cli.Result result = Cli.run("evaluate", modelFile.toString(), "datasets/xor.csv");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("1/1 [==============================] - "), result.out());
    }

    @Test
    void labelsCanBeNamed() throws IOException {
        Path csv = Files.writeString(directory.resolve("first.csv"), "y,x1,x2\n0,0,0\n1,0,1\n1,1,0\n0,1,1\n");
        Cli.Result result = Cli.run("evaluate", modelFile.toString(), csv.toString(), "--labels", "y",
                "--verbose", "0");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(TrainCommand.scores(java.util.List.of("loss", "binary_accuracy"), expected), result.out().strip());
    }

    @Test
    void needsLabelsAndACompiledModel() throws IOException {
        Path features = Files.writeString(directory.resolve("features.csv"), "a,b\n0,1\n");
        Cli.Result noLabels = Cli.run("evaluate", modelFile.toString(), features.toString());
        assertEquals(1, noLabels.exitCode());
        assertTrue(noLabels.err().contains("has no label columns"), noLabels.err());
        Path json = directory.resolve("architecture.json");
        assertEquals(0, Cli.run("convert", modelFile.toString(), json.toString()).exitCode());
        Cli.Result uncompiled = Cli.run("evaluate", json.toString(), "datasets/xor.csv");
        assertEquals(1, uncompiled.exitCode());
        assertTrue(uncompiled.err().contains("never compiled"), uncompiled.err());
    }
}
