package io.github.keras4j.optimizers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/** Drives a DL4J {@link IUpdater} the way DL4J's UpdaterBlock does, on a small parameter vector. */
final class UpdaterHarness {

    /** Initial parameters. */
    static final double[] PARAMS = {1.0, -0.5, 0.25, 2.0, -1.5};

    /**
     * Gradients for 5 steps: signs that flip, a parameter whose gradient is mostly zero, one with tiny gradients
     * (so that epsilon matters) and one with large ones.
     */
    static final double[][] GRADIENTS = {
        {0.5, -1.0, 2.0, 0.0, 1e-3},
        {0.3, -0.8, -1.5, 0.0, 2e-3},
        {-0.2, 0.4, 1.0, 0.1, -1e-3},
        {0.7, -1.2, 0.5, 0.0, 5e-3},
        {0.1, 0.9, -2.5, -0.3, 0.0},
    };

    /** Padding around the state view, filled with a marker the updater must neither read nor write. */
    private static final int PADDING = 3;
    private static final double MARKER = 7.0;

    private UpdaterHarness() {
    }

    /** Keras's parameters after each step. */
    static double[][] kerasTrajectory(Optimizer optimizer) {
        KerasReference.Rule rule = KerasReference.of(optimizer, PARAMS.length);
        double[] w = PARAMS.clone();
        double[][] trajectory = new double[GRADIENTS.length][];
        for (int step = 0; step < GRADIENTS.length; step++) {
            rule.step(w, GRADIENTS[step], step + 1);
            trajectory[step] = w.clone();
        }
        return trajectory;
    }

    /**
     * The parameters after each step when DL4J applies {@code updater}: DL4J passes iteration 0, 1, ... and
     * subtracts what the updater leaves in the gradient. At step {@code restartAt} a new GradientUpdater takes
     * over the same state without initialising it, as after {@code MultiLayerNetwork.setLearningRate} or loading
     * a saved model.
     */
    static double[][] dl4jTrajectory(IUpdater updater, DataType dataType, int restartAt) {
        int n = PARAMS.length;
        long stateSize = updater.stateSize(n);
        INDArray stateHolder = Nd4j.valueArrayOf(new long[] {1, stateSize + 2 * PADDING}, MARKER, dataType);
        INDArray stateView = stateSize == 0 ? null
                : stateHolder.get(NDArrayIndex.all(), NDArrayIndex.interval(PADDING, PADDING + stateSize));
        INDArray params = Nd4j.createFromArray(PARAMS).castTo(dataType);
        GradientUpdater<?> gradientUpdater = updater.instantiate(stateView, true);
        double[][] trajectory = new double[GRADIENTS.length][];
        for (int step = 0; step < GRADIENTS.length; step++) {
            if (step == restartAt) {
                gradientUpdater = updater.instantiate(stateView, false);
            }
            INDArray gradient = Nd4j.createFromArray(GRADIENTS[step]).castTo(dataType);
            gradientUpdater.applyUpdater(gradient, step, 0);
            params.subi(gradient);
            trajectory[step] = params.toDoubleVector();
        }
        double[] padding = stateHolder.toDoubleVector();
        for (int i = 0; i < PADDING; i++) {
            if (padding[i] != MARKER || padding[padding.length - 1 - i] != MARKER) {
                throw new AssertionError("updater wrote outside its state view: " + Arrays.toString(padding));
            }
        }
        return trajectory;
    }
}
