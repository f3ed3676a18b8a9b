package io.github.keras4j.callbacks;

import static io.github.keras4j.callbacks.CallbackFixtures.kernelOf;
import static io.github.keras4j.callbacks.CallbackFixtures.line;
import static io.github.keras4j.callbacks.CallbackFixtures.linearUnit;
import static io.github.keras4j.callbacks.CallbackFixtures.logs;
import static io.github.keras4j.callbacks.CallbackFixtures.setLinearUnit;
import static io.github.keras4j.callbacks.CallbackFixtures.stderrOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.StdoutCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    /** Feeds {@code values} of {@code monitor} epoch by epoch until the callback stops training; epochs run. */
    private static int feed(EarlyStopping stopper, Sequential model, String monitor, double... values) {
        stopper.setModel(model);
        model.stopTraining(false);
        stopper.onTrainBegin(logs());
        int epochs = 0;
        for (int epoch = 0; epoch < values.length; epoch++) {
            epochs++;
            // The weights carry the epoch, so that a restore shows which epoch it took.
            setLinearUnit(model, epoch, 0);
            stopper.onEpochEnd(epoch, logs(monitor, values[epoch]));
            if (model.stopTraining()) {
                break;
            }
        }
        return epochs;
    }

    @Test
    void patienceCountsEpochsWithoutImprovementAsKerasTestsIt() {
        // Keras's test_EarlyStopping_patience: epochs 0-2 improve, epoch 3 does not; patience p stops at
        // max(p, 1) + 2 (patience 0 and 1 both stop at epoch 3, since the wait is already 1 there).
        double[] losses = {10.0, 9.0, 8.0, 9.0, 8.9, 8.8, 8.7, 8.6, 8.5};
        for (int patience = 0; patience <= 3; patience++) {
            EarlyStopping stopper = new EarlyStopping().monitor("loss").patience(patience);
            feed(stopper, linearUnit(0.1), "loss", losses);
            assertEquals(Math.max(patience, 1) + 2, stopper.stoppedEpoch(), "patience " + patience);
        }
    }

    @Test
    void neverStopsAtTheFirstEpochEvenWithPatienceZero() {
        Sequential model = linearUnit(0.1);
        // NaN is never an improvement, so the wait is 1 after epoch 0, but Keras only checks after the first epoch.
        EarlyStopping stopper = new EarlyStopping().monitor("loss");
        assertEquals(2, feed(stopper, model, "loss", Double.NaN, Double.NaN, Double.NaN));
        assertEquals(1, stopper.stoppedEpoch());
    }

    @Test
    void minDeltaIsAnAbsoluteMarginWhoseSignIsIgnored() {
        // 1.0 then 0.95: better by 0.05, less than min_delta 0.1, so no improvement: stops at epoch 1.
        EarlyStopping stopper = new EarlyStopping().monitor("loss").minDelta(-0.1);
        assertEquals(0.1, stopper.minDelta());
        assertEquals(2, feed(stopper, linearUnit(0.1), "loss", 1.0, 0.95, 0.5));
        // Better by 0.15 > 0.1 is an improvement.
        EarlyStopping lenient = new EarlyStopping().monitor("loss").minDelta(0.1);
        assertEquals(3, feed(lenient, linearUnit(0.1), "loss", 1.0, 0.85, 0.9));
    }

    @Test
    void autoModeMaximisesNamesEndingInAccAccuracyOrAuc() {
        assertTrue(new EarlyStopping().monitor("val_acc").maximizes());
        assertTrue(new EarlyStopping().monitor("binary_accuracy").maximizes());
        assertTrue(new EarlyStopping().monitor("val_auc").maximizes());
        assertFalse(new EarlyStopping().maximizes());
        // EarlyStopping's rule is "ends with", not ReduceLROnPlateau's "contains".
        assertFalse(new EarlyStopping().monitor("acc_top_k").maximizes());
        assertTrue(new EarlyStopping().monitor("loss").mode("max").maximizes());
        assertFalse(new EarlyStopping().monitor("val_accuracy").mode(MonitorMode.MIN).maximizes());

        EarlyStopping stopper = new EarlyStopping().monitor("val_accuracy").patience(1);
        assertEquals(4, feed(stopper, linearUnit(0.1), "val_accuracy", 0.5, 0.75, 1.0, 0.75, 1.0));
        assertEquals(1.0, stopper.best());
        assertEquals(2, stopper.bestEpoch());
    }

    @Test
    void restoresTheBestEpochsWeightsWhenItStops() {
        // Keras's test_EarlyStopping_final_weights_when_restoring_model_weights: best val_loss at epoch 2; with
        // patience 2 training stops after epoch 4 and the weights of epoch 2 come back.
        Sequential model = linearUnit(0.1);
        EarlyStopping stopper = new EarlyStopping().patience(2).restoreBestWeights(true).verbose(1);
        assertEquals(5, feed(stopper, model, "val_loss", 0.2, 0.15, 0.1, 0.11, 0.12));
        String printed = StdoutCapture.output(() -> stopper.onTrainEnd(logs()));
        assertEquals(2.0, kernelOf(model));
        assertEquals("Epoch 5: early stopping\nRestoring model weights from the end of the best epoch: 3.\n",
                printed.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void withABaselineNoneBeatsTheWaitRunsOutAndTheBestEpochIsStillRestored() {
        // Keras's test: nothing beats baseline 0.5, so the wait is never reset: patience 5 stops after 5 epochs,
        // and the best of them (epoch 2, 0.7) is restored.
        Sequential model = linearUnit(0.1);
        EarlyStopping stopper = new EarlyStopping().patience(5).baseline(0.5).restoreBestWeights(true);
        assertEquals(5, feed(stopper, model, "val_loss", 0.9, 0.8, 0.7, 0.71, 0.72, 0.73));
        stopper.onTrainEnd(logs());
        assertEquals(2.0, kernelOf(model));
    }

    @Test
    void withoutAnyImprovementTheFirstMonitoredEpochIsRestored() {
        Sequential model = linearUnit(0.1);
        EarlyStopping stopper = new EarlyStopping().patience(1).restoreBestWeights(true).startFromEpoch(1);
        assertEquals(2, feed(stopper, model, "val_loss", 1.0, Double.NaN, Double.NaN));
        stopper.onTrainEnd(logs());
        // Epoch 0 is warm-up, epoch 1 is the first monitored one: its weights (kernel 1) are restored.
        assertEquals(1.0, kernelOf(model));
        assertEquals(1, stopper.bestEpoch());
    }

    @Test
    void startFromEpochIgnoresTheWarmUpEpochs() {
        // The warm-up epochs 0-2 would have stopped a patience-0 stopper at epoch 1; monitoring starts at
        // epoch 3 (best 7.0), epoch 4 does not improve: stop there.
        EarlyStopping stopper = new EarlyStopping().monitor("loss").startFromEpoch(3);
        assertEquals(5, feed(stopper, linearUnit(0.1), "loss", 1.0, 2.0, 3.0, 7.0, 8.0, 1.0));
        assertEquals(4, stopper.stoppedEpoch());
    }

    @Test
    void aMissingMonitorWarnsOnceAndNeverStops() {
        Sequential model = linearUnit(0.1);
        EarlyStopping stopper = new EarlyStopping();
        stopper.setModel(model);
        String warning = stderrOf(() -> {
            stopper.onTrainBegin(logs());
            for (int epoch = 0; epoch < 4; epoch++) {
                stopper.onEpochEnd(epoch, logs("loss", 1.0, "mae", 0.5));
            }
        });
        assertFalse(model.stopTraining());
        assertEquals("WARNING: Early stopping conditioned on metric `val_loss` which is not available. Available "
                + "metrics are: loss,mae (validation metrics need validationData(x, y) or validationSplit(f) in fit)",
                warning.strip());
        // A new fit warns again.
        String again = stderrOf(() -> {
            stopper.onTrainBegin(logs());
            stopper.onEpochEnd(0, logs("loss", 1.0));
        });
        assertTrue(again.contains("`val_loss`"), again);
    }

    @Test
    void oneInstanceServesSeveralFits() {
        Sequential model = linearUnit(0.1);
        EarlyStopping stopper = new EarlyStopping().monitor("loss").patience(1).restoreBestWeights(true);
        assertEquals(3, feed(stopper, model, "loss", 1.0, 0.5, 0.6));
        assertEquals(0.5, stopper.best());
        // A second fit starts with no best: 0.9 is an improvement over infinity, not worse than the old 0.5.
        assertEquals(3, feed(stopper, model, "loss", 0.9, 0.8, 0.85));
        assertEquals(0.8, stopper.best());
        assertEquals(1, stopper.bestEpoch());
    }

    @Test
    void fluentSettersReturnNewConfiguredCallbacksWithKerasDefaults() {
        EarlyStopping defaults = new EarlyStopping();
        assertEquals("val_loss", defaults.monitor());
        assertEquals(0.0, defaults.minDelta());
        assertEquals(0, defaults.patience());
        assertEquals(0, defaults.verbose());
        assertEquals(MonitorMode.AUTO, defaults.mode());
        assertNull(defaults.baseline());
        assertFalse(defaults.restoreBestWeights());
        assertEquals(0, defaults.startFromEpoch());

        EarlyStopping configured = defaults.monitor("loss").patience(3).baseline(0.5).restoreBestWeights(true);
        assertNotSame(defaults, configured);
        assertEquals("val_loss", defaults.monitor());
        assertEquals("loss", configured.monitor());
        assertEquals(3, configured.patience());
        assertEquals(0.5, configured.baseline());
        assertTrue(configured.restoreBestWeights());
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        assertEquals("patience must be >= 0, received: -1",
                assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().patience(-1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().mode("maximum"))
                .getMessage().contains("'maximum'"));
        assertEquals("start_from_epoch must be >= 0, received: -2", assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping().startFromEpoch(-2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().monitor(""));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().minDelta(Double.NaN));
    }

    // -----------------------------------------------------------------------------------------------------------
    // real training

    /**
     * One linear unit, w = b = 0, learns y = x by SGD(0.1) on 9 points spread over [-1, 1] (E[x^2] = 5/12, mean 0),
     * one full batch per epoch: w(t+1) = w(t) + 0.1 * 2 * (5/12) * (1 - w(t)) grows monotonically towards 1
     * (w = 1/12 after the first epoch) and b stays 0. The validation data is y = -x, whose loss
     * (w + 1)^2 * 5/12 therefore grows every epoch: epoch 0 is the best val_loss and every later one is worse.
     */
    private static History fitTowardsWorseValidation(Sequential model, int epochs, int verbose, Callback... callbacks) {
        float[][][] train = line(9, 1f);
        float[][][] validation = line(9, -1f);
        return model.fit(train[0], train[1], Fit.epochs(epochs).verbose(verbose)
                .validationData(validation[0], validation[1]).callbacks(callbacks));
    }

    @Test
    void patienceThreeStopsAfterTheFourthEpochOfARealFit() {
        // Keras's rule on the val_loss above: epoch 0 improves on +inf (wait 0); epochs 1, 2, 3 are worse
        // (wait 1, 2, 3); at epoch 3 the wait reaches patience 3 and epoch > 0, so training stops after epoch 3
        // (counted from 0): 4 epochs run, Keras prints "Epoch 4: early stopping".
        Sequential model = linearUnit(0.1);
        List<Double> kernels = new ArrayList<>();
        LambdaCallback recorder = new LambdaCallback().onEpochEnd((epoch, logs) -> kernels.add(kernelOf(model)));
        EarlyStopping stopper = new EarlyStopping().monitor("val_loss").patience(3).verbose(1);
        StdoutCapture.Captured<History> run = StdoutCapture.capture(
                () -> fitTowardsWorseValidation(model, 20, 0, recorder, stopper));
        History history = run.value();
        assertEquals(List.of(0, 1, 2, 3), history.epoch());
        List<Double> valLoss = history.get("val_loss");
        for (int epoch = 1; epoch < valLoss.size(); epoch++) {
            assertTrue(valLoss.get(epoch) > valLoss.get(epoch - 1), "val_loss grows: " + valLoss);
        }
        assertEquals(3, stopper.stoppedEpoch());
        assertEquals("Epoch 4: early stopping\n", run.output().replace(System.lineSeparator(), "\n"));
        // Without restore_best_weights the weights are the last epoch's.
        assertEquals(kernels.get(3), kernelOf(model));
    }

    @Test
    void restoreBestWeightsPutsBackTheBestEpochsWeightsAfterARealFit() {
        Sequential model = linearUnit(0.1);
        List<Double> kernels = new ArrayList<>();
        LambdaCallback recorder = new LambdaCallback().onEpochEnd((epoch, logs) -> kernels.add(kernelOf(model)));
        EarlyStopping stopper = new EarlyStopping().patience(3).restoreBestWeights(true).verbose(1);
        String printed = StdoutCapture.output(() -> fitTowardsWorseValidation(model, 20, 0, recorder, stopper));
        assertEquals(4, kernels.size());
        assertEquals(1.0 / 12, kernels.get(0), 1e-6);
        assertTrue(kernels.get(3) > kernels.get(0));
        assertEquals(kernels.get(0), kernelOf(model));
        assertEquals("Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 1.\n",
                printed.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void restoreBestWeightsAlsoRestoresWhenTrainingRunsAllItsEpochs() {
        // Patience 10 never runs out in 3 epochs; as in tf-keras 2.16+ the best (first) epoch is restored anyway.
        Sequential model = linearUnit(0.1);
        EarlyStopping stopper = new EarlyStopping().patience(10).restoreBestWeights(true);
        History history = fitTowardsWorseValidation(model, 3, 0, stopper);
        assertEquals(3, history.epoch().size());
        assertEquals(0, stopper.stoppedEpoch());
        assertEquals(1.0 / 12, kernelOf(model), 1e-6);
    }
}
