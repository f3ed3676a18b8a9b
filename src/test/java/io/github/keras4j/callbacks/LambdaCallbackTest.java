package io.github.keras4j.callbacks;

import static io.github.keras4j.callbacks.CallbackFixtures.line;
import static io.github.keras4j.callbacks.CallbackFixtures.linearUnit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaCallbackTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void theSixHooksRunInKerasOrderDuringFit() {
        List<String> calls = new ArrayList<>();
        LambdaCallback callback = new LambdaCallback()
                .onTrainBegin(logs -> calls.add("train_begin " + logs.keySet()))
                .onEpochBegin((epoch, logs) -> calls.add("epoch_begin " + epoch))
                .onBatchBegin((batch, logs) -> calls.add("batch_begin " + batch))
                .onBatchEnd((batch, logs) -> calls.add("batch_end " + batch + " " + logs.keySet()))
                .onEpochEnd((epoch, logs) -> calls.add("epoch_end " + epoch + " " + logs.keySet()))
                .onTrainEnd(logs -> calls.add("train_end " + logs.keySet()));
        Sequential model = linearUnit(0.1);
        float[][][] data = line(6, 1f);
        float[][][] validation = line(3, 1f);
        model.fit(data[0], data[1], Fit.epochs(2).batchSize(4).verbose(0).shuffle(false)
                .validationData(validation[0], validation[1]).callbacks(callback));
        // 6 rows in batches of 4: two batches per epoch. Batch hooks fire for training batches only, as Keras's
        // on_batch_* (not for the validation batches).
        assertEquals(List.of(
                "train_begin []",
                "epoch_begin 0", "batch_begin 0", "batch_end 0 [loss]", "batch_begin 1", "batch_end 1 [loss]",
                "epoch_end 0 [loss, val_loss]",
                "epoch_begin 1", "batch_begin 0", "batch_end 0 [loss]", "batch_begin 1", "batch_end 1 [loss]",
                "epoch_end 1 [loss, val_loss]",
                "train_end [loss, val_loss]"), calls);
    }

    @Test
    void unsetHooksDoNothingAndBatchHooksAreOnlyRequestedWhenSet() {
        LambdaCallback none = new LambdaCallback();
        assertFalse(none.usesBatchHooks());
        assertTrue(none.onBatchEnd((batch, logs) -> { }).usesBatchHooks());
        assertTrue(none.onBatchBegin((batch, logs) -> { }).usesBatchHooks());
        assertFalse(none.onEpochEnd((epoch, logs) -> { }).usesBatchHooks());

        List<Integer> epochs = new ArrayList<>();
        LambdaCallback onlyEpochEnd = none.onEpochEnd((epoch, logs) -> epochs.add(epoch));
        assertNotSame(none, onlyEpochEnd);
        Sequential model = linearUnit(0.1);
        float[][][] data = line(6, 1f);
        model.fit(data[0], data[1], Fit.epochs(3).verbose(0).callbacks(onlyEpochEnd, none));
        assertEquals(List.of(0, 1, 2), epochs);
    }

    @Test
    void aHookCanStopTraining() {
        Sequential model = linearUnit(0.1);
        LambdaCallback stopAtTwo = new LambdaCallback().onEpochEnd((epoch, logs) -> {
            if (epoch == 1) {
                model.stopTraining(true);
            }
        });
        float[][][] data = line(6, 1f);
        assertEquals(List.of(0, 1), model.fit(data[0], data[1], Fit.epochs(10).verbose(0).callbacks(stopAtTwo))
                .epoch());
    }
}
