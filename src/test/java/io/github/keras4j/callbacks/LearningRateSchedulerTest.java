package io.github.keras4j.callbacks;

import static io.github.keras4j.callbacks.CallbackFixtures.kernelOf;
import static io.github.keras4j.callbacks.CallbackFixtures.line;
import static io.github.keras4j.callbacks.CallbackFixtures.linearUnit;
import static io.github.keras4j.callbacks.CallbackFixtures.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void aRateTheOptimizerCannotTakeIsAnErrorNamingTheEpoch() {
        Sequential model = linearUnit(0.01);
        LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> epoch < 2 ? lr : 0.0);
        scheduler.setModel(model);
        scheduler.onEpochBegin(1, logs());
        assertEquals("the schedule of LearningRateScheduler returned 0.0 for epoch 2 (counting from 0); a learning "
                + "rate must be a positive number",
                assertThrows(IllegalArgumentException.class, () -> scheduler.onEpochBegin(2, logs())).getMessage());
        LearningRateScheduler nan = new LearningRateScheduler(epoch -> Double.NaN);
        nan.setModel(model);
        assertThrows(IllegalArgumentException.class, () -> nan.onEpochBegin(0, logs()));
        assertEquals(0.01, model.learningRate());
        assertThrows(IllegalArgumentException.class, () -> scheduler.verbose(-1));
        assertThrows(NullPointerException.class,
                () -> new LearningRateScheduler((LearningRateScheduler.Schedule) null));
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
