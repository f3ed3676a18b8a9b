package io.github.keras4j.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.callbacks.MonitorMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConfigTest {

    @TempDir
    Path directory;

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static final String FULL = """
            {
              "grid": {"hidden_layers": [1, 2], "units": [4, 8], "activation": ["relu", "tanh"],
                       "optimizer": "sgd", "learning_rate": [0.1, 0.5], "loss": "binary_crossentropy",
                       "seeds": [7, 8]},
              "output_activation": "sigmoid",
              "target": {"monitor": "accuracy", "value": 0.75, "mode": "max"},
              "epochs": 50,
              "batch_size": 2,
              "data": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [1]]}
            }
            """;

    @Test
    void readsEveryKeyOfTheGridTargetBudgetAndData() {
        SweepConfig config = SweepConfig.fromJson(FULL);
        Sweep sweep = config.sweep();
        assertEquals(List.of(1, 2), sweep.hiddenLayers());
        assertEquals(List.of(4, 8), sweep.units());
        assertEquals(List.of("relu", "tanh"), sweep.activations());
        assertEquals(List.of("sgd"), sweep.optimizers());
        assertEquals(List.of(0.1, 0.5), sweep.learningRates());
        assertEquals(List.of("binary_crossentropy"), sweep.losses());
        assertEquals(List.of(7L, 8L), sweep.seeds());
        assertEquals("sigmoid", sweep.outputActivation());
        assertEquals("accuracy", sweep.monitor());
        assertEquals(0.75, sweep.target());
        assertEquals(MonitorMode.MAX, sweep.mode());
        assertEquals(50, sweep.epochs());
        assertEquals(2, sweep.batchSize());
        assertEquals(16, sweep.settings().size());
        SweepData data = config.data().orElseThrow();
        assertArrayEquals(new float[] {0, 1}, data.x()[1]);
        assertArrayEquals(new float[] {1}, data.y()[3]);
    }

    @Test
    void anEmptyConfigIsTutorial002AndKeysLeftOutKeepTheirDefault() {
        Sweep defaults = new Sweep();
        Sweep empty = SweepConfig.fromJson("{}").sweep();
        assertEquals(defaults.settings(), empty.settings());
        assertEquals(defaults.seeds(), empty.seeds());
        assertEquals(defaults.monitor(), empty.monitor());
        assertEquals(defaults.epochs(), empty.epochs());
        assertTrue(SweepConfig.fromJson("{}").data().isEmpty());

        Sweep onlyValue = SweepConfig.fromJson("{\"target\": {\"value\": 0.5}, \"grid\": {\"units\": 3}}").sweep();
        assertEquals("binary_accuracy", onlyValue.monitor());
        assertEquals(0.5, onlyValue.target());
        assertEquals(List.of(3), onlyValue.units());
    }

    @Test
    void runsOnItsInlineData() {
        // OR is learned quickly: one setting, one seed.
        SweepConfig config = SweepConfig.fromJson("""
                {"grid": {"units": 4, "learning_rate": 0.05, "seeds": 1}, "epochs": 200,
                 "data": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [1]]}}
                """);
        List<String> printed = new ArrayList<>();
        SweepResult result = config.run(printed::add);
        assertEquals(3, printed.size());
        assertTrue(result.rows().get(0).runs().get(0).reached(), printed.toString());
        assertEquals(printed, result.table());
    }

    @Test
    void withoutDataTheSweepRunsOnArraysGivenInJava() {
        SweepConfig config = SweepConfig.fromJson("{\"grid\": {\"units\": 2, \"seeds\": 1}, \"epochs\": 1}");
        assertEquals("this sweep config has no \"data\": give the arrays with config.sweep().run(x, y)",
                assertThrows(IllegalStateException.class, config::run).getMessage());
        SweepResult result = config.sweep().run(SweepTest.XOR_X, SweepTest.XOR_Y, line -> { });
        assertEquals(1, result.rows().size());
    }

    @Test
    void csvDataIsReadByDefault() {
        SweepConfig config = SweepConfig.fromJson("{\"grid\": {\"seeds\": 1}, \"epochs\": 1, "
                + "\"data\": {\"csv\": \"datasets/xor.csv\", \"labels\": [\"y\"]}}");
        SweepData data = config.data().orElseThrow();
        assertEquals(4, data.x().length);
        assertEquals(2, data.x()[0].length);
        assertEquals(1, data.y()[0].length);
        assertEquals(1.0f, data.y()[1][0]);
    }

    @Test
    void dataKeptElsewhereIsReadByTheLoaderGiven() {
        String json = "{\"grid\": {\"seeds\": 1}, \"data\": {\"csv\": \"datasets/xor.csv\", \"label_columns\": 1}}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepConfig.fromJson(json)).getMessage()
                .startsWith("unknown key \"label_columns\" in the CSV data of a sweep config"));

        List<Map<String, Object>> specs = new ArrayList<>();
        SweepConfig config = SweepConfig.fromJson(json, spec -> {
            specs.add(spec);
            return new SweepData(SweepTest.XOR_X, SweepTest.XOR_Y);
        });
        assertEquals(List.of(Map.of("csv", "datasets/xor.csv", "label_columns", 1)), specs);
        assertEquals(4, config.data().orElseThrow().x().length);
    }

    @Test
    void readsAFileAndNamesItInErrors() throws IOException {
        Path file = directory.resolve("sweep.json");
        Files.writeString(file, FULL);
        assertEquals(List.of(4, 8), SweepConfig.read(file).sweep().units());

        Path bad = directory.resolve("bad.json");
        Files.writeString(bad, "{\"epoch\": 10}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SweepConfig.read(bad));
        assertEquals(bad + ": unknown key 'epoch' in the sweep config; valid keys: [batch_size, data, epochs, grid, "
                + "output_activation, target]", error.getMessage());
    }

    @Test
    void wrongKeysAndValuesAreErrorsNamingThem() {
        assertEquals("unknown key 'unit' in grid; valid keys: [activation, hidden_layers, learning_rate, loss, "
                + "optimizer, seeds, units]", message("{\"grid\": {\"unit\": 4}}"));
        assertEquals("grid.units must be a whole number, received: \"16\"", message("{\"grid\": {\"units\": \"16\"}}"));
        assertEquals("grid.units must be a whole number, received: 1.5", message("{\"grid\": {\"units\": [1.5]}}"));
        assertEquals("grid.activation must be a string, received: 3", message("{\"grid\": {\"activation\": 3}}"));
        assertEquals("target.value must be a number, received: \"1\"", message("{\"target\": {\"value\": \"1\"}}"));
        assertEquals("inline data needs both \"x\" and \"y\", received the keys [x]",
                message("{\"data\": {\"x\": [[1]]}}"));
        assertEquals("unknown key 'csv' in inline data; valid keys: [x, y]",
                message("{\"data\": {\"x\": [[1]], \"y\": [[1]], \"csv\": \"a.csv\"}}"));
        assertEquals("data.x[1][0] must be a number, received: \"a\"",
                message("{\"data\": {\"x\": [[1], [\"a\"]], \"y\": [[1], [0]]}}"));
        assertEquals("x has 2 samples but y has 1", message("{\"data\": {\"x\": [[1], [2]], \"y\": [[1]]}}"));
        assertTrue(message("{\"grid\": {\"optimizer\": \"adamm\"}}").contains("'adamm'"));
        assertTrue(message("{\"target\": {\"mode\": \"maximum\"}}").contains("'maximum'"));
        assertTrue(message("{\"grid\": ").startsWith("the sweep config is not valid JSON"));
        assertEquals("a sweep config must be a JSON object, received: [1]", message("[1]"));
        assertFalse(message("{\"epochs\": 0}").isEmpty());
    }

    private static String message(String json) {
        return assertThrows(IllegalArgumentException.class, () -> SweepConfig.fromJson(json)).getMessage();
    }
}
