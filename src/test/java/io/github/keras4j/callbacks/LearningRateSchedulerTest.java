package io.github.keras4j.callbacks;

import static io.github.keras4j.callbacks.CallbackFixtures.kernelOf;
import static io.github.keras4j.callbacks.CallbackFixtures.line;
import static io.github.keras4j.callbacks.CallbackFixtures.linearUnit;
import static io.github.keras4j.callbacks.CallbackFixtures.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.StdoutCapture;
import io.github.keras4j.KerasGold;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LearningRateSchedulerTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void theScheduleGetsTheEpochAndTheCurrentRateAtEachEpochBegin() {
        // Keras's test: lambda epoch, lr: lr / 2 from SGD's 0.01 gives 0.01 / 4 after two epochs.
        Sequential model = linearUnit(0.01);
        List<String> calls = new ArrayList<>();
        LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> {
            calls.add(epoch + ":" + lr);
            return lr / 2;
        });
        scheduler.setModel(model);
        scheduler.onEpochBegin(0, logs());
        scheduler.onEpochBegin(1, logs());
        assertEquals(List.of("0:0.01", "1:0.005"), calls);
        assertEquals(0.0025, model.learningRate());
        Map<String, Double> epochLogs = logs("loss", 1.0);
        scheduler.onEpochEnd(1, epochLogs);
        assertEquals(0.0025, epochLogs.get("lr"));
        assertFalse(scheduler.usesBatchHooks());
    }

    @Test
    void theOneArgumentScheduleAndTheVerboseMessageAreKeras() {
        // Keras's test: LearningRateScheduler(lambda x: 1.0 / (1.0 + x), verbose=1) prints "... to 1.0." and
        // leaves 0.2 after 5 epochs.
        Sequential model = linearUnit(0.01);
        LearningRateScheduler scheduler = new LearningRateScheduler(epoch -> 1.0 / (1.0 + epoch)).verbose(1);
        scheduler.setModel(model);
        String printed = StdoutCapture.output(() -> {
            for (int epoch = 0; epoch < 5; epoch++) {
                scheduler.onEpochBegin(epoch, logs());
            }
        });
        assertEquals(0.2, model.learningRate());
        assertEquals("\nEpoch 1: LearningRateScheduler setting learning rate to 1.0.\n"
                + "\nEpoch 2: LearningRateScheduler setting learning rate to 0.5.\n"
                + "\nEpoch 3: LearningRateScheduler setting learning rate to 0.3333333333333333.\n"
                + "\nEpoch 4: LearningRateScheduler setting learning rate to 0.25.\n"
                + "\nEpoch 5: LearningRateScheduler setting learning rate to 0.2.\n",
                printed.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aNegativeNaNOrInfiniteRateIsAnErrorNamingTheEpoch() {
        Sequential model = linearUnit(0.01);
        LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> epoch < 2 ? lr : -0.01);
        scheduler.setModel(model);
        scheduler.onEpochBegin(1, logs());
        assertEquals("the schedule of LearningRateScheduler returned -0.01 for epoch 2 (counting from 0); a learning "
                + "rate must be a finite number >= 0",
                assertThrows(IllegalArgumentException.class, () -> scheduler.onEpochBegin(2, logs())).getMessage());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            LearningRateScheduler scheduled = new LearningRateScheduler(epoch -> bad);
            scheduled.setModel(model);
            assertThrows(IllegalArgumentException.class, () -> scheduled.onEpochBegin(0, logs()));
        }
        assertEquals(0.01, model.learningRate());
        assertThrows(IllegalArgumentException.class, () -> scheduler.verbose(-1));
        assertThrows(NullPointerException.class,
                () -> new LearningRateScheduler((LearningRateScheduler.Schedule) null));
    }

    @Test
    void aRateOfZeroFreezesTheWeightsAndEarlyStoppingStopsWhereKerasDid() throws IOException {
        // Keras 3.15's fit of the same XOR model from the same weights (make_gold.py): the schedule returns 0 for
        // epochs 3 to 6, the loss stops improving and EarlyStopping(monitor="loss", patience=2) stops at epoch 5.
        Map<String, Object> gold = KerasGold.section("zero_lr_early_stopping");
        Sequential model = new Sequential(new Dense(3, "tanh").inputDim(2), new Dense(1, "sigmoid")).seed(1);
        model.compile(new SGD(0.5), "binary_crossentropy");
        List<?> initial = (List<?>) gold.get("initial_weights");
        model.setWeights(0, KerasGold.matrix(initial.get(0)), KerasGold.vector(initial.get(1)));
        model.setWeights(1, KerasGold.matrix(initial.get(2)), KerasGold.vector(initial.get(3)));
        List<Integer> zeroEpochs = KerasGold.integers(gold.get("zero_epochs"));
        List<INDArray> kernels = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping().monitor("loss").patience((Integer) gold.get("patience"));
        History history = model.fit(KerasGold.floats(gold.get("x")), KerasGold.floats(gold.get("y")),
                Fit.epochs((Integer) gold.get("epochs")).batchSize(4).shuffle(false).verbose(0).callbacks(
                        new LearningRateScheduler(epoch -> zeroEpochs.contains(epoch) ? 0.0 : 0.5), stopping,
                        new LambdaCallback().onEpochEnd((epoch, logs) -> kernels.add(model.getWeights(0).get(0)))));

        List<Double> kerasLoss = KerasGold.doubles(gold.get("loss"));
        List<Double> loss = history.get("loss");
        assertEquals(kerasLoss.size(), loss.size(), "epochs run: " + loss);
        for (int epoch = 0; epoch < loss.size(); epoch++) {
            assertEquals(kerasLoss.get(epoch), loss.get(epoch), 1e-6, "loss of epoch " + epoch);
        }
        assertEquals(KerasGold.doubles(gold.get("learning_rate")), history.get("lr"));
        assertEquals(gold.get("stopped_epoch"), stopping.stoppedEpoch());
        assertEquals(kerasStoppedEpoch(loss, stopping.patience()), stopping.stoppedEpoch());
        // While the rate is 0 the weights stay exactly as they were; so does the loss, which is what stops training.
        for (int epoch = zeroEpochs.get(0); epoch < loss.size(); epoch++) {
            assertEquals(kernels.get(epoch - 1), kernels.get(epoch), "kernel after epoch " + epoch);
        }
        assertNotEquals(kernels.get(0), kernels.get(1));
        assertEquals(0.0, model.learningRate());
    }

    /**
     * Keras's EarlyStopping rule (keras/src/callbacks/early_stopping.py, min mode, min_delta 0, no baseline) replayed
     * on the logged losses: the epoch at which it stops, or 0 when it does not.
     */
    private static int kerasStoppedEpoch(List<Double> losses, int patience) {
        double best = Double.POSITIVE_INFINITY;
        int wait = 0;
        for (int epoch = 0; epoch < losses.size(); epoch++) {
            wait++;
            if (losses.get(epoch) < best) {
                best = losses.get(epoch);
                wait = 0;
            } else if (wait >= patience && epoch > 0) {
                return epoch;
            }
        }
        return 0;
    }

    @Test
    void aRealFitTrainsEachEpochAtTheScheduledRate() {
        // The linear unit of EarlyStoppingTest: w = b = 0 learns y = x by SGD on 9 points with E[x^2] = 5/12, one
        // full batch per epoch, so epoch e moves w by lr(e) * (5/6) * (1 - w). The schedule 0.1 / (e + 1) is set
        // before each epoch; the History logs the rate each epoch used.
        Sequential model = linearUnit(0.5);
        List<Double> kernels = new ArrayList<>();
        LambdaCallback recorder = new LambdaCallback().onEpochEnd((epoch, logs) -> kernels.add(kernelOf(model)));
        float[][][] data = line(9, 1f);
        History history = model.fit(data[0], data[1], Fit.epochs(4).verbose(0)
                .callbacks(new LearningRateScheduler(epoch -> 0.1 / (epoch + 1)), recorder));
        assertEquals(List.of(0.1, 0.05, 0.1 / 3, 0.025), history.get("lr"));
        assertEquals(0.025, model.learningRate());
        double kernel = 0;
        for (int epoch = 0; epoch < 4; epoch++) {
            kernel += 0.1 / (epoch + 1) * (5.0 / 6) * (1 - kernel);
            assertEquals(kernel, kernels.get(epoch), 1e-6, "kernel after epoch " + epoch);
        }
    }

    @Test
    void initialEpochIsPassedToTheSchedule() {
        Sequential model = linearUnit(0.5);
        List<Integer> epochs = new ArrayList<>();
        float[][][] data = line(9, 1f);
        model.fit(data[0], data[1], Fit.epochs(5).initialEpoch(3).verbose(0)
                .callbacks(new LearningRateScheduler((epoch, lr) -> {
                    epochs.add(epoch);
                    return lr;
                })));
        assertEquals(List.of(3, 4), epochs);
    }
}
