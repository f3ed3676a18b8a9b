package io.github.keras4j.callbacks;

import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small models, scripted logs and stderr capture shared by the callback tests. */
final class CallbackFixtures {

    private CallbackFixtures() {
    }

    /** A mutable logs map, as fit passes at epoch end: {@code logs("loss", 0.5, "val_loss", 0.7)}. */
    static Map<String, Double> logs(Object... namesAndValues) {
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            logs.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return logs;
    }

    /** One linear unit on one input, compiled with SGD at {@code learningRate} and mse; weights w = 0, b = 0. */
    static Sequential linearUnit(double learningRate) {
        Sequential model = new Sequential(new Dense(1).inputDim(1)).seed(7);
        model.compile(new SGD(learningRate), "mse");
        setLinearUnit(model, 0, 0);
        return model;
    }

    /** Sets the kernel and bias of {@link #linearUnit}. */
    static void setLinearUnit(Sequential model, double kernel, double bias) {
        model.setWeights(0, new double[][] {{kernel}}, new double[] {bias});
    }

    /** The kernel of {@link #linearUnit}. */
    static double kernelOf(Sequential model) {
        return model.getWeights(0).get(0).getDouble(0, 0);
    }

    /** {@code x} evenly spread over [-1, 1] (mean 0), {@code y = slope * x}: rows x 1 each. */
    static float[][][] line(int rows, float slope) {
        float[][] x = new float[rows][1];
        float[][] y = new float[rows][1];
        for (int i = 0; i < rows; i++) {
            x[i][0] = -1f + 2f * i / (rows - 1);
            y[i][0] = slope * x[i][0];
        }
        return new float[][][] {x, y};
    }

    /** What {@code action} printed on System.err. */
    static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
