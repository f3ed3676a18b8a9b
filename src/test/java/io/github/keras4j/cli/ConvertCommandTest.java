package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import io.github.keras4j.engine.OptimizerVariables;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.run.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** {@code keras4j convert}: model files to keras4j's format, Keras's files and Keras's JSON, and back. */
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
    void toKerasAndToH5WriteKerasFilesThatLoadBackWithTheOptimizerState() {
        for (String[] format : new String[][] {{"keras", "xor.keras"}, {"h5", "xor.h5"}, {null, "named.keras"},
                {null, "named.hdf5"}}) {
            Path out = directory.resolve("keras/" + format[1]);
            Cli.Result result = format[0] == null ? Cli.run("convert", modelFile.toString(), out.toString())
                    : Cli.run("convert", modelFile.toString(), out.toString(), "--to", format[0]);
            assertEquals(0, result.exitCode(), result.err());
            String expected = format[0] != null ? format[0] : format[1].endsWith(".keras") ? "keras" : "h5";
            assertEquals(expected + ": " + out, result.out().strip());
            Sequential loaded = Sequential.load(out);
            assertEquals(model.predict(Nd4j.createFromArray(TrainedModels.XOR_X), 32, 0),
                    loaded.predict(Nd4j.createFromArray(TrainedModels.XOR_X), 32, 0), format[1]);
            assertEquals(OptimizerVariables.of(model).size(), OptimizerVariables.of(loaded).size());
            assertEquals(model.network().getLayerWiseConfigurations().getIterationCount(),
                    loaded.network().getLayerWiseConfigurations().getIterationCount(), format[1]);
        }
    }

    @Test
    void aFormatTheNameDisagreesWithIsAUsageError() {
        Cli.Result keras = Cli.run("convert", modelFile.toString(), "x.bin", "--to", "keras");
        assertEquals(2, keras.exitCode());
        assertEquals(1, keras.err().lines().count(), keras.err());
        assertTrue(keras.err().contains("--to keras and the name x.bin disagree: Keras loads its keras files only by "
                + "a name ending in .keras"), keras.err());
        Cli.Result h5 = Cli.run("convert", modelFile.toString(), "x.keras", "--to", "h5");
        assertTrue(h5.err().contains("only by a name ending in .h5 or .hdf5"), h5.err());
        Cli.Result keras4j = Cli.run("convert", modelFile.toString(), "x.h5", "--to", "keras4j");
        assertEquals(2, keras4j.exitCode());
        assertTrue(keras4j.err().contains("save writes a file named so as Keras's h5 format; name keras4j's file "
                + "otherwise (model.keras4j)"), keras4j.err());
        assertFalse(Files.exists(Path.of("x.bin")) || Files.exists(Path.of("x.keras")) || Files.exists(Path.of("x.h5")));
    }

    @Test
    void unknownFormatIsAUsageError() {
        Cli.Result result = Cli.run("convert", modelFile.toString(), "x.out", "--to", "hdf");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().contains("'hdf'"), result.err());
    }
}
