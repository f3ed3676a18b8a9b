package io.github.keras4j.examples;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tutorial 001: the PyTorch-style XOR multilayer perceptron (Linear(2, 2) + sigmoid, Linear(2, 1) + sigmoid,
 * BCELoss, SGD with learning rate 0.1), trained on the truth tables of the logic gates until it classifies all four
 * inputs correctly, for at most 10000 epochs.
 */
public final class Tutorial001LogicGates {

    /** The inputs of every two-input gate. */
    public static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    /** The gates of the tutorial's table, each its outputs for {@link #INPUTS}. */
    public static final Map<String, double[]> GATES = gates();

    /** The tutorial's epoch budget. */
    public static final int MAX_EPOCHS = 10000;

    private Tutorial001LogicGates() {
    }

    private static Map<String, double[]> gates() {
        Map<String, double[]> gates = new LinkedHashMap<>();
        gates.put("AND", new double[] {0, 0, 0, 1});
        gates.put("OR", new double[] {0, 1, 1, 1});
        gates.put("NAND", new double[] {1, 1, 1, 0});
        gates.put("NOR", new double[] {1, 0, 0, 0});
        gates.put("XOR", new double[] {0, 1, 1, 0});
        gates.put("XNOR", new double[] {1, 0, 0, 1});
        return Map.copyOf(gates);
    }

    /** How one gate was learned: the epoch (from 1) at which all four outputs were right, or -1 if never. */
    public record Learned(String gate, int epoch, Sequential model, History history) {
        public boolean learned() {
            return epoch > 0;
        }
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
        for (String gate : new String[] {"AND", "OR", "NAND", "NOR", "XOR", "XNOR"}) {
            Learned result = learn(gate, seed);
            System.out.println(gate + ": " + (result.learned() ? "learned at epoch " + result.epoch()
                    : "not learned in " + MAX_EPOCHS + " epochs"));
        }
    }

    /** Trains the tutorial's network on one gate, stopping once every output rounds to the right value. */
    public static Learned learn(String gate, long seed) {
        return learn(gate, seed, new Callback[0]);
    }

    /** {@link #learn(String, long)} with more callbacks watching the training (e.g. a plot recorder). */
    public static Learned learn(String gate, long seed, Callback... watchers) {
        double[] outputs = GATES.get(gate);
        if (outputs == null) {
            throw new IllegalArgumentException("unknown gate '" + gate + "'; valid: " + GATES.keySet());
        }
        double[][] targets = new double[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            targets[i] = new double[] {outputs[i]};
        }

        Sequential model = new Sequential().seed(seed);
        model.add(new Dense(2, "sigmoid").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new SGD(0.1), "binary_crossentropy", "binary_accuracy");

        StopWhenAllCorrect stop = new StopWhenAllCorrect(targets);
        Callback[] callbacks = new Callback[watchers.length + 1];
        callbacks[0] = stop;
        System.arraycopy(watchers, 0, callbacks, 1, watchers.length);
        History history = model.fit(INPUTS, targets, Fit.epochs(MAX_EPOCHS).verbose(0).callbacks(callbacks));
        return new Learned(gate, stop.epoch, model, history);
    }

    /**
     * Ends training at the first epoch after which the model classifies all four inputs correctly, and remembers
     * that epoch. The epoch's binary_accuracy is measured before the epoch's update (as Keras measures training
     * metrics), so it only tells when to look; the decision is taken on the model as the update left it.
     */
    private static final class StopWhenAllCorrect extends Callback {
        private final INDArray inputs = Nd4j.createFromArray(INPUTS);
        private final double[][] targets;
        private int epoch = -1;

        StopWhenAllCorrect(double[][] targets) {
            this.targets = targets;
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            if (logs.get("binary_accuracy") < 1.0) {
                return;
            }
            INDArray outputs = model().predict(inputs, INPUTS.length, 0);
            for (int i = 0; i < targets.length; i++) {
                if ((outputs.getDouble(i, 0) > 0.5 ? 1.0 : 0.0) != targets[i][0]) {
                    return;
                }
            }
            this.epoch = epoch + 1;
            model().stopTraining(true);
        }
    }
}
