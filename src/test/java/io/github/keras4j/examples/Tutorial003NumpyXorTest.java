package io.github.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Golden test of tutorial 003: the numpy network through the API must print the tutorial's loss sequence and end
 * with its weights. The gold is the tutorial's own output (src/test/resources/tutorials/003_losses.txt, its 500
 * {@code t loss} lines copied verbatim) and its update rule written out in plain Java below.
 */
class Tutorial003NumpyXorTest {

    private static final double RELATIVE = 1e-9;

    @Test
    void lossSequenceEqualsTheTutorialsOutput() throws IOException {
        List<Double> gold = tutorialLosses();
        List<Double> losses = Tutorial003NumpyXor.run().history().get("loss");
        assertEquals(500, gold.size());
        assertEquals(500, losses.size());
        for (int t = 0; t < 500; t++) {
            assertEquals(gold.get(t), losses.get(t), Math.abs(gold.get(t)) * RELATIVE, "loss at iteration " + t);
        }
        assertEquals(1.1201309285195922e-08, losses.get(499), 1.1201309285195922e-08 * RELATIVE);
    }

    @Test
    void finalWeightsEqualTheNumpyLoop() {
        double[][][] numpy = numpyLoop();
        List<INDArray> weights = Tutorial003NumpyXor.run().weights();
        for (int layer = 0; layer < 2; layer++) {
            double[][] expected = numpy[layer];
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    assertEquals(expected[i][j], weights.get(layer).getDouble(i, j),
                            Math.abs(expected[i][j]) * RELATIVE, "w" + (layer + 1) + "[" + i + "][" + j + "]");
                }
            }
        }
        // The values the tutorial prints, to its 8 decimals.
        assertEquals(1.01377406, weights.get(0).getDouble(0, 1), 5e-9);
        assertEquals(0.98634069, weights.get(1).getDouble(1, 0), 5e-9);
    }

    private static List<Double> tutorialLosses() throws IOException {
        List<Double> losses = new ArrayList<>();
        try (InputStream in = Tutorial003NumpyXorTest.class.getResourceAsStream("/tutorials/003_losses.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] fields = line.trim().split(" ");
                    assertEquals(losses.size(), Integer.parseInt(fields[0]));
                    losses.add(Double.parseDouble(fields[1]));
                }
            }
        }
        return losses;
    }

    /** The tutorial's loop: h = x.w1, relu, y = h.w2, loss sum of squares, plain gradient descent. */
    private static double[][][] numpyLoop() {
        double[][] x = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 0}};
        double[] y = {0, 1, 1, 0};
        double[][] w1 = copy(Tutorial003NumpyXor.W1);
        double[][] w2 = copy(Tutorial003NumpyXor.W2);
        for (int t = 0; t < 500; t++) {
            double[][] h = new double[4][2];
            double[] prediction = new double[4];
            for (int n = 0; n < 4; n++) {
                for (int k = 0; k < 2; k++) {
                    h[n][k] = x[n][0] * w1[0][k] + x[n][1] * w1[1][k] + x[n][2] * w1[2][k];
                    prediction[n] += Math.max(h[n][k], 0) * w2[k][0];
                }
            }
            double[][] gradW1 = new double[3][2];
            double[] gradW2 = new double[2];
            for (int n = 0; n < 4; n++) {
                double gradPrediction = 2.0 * (prediction[n] - y[n]);
                for (int k = 0; k < 2; k++) {
                    gradW2[k] += Math.max(h[n][k], 0) * gradPrediction;
                    double gradH = h[n][k] < 0 ? 0 : gradPrediction * w2[k][0];
                    for (int i = 0; i < 3; i++) {
                        gradW1[i][k] += x[n][i] * gradH;
                    }
                }
            }
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 2; k++) {
                    w1[i][k] -= 0.01 * gradW1[i][k];
                }
            }
            for (int k = 0; k < 2; k++) {
                w2[k][0] -= 0.01 * gradW2[k];
            }
        }
        return new double[][][] {w1, w2};
    }

    private static double[][] copy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
