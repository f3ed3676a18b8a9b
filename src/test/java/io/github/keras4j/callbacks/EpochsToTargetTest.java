package io.github.keras4j.callbacks;

import static io.github.keras4j.callbacks.CallbackFixtures.linearUnit;
import static io.github.keras4j.callbacks.CallbackFixtures.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.StdoutCapture;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpochsToTargetTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    /** The epoch (from 1) the callback records when fed {@code values}, or empty; stops feeding when it stops. */
    private static OptionalInt feed(EpochsToTarget target, Sequential model, String monitor, double... values) {
        target.setModel(model);
        model.stopTraining(false);
        target.onTrainBegin(logs());
        for (int epoch = 0; epoch < values.length && !model.stopTraining(); epoch++) {
            target.onEpochEnd(epoch, logs(monitor, values[epoch]));
        }
        return target.epoch();
    }

    @Test
    void recordsTheFirstEpochThatReachesTheTargetCountedFromOne() {
        Sequential model = linearUnit(0.1);
        EpochsToTarget target = new EpochsToTarget("binary_accuracy", 1.0);
        assertEquals(OptionalInt.of(3), feed(target, model, "binary_accuracy", 0.5, 0.75, 1.0, 0.75));
        assertTrue(model.stopTraining());
        assertTrue(target.reached());
        assertEquals(1.0, target.valueReached());

        assertEquals(OptionalInt.empty(), feed(target, model, "binary_accuracy", 0.5, 0.75, 0.99));
        assertFalse(model.stopTraining());
        assertFalse(target.reached());
        assertTrue(Double.isNaN(target.valueReached()));
    }

    @Test
    void aMinimisedMetricReachesTheTargetFromAbove() {
        Sequential model = linearUnit(0.1);
        EpochsToTarget loss = new EpochsToTarget("loss", 0.01);
        assertFalse(loss.maximizes());
        assertEquals(OptionalInt.of(2), feed(loss, model, "loss", 0.5, 0.01, 0.001));
        // mode max turns it around.
        assertEquals(OptionalInt.of(1), feed(loss.mode("max"), model, "loss", 0.5, 0.01));
        assertTrue(new EpochsToTarget("val_auc", 0.9).maximizes());
        assertFalse(new EpochsToTarget("val_auc", 0.9).mode(MonitorMode.MIN).maximizes());
    }

    @Test
    void withoutStoppingItKeepsTheFirstEpoch() {
        Sequential model = linearUnit(0.1);
        EpochsToTarget target = new EpochsToTarget("acc", 0.9).stopTraining(false).verbose(1);
        String printed = StdoutCapture.output(() ->
                assertEquals(OptionalInt.of(2), feed(target, model, "acc", 0.5, 0.95, 0.5, 1.0)));
        assertFalse(model.stopTraining());
        assertEquals("Epoch 2: acc reached 0.95 (target 0.9)\n", printed.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aMissingMonitorIsAnError() {
        Sequential model = linearUnit(0.1);
        EpochsToTarget target = new EpochsToTarget("val_accuracy", 1.0);
        target.setModel(model);
        target.onTrainBegin(logs());
        assertEquals("EpochsToTarget monitors 'val_accuracy', which is not in the epoch logs; available: [loss, "
                + "accuracy] (validation metrics need validation data in fit)",
                assertThrows(IllegalArgumentException.class,
                        () -> target.onEpochEnd(0, logs("loss", 0.1, "accuracy", 1.0))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EpochsToTarget("acc", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new EpochsToTarget("", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new EpochsToTarget("acc", 1.0).mode("up"));
    }

    @Test
    void aRealFitStopsAtTheEpochWhoseLogFirstShowsTheTarget() {
        // Tutorial 002's network on XOR, at a high learning rate so that it is quick. The recorded epoch must be the
        // first whose logged binary_accuracy is 1.0, and it must be the last epoch trained.
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(16, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(0.05), "mean_squared_error", "binary_accuracy");
        EpochsToTarget target = new EpochsToTarget("binary_accuracy", 1.0);
        History history = model.fit(x, y, Fit.epochs(300).verbose(0).callbacks(target));
        assertTrue(target.reached(), "XOR not learned in 300 epochs: " + history.get("binary_accuracy"));
        List<Double> accuracy = history.get("binary_accuracy");
        assertEquals(accuracy.indexOf(1.0) + 1, target.epoch().getAsInt());
        assertEquals(accuracy.size(), target.epoch().getAsInt());
        assertTrue(accuracy.size() > 1 && accuracy.size() < 300, "epochs " + accuracy.size());
    }
}
