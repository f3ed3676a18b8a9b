package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code keras4j train}: every tutorial config trains and writes its outputs; tutorial 002 reaches 100%. */
class TrainCommandTest {

    @TempDir
    Path directory;

    static Stream<Path> runConfigs() throws IOException {
        return io.github.keras4j.run.RunConfigTest.runConfigs();
    }

    @ParameterizedTest
    @MethodSource("runConfigs")
    void eachTutorialConfigTrainsAndWritesItsOutputs(Path config) throws IOException {
        Path output = directory.resolve("out");
        Cli.Result result = Cli.run("train", config.toString(), "--epochs", "1", "--verbose", "0", "--output",
                output.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        assertEquals(List.of("model: " + output.resolve("model.keras4j"), "history: " + output.resolve("history.csv"),
                "predictions: " + output.resolve("predictions.csv")),
                result.out().lines().filter(line -> !line.startsWith("test (")).toList());
        List<String> history = Files.readAllLines(output.resolve("history.csv"));
        assertEquals(2, history.size(), history.toString());
        assertTrue(history.get(0).startsWith("epoch,"), history.get(0));
        Sequential model = Sequential.load(output.resolve("model.keras4j"));
        assertEquals(1, model.history().get("loss").size());
        List<String> predictions = Files.readAllLines(output.resolve("predictions.csv"));
        assertTrue(predictions.get(0).endsWith(model.outputUnits() == 1 ? ",prediction"
                : ",prediction_" + (model.outputUnits() - 1)),
                predictions.get(0));
        assertTrue(predictions.size() == 5 || predictions.size() == 5001 || predictions.size() == 361
                || predictions.size() == 1001,
                "rows: " + predictions.size());
    }

    @Test
    void printsKerasLogThenTheFiles() {
        Path output = directory.resolve("t0");
        Cli.Result result = Cli.run("train", "configs/tutorial000_xor.json", "--epochs", "3", "--seed", "2",
                "--output", output.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(9, lines.size(), result.out());
        assertEquals("Epoch 1/3", lines.get(0));
        assertTrue(lines.get(1).matches("1/1 - \\d+s - loss: 0\\.\\d{4} - binary_accuracy: \\d\\.\\d{4} - "
                + "\\d+m?s/epoch - \\d+m?s/step"), lines.get(1));
        assertEquals("Epoch 3/3", lines.get(4));
        assertEquals("model: " + output.resolve("model.keras4j"), lines.get(6));
        assertEquals(2L, Sequential.load(output.resolve("model.keras4j")).seed());
    }

    @Test
    void tutorial002ReachesTheTutorialsAccuracy() {
        Path output = directory.resolve("t2");
        Cli.Result result = Cli.run("train", "configs/tutorial002_xor.json", "--verbose", "0", "--output",
                output.toString());
        assertEquals(0, result.exitCode(), result.err());
        String test = result.out().lines().filter(line -> line.startsWith("test (")).findFirst().orElseThrow();
        assertTrue(test.matches("test \\(datasets/xor\\.csv\\): loss: \\S+ - binary_accuracy: 1\\.0000"), test);
    }

    @Test
    void plotsDrawsEveryPictureOfAnXorRun() throws IOException {
        Path output = directory.resolve("p");
        Path plots = directory.resolve("pictures");
        Cli.Result result = Cli.run("train", "configs/tutorial002_xor.json", "--epochs", "4", "--verbose", "0",
                "--output", output.toString(), "--plots", plots.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> names = List.of("history.png", "decision_regions.png", "representation.png", "parameters.png",
                "representation.gif");
        assertEquals(names.stream().map(name -> "plot: " + plots.resolve(name)).toList(),
                result.out().lines().filter(line -> line.startsWith("plot")).toList());
        for (String name : names) {
            assertTrue(Files.size(plots.resolve(name)) > 1000, name);
        }
    }

    @Test
    void plotsSaysWhichPicturesAModelCannotHave() {
        Path plots = directory.resolve("pictures");
        Cli.Result result = Cli.run("train", "configs/tutorial003_numpy_xor.json", "--epochs", "2", "--verbose", "0",
                "--output", directory.resolve("o").toString(), "--plots", plots.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("plot: " + plots.resolve("history.png")), result.out());
        assertTrue(result.out().contains("plots: decision regions are drawn for classifiers of 2 input features only"),
                result.out());
        assertTrue(Files.notExists(plots.resolve("decision_regions.png")));
    }

    @Test
    void aNumpyArrayOfTheWrongShapeIsOneLineNamingTheFileAndTheArray() throws IOException {
        // Tutorial 005's model (sequences of 2 features) given the 1-feature sequences of a NumPy fixture.
        String config = Files.readString(Path.of("configs/tutorial005_parity.json")).replace(
                "\"datasets/parity_train.npz\"", "\"src/test/resources/io/github/keras4j/data/numpy/task.npz\"");
        Path file = directory.resolve("wrong.json");
        Files.writeString(file, config);
        Cli.Result result = Cli.run("train", file.toString(), "--output", directory.resolve("out").toString());
        assertEquals(1, result.exitCode());
        assertEquals("keras4j: error: src/test/resources/io/github/keras4j/data/numpy/task.npz: array 'x' has shape "
                + "(4, 3, 1) but the model takes input of shape (None, None, 2) (the input of layer 'masking'): give x "
                + "of shape (samples, None, 2)\n", result.err());
    }
}
