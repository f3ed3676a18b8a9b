package io.github.keras4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.EpochsToTarget;
import io.github.keras4j.callbacks.MonitorMode;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SweepTest {

    static final float[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final float[][] XOR_Y = {{0}, {1}, {1}, {0}};

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void defaultsAreTutorial002() {
        Sweep sweep = new Sweep();
        assertEquals(List.of(1), sweep.hiddenLayers());
        assertEquals(List.of(16), sweep.units());
        assertEquals(List.of("relu"), sweep.activations());
        assertEquals(List.of("adam"), sweep.optimizers());
        assertEquals(List.of(), sweep.learningRates());
        assertEquals(List.of("mean_squared_error"), sweep.losses());
        assertEquals(List.of(1L, 2L, 3L), sweep.seeds());
        assertEquals("sigmoid", sweep.outputActivation());
        assertEquals("binary_accuracy", sweep.monitor());
        assertEquals(1.0, sweep.target());
        assertEquals(MonitorMode.AUTO, sweep.mode());
        assertEquals(1000, sweep.epochs());
        assertEquals(null, sweep.batchSize());
        // Without learning rates, each optimizer runs at its Keras default.
        assertEquals(List.of(new SweepSetting(1, 16, "relu", "adam", 0.001, "mean_squared_error")),
                sweep.settings());
    }

    @Test
    void theSettingsAreTheProductOfTheAxesLastVaryingFastest() {
        Sweep sweep = new Sweep().hiddenLayers(1, 2).units(4).activations("relu", "tanh").optimizers("adam", "sgd");
        List<String> settings = new ArrayList<>();
        sweep.settings().forEach(s -> settings.add(s.hiddenLayers() + " " + s.activation() + " " + s.optimizer() + " "
                + s.learningRate()));
        assertEquals(List.of("1 relu adam 0.001", "1 relu sgd 0.01", "1 tanh adam 0.001", "1 tanh sgd 0.01",
                "2 relu adam 0.001", "2 relu sgd 0.01", "2 tanh adam 0.001", "2 tanh sgd 0.01"), settings);
        assertEquals(4, new Sweep().learningRates(0.01, 0.1).losses("mse", "binary_crossentropy").settings().size());
    }

    @Test
    void aTinySweepPrintsItsTableRowByRowAndReturnsTheEpochsAsData() {
        Sweep sweep = new Sweep().units(8, 16).learningRates(0.05).seeds(1, 2).epochs(300);
        List<String> printed = new ArrayList<>();
        SweepResult result = sweep.run(XOR_X, XOR_Y, printed::add);

        assertEquals(2, result.rows().size());
        assertEquals(List.of(1L, 2L), result.seeds());
        assertEquals("binary_accuracy", result.monitor());
        assertEquals(printed, result.table());
        assertEquals(4, printed.size());
        assertEquals("Epochs to binary_accuracy 1.0 (at most 300; - = not reached)", printed.get(0));
        assertEquals("hidden_layers  units  activation  optimizer  learning_rate  loss                "
                + "seed 1  seed 2  median", printed.get(1));
        for (int r = 0; r < 2; r++) {
            SweepResult.Row row = result.rows().get(r);
            assertEquals(r == 0 ? 8 : 16, row.setting().units());
            for (SweepResult.SeedRun run : row.runs()) {
                assertTrue(run.reached(), "XOR at lr 0.05 is learned within 300 epochs: " + row);
                assertFalse(run.diverged());
            }
            int first = row.runs().get(0).epochs().getAsInt();
            int second = row.runs().get(1).epochs().getAsInt();
            assertEquals(OptionalDouble.of((first + second) / 2.0), row.median());
            String median = (first + second) % 2 == 0 ? String.valueOf((first + second) / 2)
                    : String.valueOf((first + second) / 2.0);
            assertEquals(String.format("%13d  %5d  relu        adam                0.05  mean_squared_error  %6d  %6d"
                    + "  %6s", 1, r == 0 ? 8 : 16, first, second, median), printed.get(2 + r));
        }
    }

    @Test
    void aRunIsTheFitOfTheNetworkTheSettingDescribes() {
        // The same network, optimizer and seed trained by hand reaches the target at the same epoch.
        Sweep sweep = new Sweep().units(8).learningRates(0.05).seeds(4).epochs(300);
        SweepResult result = sweep.run(XOR_X, XOR_Y, line -> { });
        OptionalInt swept = result.rows().get(0).runs().get(0).epochs();

        Sequential model = new Sequential().seed(4);
        model.add(new Dense(8, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(0.05), "mean_squared_error", "binary_accuracy");
        EpochsToTarget target = new EpochsToTarget("binary_accuracy", 1.0);
        model.fit(XOR_X, XOR_Y, Fit.epochs(300).verbose(0).callbacks(target));
        assertTrue(swept.isPresent());
        assertEquals(target.epoch(), swept);
    }

    @Test
    void anUnreachedTargetPrintsADash() {
        // A mean squared error of exactly 0 is never reached.
        SweepResult result = new Sweep().units(2).target("loss", 0.0).seeds(1, 2).epochs(2)
                .run(XOR_X, XOR_Y, line -> { });
        SweepResult.Row row = result.rows().get(0);
        assertEquals(0, row.reachedCount());
        assertEquals(OptionalDouble.empty(), row.median());
        assertEquals("            1      2  relu        adam               0.001  mean_squared_error       -       -"
                + "       -", result.table().get(2));
        assertEquals("Epochs to loss 0.0 (at most 2; - = not reached)", result.table().get(0));
    }

    @Test
    void aDivergingRunCountsAsNotReached() {
        // A linear output trained by SGD at 1e10: the first step makes the outputs about 1e10, the next ones
        // overflow float32.
        SweepResult result = new Sweep().units(2).outputActivation("linear").optimizers("sgd").learningRates(1e10)
                .target("loss", 1e-3).seeds(1).epochs(20).run(XOR_X, XOR_Y, line -> { });
        SweepResult.SeedRun run = result.rows().get(0).runs().get(0);
        assertTrue(run.diverged());
        assertFalse(run.reached());
    }

    @Test
    void theMedianRanksUnreachedRunsAboveEveryReachedOne() {
        SweepSetting setting = new SweepSetting(1, 16, "relu", "adam", 0.001, "mse");
        assertEquals(OptionalDouble.of(20), row(setting, 10, 20, -1).median());
        assertEquals(OptionalDouble.empty(), row(setting, 10, -1, -1).median());
        assertEquals(OptionalDouble.of(15), row(setting, 20, 10).median());
        assertEquals(OptionalDouble.empty(), row(setting, 10, -1).median());
        assertEquals(OptionalDouble.of(7), row(setting, 7).median());
        // Sorted 10, 20, 30, 40, -, -: the middle two are 30 and 40.
        assertEquals(OptionalDouble.of(35), row(setting, 40, 10, 30, 20, -1, -1).median());
    }

    @Test
    void theTableAlignsNumbersRightAndNamesLeft() {
        SweepSetting setting = new SweepSetting(2, 128, "tanh", "rmsprop", 0.001, "mse");
        SweepTable table = new SweepTable(List.of(setting), List.of(1L, 42L), 10000);
        assertEquals(List.of("Epochs to binary_accuracy 1.0 (at most 10000; - = not reached)",
                "hidden_layers  units  activation  optimizer  learning_rate  loss  seed 1  seed 42   median"),
                table.header("binary_accuracy", 1.0, 10000));
        assertEquals("            2    128  tanh        rmsprop            0.001  mse       87     9999     5043",
                table.row(row(setting, 87, 9999)));
        assertEquals("            2    128  tanh        rmsprop            0.001  mse       87       10     48.5",
                table.row(row(setting, 87, 10)));
        assertEquals("            2    128  tanh        rmsprop            0.001  mse       87        -        -",
                table.row(row(setting, 87, -1)));
    }

    /** A row whose runs reached the target at these epochs (-1: not reached), seeds 1, 2... */
    private static SweepResult.Row row(SweepSetting setting, int... epochs) {
        List<SweepResult.SeedRun> runs = new ArrayList<>();
        for (int i = 0; i < epochs.length; i++) {
            runs.add(new SweepResult.SeedRun(i + 1, epochs[i] < 0 ? OptionalInt.empty() : OptionalInt.of(epochs[i]),
                    false));
        }
        return new SweepResult.Row(setting, runs);
    }

    @Test
    void badSettingsFailWhenSetNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep().activations("rellu"))
                .getMessage().contains("'rellu'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep().optimizers("adamw"))
                .getMessage().contains("'adamw'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep().losses("mean_sqared_error"))
                .getMessage().contains("'mean_sqared_error'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep().target("accuracyy", 1.0))
                .getMessage().contains("'accuracyy'"));
        assertEquals("hidden_layers must be >= 1, received: 0",
                assertThrows(IllegalArgumentException.class, () -> new Sweep().hiddenLayers(1, 0)).getMessage());
        assertEquals("units lists a value twice: [4, 4]",
                assertThrows(IllegalArgumentException.class, () -> new Sweep().units(4, 4)).getMessage());
        assertEquals("seeds needs at least one value",
                assertThrows(IllegalArgumentException.class, () -> new Sweep().seeds(new long[0])).getMessage());
        assertEquals("learning_rate must be a finite number >= 0, received: -0.1",
                assertThrows(IllegalArgumentException.class, () -> new Sweep().learningRates(-0.1)).getMessage());
        assertEquals("epochs must be >= 1, received: 0",
                assertThrows(IllegalArgumentException.class, () -> new Sweep().epochs(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep().target("val_loss", 0.1))
                .getMessage().startsWith("a sweep trains without validation data"));
        assertThrows(IllegalArgumentException.class, () -> new Sweep().run(XOR_X, new float[][] {{0}, {1}}));
    }
}
