package io.github.keras4j.callbacks;

import static io.github.keras4j.callbacks.CallbackFixtures.kernelOf;
import static io.github.keras4j.callbacks.CallbackFixtures.line;
import static io.github.keras4j.callbacks.CallbackFixtures.linearUnit;
import static io.github.keras4j.callbacks.CallbackFixtures.logs;
import static io.github.keras4j.callbacks.CallbackFixtures.stderrOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.StdoutCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReduceLROnPlateauTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    /** The model's learning rate after each epoch end fed with {@code values} of {@code monitor}. */
    private static List<Double> ratesAfter(ReduceLROnPlateau reducer, Sequential model, String monitor,
            double... values) {
        reducer.setModel(model);
        reducer.onTrainBegin(logs());
        List<Double> rates = new ArrayList<>();
        for (int epoch = 0; epoch < values.length; epoch++) {
            reducer.onEpochEnd(epoch, logs(monitor, values[epoch]));
            rates.add(model.learningRate());
        }
        return rates;
    }

    @Test
    void reducesAfterPatienceEpochsWithoutImprovementAsKerasTestsIt() {
        // Keras's test_ReduceLROnPlateau_patience: val_loss 0.0860 is the best; two worse epochs reach patience 2.
        Sequential model = linearUnit(1.0);
        List<Double> rates = ratesAfter(new ReduceLROnPlateau().patience(2), model, "val_loss",
                0.0860, 0.1096, 0.1040);
        assertEquals(List.of(1.0, 1.0, 0.1), rates);
    }

    @Test
    void aFactorOfZeroWithMinLrZeroFreezesTrainingAsInKeras() {
        // Keras: new_lr = max(old_lr * factor, min_lr) while old_lr > min_lr; 0 then stays, and the weights with it.
        Sequential model = linearUnit(0.5);
        float[][][] data = line(9, 1f);
        List<Double> kernels = new ArrayList<>();
        History history = model.fit(data[0], data[1], Fit.epochs(4).verbose(0).callbacks(
                new ReduceLROnPlateau().monitor("loss").factor(0).patience(0).minDelta(10),
                new LambdaCallback().onEpochEnd((epoch, logs) -> kernels.add(kernelOf(model)))));
        // Epoch 0 is the first best; epoch 1 (at 0.5) does not improve by min_delta, so the rate goes to 0 after it.
        assertEquals(List.of(0.5, 0.5, 0.0, 0.0), history.get("lr"));
        assertEquals(0.0, model.learningRate());
        assertTrue(kernels.get(1) > kernels.get(0), "epochs 0 and 1 train: " + kernels);
        assertEquals(List.of(kernels.get(1), kernels.get(1)), kernels.subList(2, 4));
    }

    @Test
    void logsTheRateOfTheEpochBeforeReducingIt() {
        Sequential model = linearUnit(1.0);
        ReduceLROnPlateau reducer = new ReduceLROnPlateau().monitor("loss").patience(0).factor(0.5);
        reducer.setModel(model);
        reducer.onTrainBegin(logs());
        Map<String, Double> first = logs("loss", 1.0);
        reducer.onEpochEnd(0, first);
        assertEquals(List.of("loss", "lr"), List.copyOf(first.keySet()));
        assertEquals(1.0, first.get("lr"));
        Map<String, Double> second = logs("loss", 2.0);
        reducer.onEpochEnd(1, second);
        assertEquals(1.0, second.get("lr"));
        assertEquals(0.5, model.learningRate());
    }

    @Test
    void cooldownKeepsTheWaitAtZeroForItsEpochs() {
        // patience 1, cooldown 2: epoch 1 reduces and starts the cooldown; epochs 2 and 3 count it down (the wait
        // stays 0 while it lasts, and epoch 3, whose countdown reaches 0, may count again), so epoch 3 reduces
        // again, and likewise epoch 5.
        Sequential model = linearUnit(1.0);
        List<Double> rates = ratesAfter(new ReduceLROnPlateau().monitor("loss").patience(1).cooldown(2).factor(0.5),
                model, "loss", 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertEquals(List.of(1.0, 0.5, 0.5, 0.25, 0.25, 0.125), rates);
    }

    @Test
    void minLrBoundsTheRateAndStopsFurtherReductions() {
        Sequential model = linearUnit(1.0);
        List<Double> rates = ratesAfter(new ReduceLROnPlateau().monitor("loss").patience(0).minLr(0.05), model,
                "loss", 1.0, 1.0, 1.0, 1.0);
        assertEquals(List.of(1.0, 0.1, 0.05, 0.05), rates);
    }

    @Test
    void minDeltaIsTheMarginAnImprovementNeeds() {
        // Keras's default min_delta 1e-4: 0.99995 is not better than 1.0 by more than 1e-4.
        Sequential model = linearUnit(1.0);
        List<Double> rates = ratesAfter(new ReduceLROnPlateau().monitor("loss").patience(1), model, "loss",
                1.0, 0.99995, 0.9);
        assertEquals(List.of(1.0, 0.1, 0.1), rates);
    }

    @Test
    void autoModeMaximisesNamesContainingAcc() {
        // ReduceLROnPlateau's own rule ("acc" anywhere in the name), not EarlyStopping's: auc is minimised.
        assertTrue(new ReduceLROnPlateau().monitor("val_accuracy").maximizes());
        assertTrue(new ReduceLROnPlateau().monitor("acc_top_k").maximizes());
        assertFalse(new ReduceLROnPlateau().monitor("val_auc").maximizes());
        assertFalse(new ReduceLROnPlateau().maximizes());
        assertTrue(new ReduceLROnPlateau().monitor("loss").mode("max").maximizes());

        Sequential model = linearUnit(1.0);
        List<Double> rates = ratesAfter(new ReduceLROnPlateau().monitor("val_binary_accuracy").patience(1), model,
                "val_binary_accuracy", 0.5, 0.75, 0.75);
        assertEquals(List.of(1.0, 1.0, 0.1), rates);
    }

    @Test
    void verbosePrintsKerasMessage() {
        Sequential model = linearUnit(0.001);
        ReduceLROnPlateau reducer = new ReduceLROnPlateau().monitor("loss").patience(0).verbose(1);
        String printed = StdoutCapture.output(() -> ratesAfter(reducer, model, "loss", 1.0, 1.0));
        assertEquals("\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.0001.\n",
                printed.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aMissingMonitorWarnsOnceLogsTheRateAndLeavesItAlone() {
        Sequential model = linearUnit(1.0);
        ReduceLROnPlateau reducer = new ReduceLROnPlateau().patience(0);
        reducer.setModel(model);
        Map<String, Double> epochLogs = logs("loss", 1.0);
        String warning = stderrOf(() -> {
            reducer.onTrainBegin(logs());
            reducer.onEpochEnd(0, epochLogs);
            reducer.onEpochEnd(1, logs("loss", 2.0));
        });
        assertEquals(1.0, model.learningRate());
        assertEquals(1.0, epochLogs.get("lr"));
        assertEquals("WARNING: Learning rate reduction is conditioned on metric `val_loss` which is not available. "
                + "Available metrics are: loss,lr (validation metrics need validationData(x, y) or "
                + "validationSplit(f) in fit)", warning.strip());
    }

    @Test
    void oneInstanceServesSeveralFits() {
        Sequential model = linearUnit(1.0);
        ReduceLROnPlateau reducer = new ReduceLROnPlateau().monitor("loss").patience(1).cooldown(5);
        ratesAfter(reducer, model, "loss", 0.5, 0.6);
        assertTrue(reducer.inCooldown());
        assertEquals(0.5, reducer.best());
        // The next fit starts without cooldown and without the old best (0.9 improves on +infinity).
        model.learningRate(1.0);
        assertEquals(List.of(1.0, 0.1), ratesAfter(reducer, model, "loss", 0.9, 0.95));
    }

    @Test
    void defaultsAndArgumentChecksAreKeras() {
        ReduceLROnPlateau defaults = new ReduceLROnPlateau();
        assertEquals("val_loss", defaults.monitor());
        assertEquals(0.1, defaults.factor());
        assertEquals(10, defaults.patience());
        assertEquals(0, defaults.verbose());
        assertEquals(MonitorMode.AUTO, defaults.mode());
        assertEquals(1e-4, defaults.minDelta());
        assertEquals(0, defaults.cooldown());
        assertEquals(0.0, defaults.minLr());
        assertEquals(0.5, defaults.factor(0.5).factor());
        assertEquals(0.1, defaults.factor());

        assertEquals("ReduceLROnPlateau does not support a factor >= 1.0. Got 1.0",
                assertThrows(IllegalArgumentException.class, () -> defaults.factor(1.0)).getMessage());
        assertEquals(0.0, defaults.factor(0).factor());
        assertEquals("factor must be in [0, 1), received: -0.5",
                assertThrows(IllegalArgumentException.class, () -> defaults.factor(-0.5)).getMessage());
        assertEquals("cooldown must be >= 0, received: -1",
                assertThrows(IllegalArgumentException.class, () -> defaults.cooldown(-1)).getMessage());
        assertEquals("min_lr must be a number >= 0, received: -0.1",
                assertThrows(IllegalArgumentException.class, () -> defaults.minLr(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> defaults.mode("minimum"));
    }

    @Test
    void aRealFitReducesTheRateTheOptimizerUsesAndTheHistoryRecordsIt() {
        // The linear unit of EarlyStoppingTest: w = b = 0 learns y = x by SGD on 9 points with E[x^2] = 5/12, one
        // full batch per epoch, so each epoch moves w by lr * (5/6) * (1 - w); validation y = -x makes val_loss
        // grow every epoch. With patience 1 the rate halves at the end of epochs 1, 2, 3: the epochs train at
        // 0.1, 0.1, 0.05, 0.025, and the History logs those rates.
        Sequential model = linearUnit(0.1);
        List<Double> kernels = new ArrayList<>();
        LambdaCallback recorder = new LambdaCallback().onEpochEnd((epoch, logs) -> kernels.add(kernelOf(model)));
        float[][][] train = line(9, 1f);
        float[][][] validation = line(9, -1f);
        History history = model.fit(train[0], train[1], Fit.epochs(4).verbose(0)
                .validationData(validation[0], validation[1])
                .callbacks(recorder, new ReduceLROnPlateau().patience(1).factor(0.5)));
        assertEquals(List.of(0.1, 0.1, 0.05, 0.025), history.get("lr"));
        assertEquals(List.of("loss", "val_loss", "lr"), List.copyOf(history.history().keySet()));
        assertEquals(0.0125, model.learningRate());
        double[] rates = {0.1, 0.1, 0.05, 0.025};
        double kernel = 0;
        for (int epoch = 0; epoch < 4; epoch++) {
            kernel += rates[epoch] * (5.0 / 6) * (1 - kernel);
            assertEquals(kernel, kernels.get(epoch), 1e-6, "kernel after epoch " + epoch);
        }
    }
}
