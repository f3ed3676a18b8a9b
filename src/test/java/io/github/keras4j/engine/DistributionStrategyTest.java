package io.github.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.DistributedDataset;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Model;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.layers.Dense;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainer runs the epoch loop of a distributed fit and hands each epoch to the strategy: a strategy without Spark,
 * which trains its epochs on this machine, shows what the trainer keeps (callbacks, History, the epoch count,
 * stop_training, validation on arrays, the fit's end on the workers).
 */
class DistributionStrategyTest {

    private static final INDArray X = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final INDArray Y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});

    /** Trains each epoch as one DL4J fit of the whole data, and records what the trainer asked. */
    private static final class LocalStrategy implements DistributedDataset {
        final List<String> calls = new ArrayList<>();
        final double[] losses;

        LocalStrategy(double... losses) {
            this.losses = losses;
        }

        @Override
        public DistributedFit startFit(Model model, InputChecks checks, Fit options) {
            calls.add("start");
            checks.checkBatch("local batch", X, Y);
            return new DistributedFit() {
                @Override
                public int steps() {
                    return 3;
                }

                @Override
                public Map<String, Double> trainEpoch(int epoch) {
                    calls.add("epoch " + epoch);
                    model.network().fit(X, Y);
                    // The workers count the epoch themselves; the trainer must not count it twice.
                    model.network().incrementEpochCount();
                    Map<String, Double> logs = new LinkedHashMap<>();
                    logs.put("loss", losses[epoch]);
                    return logs;
                }

                @Override
                public void close() {
                    calls.add("close");
                }
            };
        }

        @Override
        public double[] evaluate(Model model, InputChecks checks) {
            calls.add("evaluate");
            return new double[] {0.25};
        }
    }

    private static Sequential model() {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(4, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("sgd", "mse");
        return model;
    }

    @Test
    void theTrainerRunsTheEpochsAndHandsEachToTheStrategy() {
        Sequential model = model();
        LocalStrategy strategy = new LocalStrategy(0.5, 0.4, 0.3);
        List<String> hooks = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                hooks.add(epoch + " " + logs.keySet() + " steps " + params().get("steps"));
            }
        };
        History history = model.fit(strategy, Fit.epochs(3).verbose(0).callbacks(recorder)
                .validationData(X, Y));

        assertEquals(List.of("start", "epoch 0", "epoch 1", "epoch 2", "close"), strategy.calls);
        assertEquals(List.of(0.5, 0.4, 0.3), history.get("loss"));
        assertEquals(3, history.get("val_loss").size());
        assertEquals(List.of("0 [loss, val_loss] steps 3", "1 [loss, val_loss] steps 3", "2 [loss, val_loss] steps 3"),
                hooks);
        assertEquals(3, model.network().getEpochCount());
        assertArrayEquals(new double[] {0.25}, model.evaluate(strategy));
    }

    @Test
    void stopTrainingEndsTheDistributedFitAndItsEndStillRuns() {
        Sequential model = model();
        LocalStrategy strategy = new LocalStrategy(0.5, 0.4, 0.3);
        Callback stopper = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                model().stopTraining(true);
            }
        };
        History history = model.fit(strategy, Fit.epochs(3).verbose(0).callbacks(stopper));
        assertEquals(List.of("start", "epoch 0", "close"), strategy.calls);
        assertEquals(1, history.get("loss").size());

        LocalStrategy diverging = new LocalStrategy(Double.NaN, 0.1, 0.1);
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> model().fit(diverging, Fit.epochs(3).verbose(0)));
        assertTrue(error.getMessage().contains("epoch 1/3"), error.getMessage());
        assertEquals(List.of("start", "epoch 0", "close"), diverging.calls);
    }
}
