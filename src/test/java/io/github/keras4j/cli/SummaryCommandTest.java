package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.StdoutCapture;
import io.github.keras4j.run.RunConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keras4j summary}: Keras's table for a run config, a model file or Keras JSON. */
class SummaryCommandTest {

    @TempDir
    Path directory;

    @Test
    void summarizesARunConfig() {
        Cli.Result result = Cli.run("summary", "configs/tutorial000_xor.json");
        assertEquals(0, result.exitCode(), result.err());
        String expected = StdoutCapture.output(() -> RunConfig.read(Path.of("configs/tutorial000_xor.json"))
                .compiledModel().summary());
        assertEquals(expected, result.out());
        assertTrue(result.out().contains(" dense_7 (Dense)             (None, 1)                 17"), result.out());
        assertTrue(result.out().contains("Total params: 1,697"), result.out());
    }

    @Test
    void summarizesModelFilesAndKerasJson() {
        Path file = directory.resolve("xor.keras4j");
        String expected = StdoutCapture.output(() -> TrainedModels.xor(file).summary());
        assertEquals(expected, Cli.run("summary", file.toString()).out());
        Path json = directory.resolve("xor.json");
        assertEquals(0, Cli.run("convert", file.toString(), json.toString()).exitCode());
        assertEquals(expected, Cli.run("summary", json.toString()).out());
    }
}
