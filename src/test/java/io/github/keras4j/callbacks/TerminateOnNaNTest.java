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
import io.github.keras4j.TrainingDivergedException;
import io.github.keras4j.layers.Dense;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class TerminateOnNaNTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void aNaNOrInfiniteBatchLossStopsTrainingWithKerasMessage() {
        Sequential model = linearUnit(0.1);
        TerminateOnNaN terminate = new TerminateOnNaN();
        terminate.setModel(model);
        assertTrue(terminate.usesBatchHooks());

        terminate.onTrainBatchEnd(0, logs("loss", 0.5));
        terminate.onTrainBatchEnd(1, logs("mae", Double.NaN));
        assertFalse(model.stopTraining());

        String printed = StdoutCapture.output(() -> terminate.onTrainBatchEnd(3, logs("loss", Double.NaN)));
        assertTrue(model.stopTraining());
        assertEquals("Batch 3: Invalid loss, terminating training\n", printed.replace(System.lineSeparator(), "\n"));

        model.stopTraining(false);
        StdoutCapture.output(() -> terminate.onTrainBatchEnd(0, logs("loss", Double.NEGATIVE_INFINITY)));
        assertTrue(model.stopTraining());
    }

    /**
     * Keras's test_TerminateOnNaN: five Dense(2, relu) layers whose kernels are all 1e5 make the first batch's outputs
     * about 1e25 and their squared error overflow float32 to infinity.
     */
    private static Sequential divergingModel() {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(2, "relu").inputDim(2));
        for (int i = 0; i < 4; i++) {
            model.add(new Dense(2, "relu"));
        }
        model.add(new Dense(1));
        model.compile("rmsprop", "mean_squared_error");
        for (int layer = 0; layer < 5; layer++) {
            List<INDArray> weights = model.getWeights(layer);
            model.setWeights(layer, weights.get(0).assign(1e5), weights.get(1));
        }
        return model;
    }

    private static final float[][] X = {{1, 2}, {2, 1}, {3, 1}, {1, 3}};
    private static final float[][] Y = {{1}, {0}, {1}, {0}};

    @Test
    void aDivergingFitEndsGracefullyWithItsHistory() {
        Sequential model = divergingModel();
        StdoutCapture.Captured<History> run = StdoutCapture.capture(
                () -> model.fit(X, Y, Fit.epochs(20).batchSize(2).verbose(0).callbacks(new TerminateOnNaN())));
        History history = run.value();
        // As in Keras's test: the first batch diverges, the epoch ends (its end hooks run) and training stops.
        assertEquals(List.of(0), history.epoch());
        double loss = history.get("loss").get(0);
        assertTrue(Double.isNaN(loss) || Double.isInfinite(loss), "loss " + loss);
        assertEquals("Batch 0: Invalid loss, terminating training\n",
                run.output().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void withoutItTheSameFitThrows() {
        Sequential model = divergingModel();
        assertThrows(TrainingDivergedException.class, () -> model.fit(X, Y, Fit.epochs(20).batchSize(2).verbose(0)));
    }
}
