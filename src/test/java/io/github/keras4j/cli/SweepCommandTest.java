package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keras4j sweep}: the table of a sweep config, as the Java API prints it, and its errors. */
class SweepCommandTest {

    private static final String TUTORIAL_SWEEP = "configs/sweep_tutorial002.json";

    @TempDir
    Path directory;

    @Test
    void runsTheTutorialSweepAndPrintsItsTable() {
        // The config's grid (16 settings, 3 seeds) with a budget of 5 epochs, to keep the test short.
        Cli.Result result = Cli.run("sweep", TUTORIAL_SWEEP, "--epochs", "5");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("Epochs to binary_accuracy 1.0 (at most 5; - = not reached)", lines.get(0));
        assertTrue(lines.get(1).matches("hidden_layers +units +activation +optimizer +learning_rate +loss +seed 1 "
                + "+seed 2 +seed 3 +median"), lines.get(1));
        List<String> rows = lines.subList(2, lines.size());
        assertEquals(16, rows.size(), result.out());
        for (String units : List.of("4", "16")) {
            for (String activation : List.of("relu", "tanh")) {
                for (String rate : List.of("0.01", "0.05")) {
                    for (String loss : List.of("mean_squared_error", "binary_crossentropy")) {
                        String pattern = " +1 +" + units + "  " + activation + " +adam +" + rate + "  " + loss
                                + " +(\\d+|-) +(\\d+|-) +(\\d+|-) +(\\d+(\\.5)?|-)";
                        assertEquals(1, rows.stream().filter(row -> row.matches(pattern)).count(),
                                pattern + " in\n" + result.out());
                    }
                }
            }
        }
    }

    @Test
    void printsWhatTheJavaApiPrintsForTheSameConfig() throws IOException {
        Path config = Files.writeString(directory.resolve("sweep_small.json"), """
                {"grid": {"units": [4, 8], "activation": "tanh", "learning_rate": 0.1, "seeds": [1]},
                 "epochs": 300, "data": {"csv": "datasets/xor.csv", "labels": ["y"]}}
                """);
        Cli.Result result = Cli.run("sweep", config.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> expected = new ArrayList<>();
        SweepConfig.read(config).run(expected::add);
        assertEquals(expected, result.out().lines().toList());
        assertEquals(4, expected.size(), expected.toString());
        assertTrue(expected.get(2).matches(" +1 +4  tanh +adam +0.1  mean_squared_error +\\d+ +\\d+"),
                expected.get(2));
    }

    @Test
    void trainOnASweepConfigSaysToUseSweep() {
        Cli.Result result = Cli.run("train", TUTORIAL_SWEEP);
        assertEquals(2, result.exitCode(), result.err());
        assertEquals("keras4j: error: configs/sweep_tutorial002.json is a sweep config (it has \"grid\"): run it with "
                + "'keras4j sweep configs/sweep_tutorial002.json' (see 'keras4j train --help')", result.err().strip());
        assertEquals("", result.out());
    }

    @Test
    void sweepOnARunConfigSaysToUseTrain() {
        Cli.Result result = Cli.run("sweep", "configs/tutorial002_xor.json");
        assertEquals(2, result.exitCode(), result.err());
        assertEquals("keras4j: error: configs/tutorial002_xor.json is a run config (it has \"model\"): run it with "
                + "'keras4j train configs/tutorial002_xor.json' (see 'keras4j sweep --help')", result.err().strip());
    }

    @Test
    void errorsAreOneLine() throws IOException {
        Cli.Result missing = Cli.run("sweep", "configs/no_such_sweep.json");
        assertEquals(2, missing.exitCode());
        assertEquals("keras4j: error: sweep config configs/no_such_sweep.json does not exist", missing.err().strip());

        Path badKey = Files.writeString(directory.resolve("bad.json"), "{\"grid\": {\"unit\": [4]}}");
        Cli.Result bad = Cli.run("sweep", badKey.toString());
        assertEquals(1, bad.exitCode());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("keras4j: error: " + badKey + ": unknown key 'unit' in grid"), bad.err());

        Path noData = Files.writeString(directory.resolve("nodata.json"), "{\"grid\": {\"units\": [4]}}");
        Cli.Result withoutData = Cli.run("sweep", noData.toString());
        assertEquals(2, withoutData.exitCode());
        assertTrue(withoutData.err().startsWith("keras4j: error: " + noData + " has no \"data\""), withoutData.err());

        Cli.Result badEpochs = Cli.run("sweep", TUTORIAL_SWEEP, "--epochs", "0");
        assertEquals(1, badEpochs.exitCode());
        assertEquals("keras4j: error: epochs must be >= 1, received: 0", badEpochs.err().strip());
    }

    @Test
    void helpDescribesTheCommand() {
        Cli.Result help = Cli.run("sweep", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: keras4j sweep [-hV] [--debug] [--epochs=N] CONFIG"), help.out());
        assertTrue(help.out().contains("Run a sweep config (configs/sweep_*.json)"), help.out());
    }
}
