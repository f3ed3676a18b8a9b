package io.github.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.LearningRateScheduler;
import io.github.keras4j.layers.Dense;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate decay: the update after {@code t} updates uses
 * {@code lr / (1 + decay * t)} ({@code keras/optimizers.py} 2.3.1: {@code lr * (1. / (1. + decay * iterations))};
 * tf.keras 2.10 {@code _decayed_lr}: {@code lr / (1. + decay * iterations)}, iterations counted before the update).
 */
class LearningRateDecayTest {

    private static final double LR = 0.1;
    private static final double DECAY = 0.5;

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static List<Optimizer> decayed() {
        return List.of(new SGD(LR).decay(DECAY), new SGD(LR).momentum(0.9).decay(DECAY),
                new SGD(LR).momentum(0.9).nesterov(true).decay(DECAY), new RMSprop(LR).decay(DECAY),
                new RMSprop(LR).decay(DECAY).epsilonOutsideSqrt(true), new Adagrad(LR).decay(DECAY),
                new Adadelta(LR).decay(DECAY), new Adam(LR).decay(DECAY), new Adam(LR).amsgrad(true).decay(DECAY),
                new Adamax(LR).decay(DECAY));
    }

    @Test
    void everyUpdaterUsesTheDecayedRateFromTheFirstIteration() {
        for (Optimizer optimizer : decayed()) {
            IUpdater updater = optimizer.toDl4j();
            // Hand-computed: 0.1 / (1 + 0.5 t) for t = 0, 1, 2, 3.
            double[] expected = {0.1, 0.1 / 1.5, 0.05, 0.1 / 2.5};
            for (int t = 0; t < expected.length; t++) {
                assertEquals(expected[t], updater.getLearningRate(t, 7), 1e-15, optimizer + " at t=" + t);
            }
            assertEquals(DECAY, optimizer.decay());
            assertEquals(LR, optimizer.learningRate());
            assertEquals(optimizer, optimizer.learningRate(0.3).learningRate(LR), "the decay survives a new rate");
        }
        assertNull(new SGD(LR).dl4jLearningRateSchedule());
        assertEquals(LR, new SGD(LR).toDl4j().getLearningRate(1000, 3));
    }

    /** Plain SGD's parameters step by step, computed by hand from the formula. */
    @Test
    void sgdFollowsTheDecayedRateStepByStep() {
        double[][] trajectory = UpdaterHarness.dl4jTrajectory(new SGD(LR).decay(DECAY).toDl4j(), DataType.DOUBLE, -1);
        double[] w = UpdaterHarness.PARAMS.clone();
        for (int t = 0; t < UpdaterHarness.GRADIENTS.length; t++) {
            double rate = LR / (1 + DECAY * t);
            for (int i = 0; i < w.length; i++) {
                w[i] -= rate * UpdaterHarness.GRADIENTS[t][i];
            }
            assertArrayEquals(w, trajectory[t], 1e-15, "step " + t);
        }
        // Classical momentum (standalone Keras: v = momentum * v - lr_t * g; w = w + v).
        trajectory = UpdaterHarness.dl4jTrajectory(new SGD(LR).momentum(0.9).decay(DECAY).toDl4j(),
                DataType.DOUBLE, 2);
        w = UpdaterHarness.PARAMS.clone();
        double[] v = new double[w.length];
        for (int t = 0; t < UpdaterHarness.GRADIENTS.length; t++) {
            double rate = LR / (1 + DECAY * t);
            for (int i = 0; i < w.length; i++) {
                v[i] = 0.9 * v[i] - rate * UpdaterHarness.GRADIENTS[t][i];
                w[i] += v[i];
            }
            assertArrayEquals(w, trajectory[t], 1e-14, "step " + t);
        }
    }

    @Test
    void decayMustBeANumberAtLeastZero() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new Adam().decay(-0.1));
        assertEquals("decay must be a number >= 0, received: -0.1", negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD().decay(Double.NaN));
        assertEquals(0.0, new Nadam().decay(), "Nadam has no decay; its schedule_decay is the momentum schedule");
        assertFalse(new SGD().config().containsKey("decay"), "tf.keras 2.11+'s config without decay");
        assertTrue(new SGD().decay(1e-6).config().containsKey("decay"));
    }

    private static final float[][] X = {{0.5f, -1f}, {1f, 0.25f}, {-0.75f, 0.5f}, {0.1f, 0.9f}};
    private static final float[][] Y = {{1f}, {0f}, {1f}, {0f}};

    private static Sequential model(Optimizer optimizer) {
        Sequential model = new Sequential().seed(11);
        model.add(new Dense(3, "tanh").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile(optimizer, "binary_crossentropy");
        return model;
    }

    private static Fit oneBatchPerEpoch(int epochs) {
        return Fit.epochs(epochs).batchSize(X.length).shuffle(false).verbose(0);
    }

    private static double[] weights(Sequential model) {
        return model.network().params().castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * With one batch per epoch DL4J's iteration count is the epoch, so the decay equals a LearningRateScheduler
     * setting {@code lr / (1 + decay * epoch)}: the same doubles, the same weights. This checks that DL4J's first
     * update is iteration 0, as Keras's.
     */
    @Test
    void inAFitTheCountStartsAtZeroAndRunsOn() {
        Sequential decayed = model(new SGD(LR).momentum(0.5).decay(DECAY));
        decayed.fit(X, Y, oneBatchPerEpoch(3));
        decayed.fit(X, Y, oneBatchPerEpoch(5).initialEpoch(3));
        Sequential scheduled = model(new SGD(LR).momentum(0.5));
        scheduled.fit(X, Y, oneBatchPerEpoch(5).callbacks(new LearningRateScheduler(
                (int epoch) -> LR / Math.pow(1 + DECAY * epoch, 1.0))));
        assertArrayEquals(weights(scheduled), weights(decayed));
        assertEquals(LR, decayed.learningRate(), "Keras 2's model.optimizer.lr is the base rate");
    }

    /**
     * Keras 2's callbacks set the base {@code lr}; the decay still applies on top, counted from the iterations done.
     * {@code model.learningRate(double)} (ReduceLROnPlateau's way) and LearningRateScheduler do the same.
     */
    @Test
    void aNewBaseRateKeepsTheDecay() {
        Sequential decayed = model(new Adam(LR).decay(DECAY));
        decayed.fit(X, Y, oneBatchPerEpoch(2));
        decayed.learningRate(0.05);
        assertEquals(new Adam(0.05).decay(DECAY), decayed.optimizer());
        decayed.fit(X, Y, oneBatchPerEpoch(4).initialEpoch(2));
        Sequential scheduled = model(new Adam(LR));
        scheduled.fit(X, Y, oneBatchPerEpoch(4).callbacks(new LearningRateScheduler(
                (int epoch) -> (epoch < 2 ? LR : 0.05) / Math.pow(1 + DECAY * epoch, 1.0))));
        assertArrayEquals(weights(scheduled), weights(decayed));

        Sequential both = model(new Adam(LR).decay(DECAY));
        both.fit(X, Y, oneBatchPerEpoch(4).callbacks(new LearningRateScheduler(
                (int epoch) -> epoch < 2 ? LR : 0.05)));
        assertArrayEquals(weights(scheduled), weights(both));
        assertEquals(0.05, both.learningRate());
    }
}
