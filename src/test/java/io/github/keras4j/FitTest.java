package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.layers.Dense;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class FitTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    /** y = 2 x0 - x1 on 70 points, learnable by one linear unit. */
    private static float[][][] linearData(int rows) {
        float[][] x = new float[rows][2];
        float[][] y = new float[rows][1];
        for (int i = 0; i < rows; i++) {
            x[i][0] = (i % 10) / 10f;
            x[i][1] = (i % 7) / 7f;
            y[i][0] = 2 * x[i][0] - x[i][1];
        }
        return new float[][][] {x, y};
    }

    private static Sequential linearModel() {
        Sequential model = new Sequential(new Dense(1).inputDim(2)).seed(11);
        model.compile("sgd", "mse", "mae");
        return model;
    }

    /** Records every hook call as text. */
    private static final class Recorder extends Callback {
        final List<String> calls = new ArrayList<>();
        final List<Integer> batchRows = new ArrayList<>();

        @Override
        public void onTrainBegin(Map<String, Double> logs) {
            calls.add("train_begin " + params());
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            calls.add("epoch_begin " + epoch);
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            calls.add("batch_end " + batch + " " + logs.keySet());
        }

        @Override
        public void onTestBegin(Map<String, Double> logs) {
            calls.add("test_begin");
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            calls.add("epoch_end " + epoch + " " + logs.keySet());
        }

        @Override
        public void onTrainEnd(Map<String, Double> logs) {
            calls.add("train_end");
        }
    }

    @Test
    void defaultBatchSizeIs32AndCallbacksSeeKerasHooksInOrder() {
        float[][][] data = linearData(70);
        Recorder recorder = new Recorder();
        History history = linearModel().fit(data[0], data[1], Fit.epochs(2).verbose(0).callbacks(recorder));
        assertEquals("train_begin {verbose=0, epochs=2, steps=3}", recorder.calls.get(0));
        assertEquals(List.of("epoch_begin 0", "batch_end 0 [loss, mae]", "batch_end 1 [loss, mae]",
                "batch_end 2 [loss, mae]", "epoch_end 0 [loss, mae]", "epoch_begin 1"),
                recorder.calls.subList(1, 7));
        assertEquals("train_end", recorder.calls.get(recorder.calls.size() - 1));
        assertEquals(List.of(0, 1), history.epoch());
        assertEquals(List.of("loss", "mae"), new ArrayList<>(history.history().keySet()));
    }

    @Test
    void validationSplitHoldsOutTheLastSamplesAndLogsValMetrics() {
        float[][][] data = linearData(10);
        // Make the last 2 rows unlearnable outliers: only val_loss may see them.
        data[1][8][0] = 100;
        data[1][9][0] = 100;
        Recorder recorder = new Recorder();
        Sequential model = linearModel();
        History history = model.fit(data[0], data[1], Fit.epochs(3).verbose(0).validationSplit(0.2)
                .callbacks(recorder));
        assertEquals(List.of("loss", "mae", "val_loss", "val_mae"), new ArrayList<>(history.history().keySet()));
        assertTrue(history.get("val_loss").get(2) > 1000, "val_loss " + history.get("val_loss"));
        assertTrue(history.get("loss").get(2) < 10, "loss " + history.get("loss"));
        assertTrue(recorder.calls.contains("test_begin"));
        assertTrue(recorder.calls.contains("train_begin {verbose=0, epochs=3, steps=1}"), recorder.calls.toString());
    }

    @Test
    void validationDataIsEvaluatedAtEachEpochEnd() {
        float[][][] data = linearData(40);
        Sequential model = linearModel();
        History history = model.fit(data[0], data[1], Fit.epochs(2).verbose(0).validationData(data[0], data[1]));
        double[] evaluated = model.evaluate(Nd4j.createFromArray(data[0]), Nd4j.createFromArray(data[1]), 32, 0);
        assertEquals(evaluated[0], history.get("val_loss").get(1), 1e-6);
        assertEquals(evaluated[1], history.get("val_mae").get(1), 1e-6);
    }

    @Test
    void tooSmallValidationSplitsAreRejectedAsKerasDoes() {
        float[][][] data = linearData(1);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> linearModel().fit(data[0], data[1], Fit.defaults().validationSplit(0.5)));
        assertTrue(error.getMessage().startsWith("Training data contains 1 samples, which is not sufficient"),
                error.getMessage());
    }

    @Test
    void stopTrainingFromACallbackEndsAfterTheCurrentBatch() {
        float[][][] data = linearData(70);
        Recorder recorder = new Recorder();
        Callback stopper = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (batch == 1) {
                    model().stopTraining(true);
                }
            }
        };
        History history = linearModel().fit(data[0], data[1], Fit.epochs(5).verbose(0).callbacks(stopper, recorder));
        assertEquals(List.of(0), history.epoch());
        assertFalse(recorder.calls.contains("batch_end 2 [loss, mae]"));
        assertTrue(recorder.calls.contains("epoch_end 0 [loss, mae]"));
    }

    @Test
    void shuffleChangesTheBatchesButNotTheRows() {
        float[][][] data = linearData(70);
        History shuffled = linearModel().fit(data[0], data[1], Fit.epochs(3).batchSize(10).verbose(0));
        History ordered = linearModel().fit(data[0], data[1], Fit.epochs(3).batchSize(10).verbose(0).shuffle(false));
        assertNotEquals(shuffled.get("loss"), ordered.get("loss"));
        // The first epoch's first-step loss is the same data either way, so the losses stay close.
        assertEquals(ordered.get("loss").get(0), shuffled.get("loss").get(0), 0.5);
    }

    @Test
    void initialEpochResumesTheEpochCount() {
        float[][][] data = linearData(8);
        History history = linearModel().fit(data[0], data[1], Fit.epochs(5).initialEpoch(3).verbose(0));
        assertEquals(List.of(3, 4), history.epoch());
    }

    @Test
    void trainsOnADataSetIterator() {
        float[][][] data = linearData(64);
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < 64; start += 16) {
            INDArray x = Nd4j.createFromArray(java.util.Arrays.copyOfRange(data[0], start, start + 16));
            INDArray y = Nd4j.createFromArray(java.util.Arrays.copyOfRange(data[1], start, start + 16));
            batches.add(new DataSet(x, y));
        }
        DataSetIterator iterator = new ListDataSetIterator<>(batches, 1);
        Recorder recorder = new Recorder();
        History history = linearModel().fit(iterator, Fit.epochs(3).verbose(0).callbacks(recorder));
        assertEquals(3, history.epoch().size());
        assertEquals("train_begin {verbose=0, epochs=3, steps=null}", recorder.calls.get(0));
        assertEquals(4, recorder.calls.stream().filter(c -> c.startsWith("batch_end")).count() / 3);
        IllegalArgumentException batchSize = assertThrows(IllegalArgumentException.class,
                () -> linearModel().fit(iterator, Fit.epochs(1).batchSize(8)));
        assertTrue(batchSize.getMessage().contains("makes its own batches"), batchSize.getMessage());
        String printed = StdoutCapture.output(() -> linearModel().fit(iterator, Fit.epochs(2).verbose(1)));
        String bar = "4/4 \\[==============================\\] - \\d+s \\d+(s|ms|us)/step - loss: \\S+ - mae: \\S+";
        assertTrue(printed.matches("Epoch 1/2\n" + bar + "\nEpoch 2/2\n" + bar + "\n"), printed);
        DataSetIterator once = new ListDataSetIterator<>(batches, 1) {
            @Override
            public boolean resetSupported() {
                return false;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> linearModel().fit(once, Fit.epochs(2).verbose(0)));
    }

    @Test
    void fitOptionsHaveKerasDefaultsAndRejectBadValues() {
        Fit fit = Fit.defaults();
        assertEquals(1, fit.epochs());
        assertNull(fit.batchSize());
        assertEquals(1, fit.verbose());
        assertTrue(fit.shuffle());
        assertEquals(0.0, fit.validationSplit());
        assertEquals(0, fit.initialEpoch());
        assertEquals("epochs must be at least 1, received: epochs=0",
                assertThrows(IllegalArgumentException.class, () -> Fit.epochs(0)).getMessage());
        assertEquals("batch_size must be at least 1, received: batch_size=0",
                assertThrows(IllegalArgumentException.class, () -> fit.batchSize(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> fit.verbose(3));
        assertThrows(IllegalArgumentException.class, () -> fit.validationSplit(1.0));
        Fit changed = fit.batchSize(8);
        assertNull(fit.batchSize());
        assertEquals(8, changed.batchSize());
    }
}
