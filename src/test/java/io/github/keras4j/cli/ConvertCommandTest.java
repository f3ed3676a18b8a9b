package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.run.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** {@code keras4j convert}: model files to keras4j's format and to Keras's JSON, and back. */
class ConvertCommandTest {

    @TempDir
    static Path directory;
    static Path modelFile;
    static Sequential model;

    @BeforeAll
    static void trainModel() {
        modelFile = directory.resolve("xor.keras4j");
        model = TrainedModels.xor(modelFile);
    }

    @Test
    void modelFileRoundTripsWithItsWeights() {
        Path copy = directory.resolve("copy/xor.keras4j");
        Cli.Result result = Cli.run("convert", modelFile.toString(), copy.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("keras4j: " + copy, result.out().strip());
        Sequential loaded = Sequential.load(copy);
        assertEquals(model.getWeights(), loaded.getWeights());
        assertEquals(model.predict(Nd4j.createFromArray(TrainedModels.XOR_X), 32, 0),
                loaded.predict(Nd4j.createFromArray(TrainedModels.XOR_X), 32, 0));
        assertEquals(model.metricsNames(), loaded.metricsNames());
    }

    @Test
    void toJsonWritesKerasToJsonAndReadsBack() throws IOException {
        Path json = directory.resolve("xor.json");
        Cli.Result result = Cli.run("convert", modelFile.toString(), json.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("json: " + json, result.out().strip());
        assertEquals(model.toJson(), Files.readString(json).strip());

        Path named = directory.resolve("xor.architecture");
        assertEquals(0, Cli.run("convert", modelFile.toString(), named.toString(), "--to", "json").exitCode());
        assertEquals(model.toJson(), Files.readString(named).strip());

        Path back = directory.resolve("from-json.keras4j");
        assertEquals(0, Cli.run("convert", json.toString(), back.toString()).exitCode());
        assertEquals(model.toJson(), Sequential.load(back).toJson());
    }

    @Test
    void runConfigConvertsToItsModelPart() throws IOException {
        Path json = directory.resolve("tutorial000.json");
        assertEquals(0, Cli.run("convert", "configs/tutorial000_xor.json", json.toString()).exitCode());
        assertEquals(KerasJson.write(RunConfig.read(Path.of("configs/tutorial000_xor.json")).modelConfig()),
                KerasJson.write(KerasJson.read(Files.readString(json), "json")));
    }

    @Test
    void unknownFormatIsAUsageError() {
        Cli.Result result = Cli.run("convert", modelFile.toString(), "x.out", "--to", "h5");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().contains("'h5'"), result.err());
    }
}
