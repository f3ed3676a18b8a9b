package io.github.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Embedding;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Data of any rank through fit, evaluate and predict: sequences {@code [samples, timesteps, features]} with labels per
 * sample or per timestep, token indices, and timestep masks, which the loss and the metrics honour as Keras does.
 * Every expected number is computed here by hand.
 */
class SequenceDataTest {

    private static final int SAMPLES = 5;
    private static final int STEPS = 3;
    private static final int FEATURES = 4;

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static double[][][] random(int samples, int steps, int features, long seed) {
        Random random = new Random(seed);
        double[][][] values = new double[samples][steps][features];
        for (double[][] sample : values) {
            for (double[] step : sample) {
                for (int f = 0; f < features; f++) {
                    step[f] = Math.round(random.nextGaussian() * 8) / 8.0;
                }
            }
        }
        return values;
    }

    /** x . W + b at every timestep. */
    private static double[][][] dense(double[][][] x, INDArray kernel, INDArray bias) {
        int units = (int) kernel.columns();
        double[][][] out = new double[x.length][x[0].length][units];
        for (int s = 0; s < x.length; s++) {
            for (int t = 0; t < x[0].length; t++) {
                for (int u = 0; u < units; u++) {
                    double sum = bias.getDouble(u);
                    for (int f = 0; f < x[0][0].length; f++) {
                        sum += x[s][t][f] * kernel.getDouble(f, u);
                    }
                    out[s][t][u] = sum;
                }
            }
        }
        return out;
    }

    private static INDArray array(double[][][] values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    }

    private static void assertClose(double[][][] expected, INDArray actual, double tolerance) {
        assertArrayEquals(new long[] {expected.length, expected[0].length, expected[0][0].length}, actual.shape());
        for (int s = 0; s < expected.length; s++) {
            for (int t = 0; t < expected[0].length; t++) {
                for (int u = 0; u < expected[0][0].length; u++) {
                    assertEquals(expected[s][t][u], actual.getDouble(s, t, u), tolerance, "at " + s + "," + t + "," + u);
                }
            }
        }
    }

    @Test
    void denseMapsEveryTimestepAndTheSummaryShowsTheSequence() {
        Sequential model = new Sequential(new Dense(2, "linear").inputShape(STEPS, FEATURES));
        model.seed(1);
        double[][][] x = random(SAMPLES, STEPS, FEATURES, 2);
        INDArray predicted = model.predict(array(x), 2, 0);
        List<INDArray> weights = model.getWeights(0);
        assertClose(dense(x, weights.get(0), weights.get(1)), predicted, 1e-5);
        assertEquals(Shape.of(STEPS, 2), model.outputShape());
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(" dense (Dense)") && line.contains("(None, 3, 2)")
                && line.trim().endsWith("10")), lines.toString());
    }

    @Test
    void aLossPerTimestepIsTheMeanOverEveryTimestepAsKerasAverages() {
        Sequential model = new Sequential(new Dense(2).inputShape(Shape.NONE, FEATURES));
        model.seed(3);
        model.compile(new SGD(0.1), "mse", "mae");
        double[][][] x = random(SAMPLES, STEPS, FEATURES, 4);
        double[][][] y = random(SAMPLES, STEPS, 2, 5);
        INDArray kernel = model.getWeights(0).get(0);
        INDArray bias = model.getWeights(0).get(1);
        double[][][] out = dense(x, kernel, bias);
        double squared = 0;
        double absolute = 0;
        double[][] kernelGradient = new double[FEATURES][2];
        double[] biasGradient = new double[2];
        int elements = SAMPLES * STEPS * 2;
        for (int s = 0; s < SAMPLES; s++) {
            for (int t = 0; t < STEPS; t++) {
                for (int u = 0; u < 2; u++) {
                    double error = out[s][t][u] - y[s][t][u];
                    squared += error * error;
                    absolute += Math.abs(error);
                    biasGradient[u] += 2 * error / elements;
                    for (int f = 0; f < FEATURES; f++) {
                        kernelGradient[f][u] += 2 * error * x[s][t][f] / elements;
                    }
                }
            }
        }
        double[] scores = model.evaluate(array(x), array(y), 32, 0);
        assertEquals(squared / elements, scores[0], 1e-5);
        assertEquals(absolute / elements, scores[1], 1e-5);

        model.fit(array(x), array(y), Fit.epochs(1).batchSize(SAMPLES).verbose(0));
        for (int f = 0; f < FEATURES; f++) {
            for (int u = 0; u < 2; u++) {
                assertEquals(kernel.getDouble(f, u) - 0.1 * kernelGradient[f][u],
                        model.getWeights(0).get(0).getDouble(f, u), 1e-5);
            }
        }
        assertEquals(bias.getDouble(1) - 0.1 * biasGradient[1], model.getWeights(0).get(1).getDouble(1), 1e-5);
    }

    /** Sequences padded with -1 at the start (Keras's pad_sequences) and at the end, 2 to 3 steps long. */
    private static double[][][] padded(double[][][] x, int[] lengths, boolean atStart) {
        double[][][] copy = new double[x.length][][];
        for (int s = 0; s < x.length; s++) {
            copy[s] = new double[x[s].length][];
            for (int t = 0; t < x[s].length; t++) {
                boolean padding = atStart ? t < x[s].length - lengths[s] : t >= lengths[s];
                copy[s][t] = padding ? new double[] {-1, -1, -1, -1} : x[s][t].clone();
            }
        }
        return copy;
    }

    @Test
    void maskedTimestepsCountNeitherInTheLossNorInTheMetricsNorInTheGradient() {
        int[] lengths = {3, 1, 2, 3, 2};
        double[][][] x = padded(random(SAMPLES, STEPS, FEATURES, 6), lengths, true);
        double[][][] y = random(SAMPLES, STEPS, 1, 7);
        Sequential model = new Sequential(new Masking(-1).inputShape(Shape.NONE, FEATURES), new Dense(1));
        model.seed(8);
        model.compile(new SGD(0.5), "mse", "mae");
        INDArray kernel = model.getWeights(1).get(0);
        INDArray bias = model.getWeights(1).get(1);
        double[][][] out = dense(x, kernel, bias);
        double squared = 0;
        double absolute = 0;
        int counted = 0;
        double biasGradient = 0;
        // Keras's evaluate: each batch's loss is its masked mean; the losses are averaged weighted by batch size.
        double batchedLoss = 0;
        double batchSquared = 0;
        int batchCounted = 0;
        for (int s = 0; s < SAMPLES; s++) {
            for (int t = STEPS - lengths[s]; t < STEPS; t++) {
                double error = out[s][t][0] - y[s][t][0];
                squared += error * error;
                absolute += Math.abs(error);
                biasGradient += 2 * error;
                counted++;
                batchSquared += error * error;
                batchCounted++;
            }
            if (s % 2 == 1 || s == SAMPLES - 1) {
                batchedLoss += batchSquared / batchCounted * (s % 2 + 1);
                batchSquared = 0;
                batchCounted = 0;
            }
        }
        double[] scores = model.evaluate(array(x), array(y), SAMPLES, 0);
        assertEquals(squared / counted, scores[0], 1e-5);
        assertEquals(absolute / counted, scores[1], 1e-5);
        double[] batched = model.evaluate(array(x), array(y), 2, 0);
        assertEquals(batchedLoss / SAMPLES, batched[0], 1e-5);
        assertEquals(absolute / counted, batched[1], 1e-5);

        model.fit(array(x), array(y), Fit.epochs(1).batchSize(SAMPLES).verbose(0));
        assertEquals(bias.getDouble(0) - 0.5 * biasGradient / counted, model.getWeights(1).get(1).getDouble(0), 1e-5);
        // Batches of 2 and shuffling with a validation split run on masks too.
        model.fit(array(x), array(y), Fit.epochs(2).batchSize(2).validationSplit(0.4).verbose(0));
    }

    @Test
    void tokenIndicesFeedAnEmbeddingWhoseZerosAreMasked() {
        int[][] tokens = {{0, 0, 3, 1}, {2, 4, 4, 1}, {0, 1, 2, 3}};
        Sequential model = new Sequential(new Embedding(5, 2).maskZero(true), new Dense(1));
        model.seed(9);
        model.compile("sgd", "mse");
        assertEquals(Shape.of(Shape.NONE, 1), model.outputShape());
        INDArray embeddings = model.getWeights(0).get(0);
        INDArray kernel = model.getWeights(1).get(0);
        INDArray predicted = model.predict(tokens);
        assertArrayEquals(new long[] {3, 4, 1}, predicted.shape());
        double expected = embeddings.getDouble(4, 0) * kernel.getDouble(0, 0)
                + embeddings.getDouble(4, 1) * kernel.getDouble(1, 0);
        assertEquals(expected, predicted.getDouble(1, 2, 0), 1e-6);
        model.fit(Nd4j.createFromArray(tokens), Nd4j.rand(DataType.FLOAT, 3, 4, 1), Fit.epochs(1).verbose(0));

        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new int[][] {{1, 5}}));
        assertEquals("x sample 0, timestep 1 is 5.0, not a token index in [0, 5) for the input_dim of layer "
                + "'embedding' (Embedding)", outOfRange.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.createFromArray(new float[][] {{1.5f}}), 1, 0));
        assertTrue(fraction.getMessage().startsWith("x sample 0, timestep 0 is 1.5, not a token index"),
                fraction.getMessage());
    }

    @Test
    void flattenOnSequencesGoesTimestepByTimestep() {
        Sequential model = new Sequential(new Flatten().inputShape(STEPS, 2), new Dense(1));
        model.seed(10);
        double[][][] x = random(SAMPLES, STEPS, 2, 11);
        INDArray kernel = model.getWeights(1).get(0);
        INDArray predicted = model.predict(array(x), 32, 0);
        double expected = model.getWeights(1).get(1).getDouble(0);
        for (int t = 0; t < STEPS; t++) {
            for (int f = 0; f < 2; f++) {
                expected += x[1][t][f] * kernel.getDouble(t * 2 + f, 0);
            }
        }
        assertEquals(expected, predicted.getDouble(1, 0), 1e-5);
    }

    @Test
    void sequencesOfTheWrongShapeOrLabelsNotPerTimestepAreNamedErrors() {
        Sequential model = new Sequential(new Dense(2).inputShape(Shape.NONE, FEATURES));
        model.compile("sgd", "mse");
        IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.zeros(DataType.FLOAT, 2, 3, 5), 32, 0));
        assertEquals("x has shape [2, 3, 5] but the model takes samples of shape [None, 4] (the input of layer "
                + "'dense'): give an array of shape [samples, None, 4]", features.getMessage());
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> model.fit(Nd4j.zeros(DataType.FLOAT, 2, 3, 4), Nd4j.zeros(DataType.FLOAT, 2, 2)));
        assertEquals("y has shape [2, 2] but the last layer 'dense' outputs sequences of 3 timesteps of 2 units for "
                + "the 2 samples of x: mean_squared_error needs labels of shape [2, 3, 2]", labels.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new float[][][] {{{1, 2, 3, 4}}, {{1, 2, 3, 4}, {1, 2, 3, 4}}}));
        assertEquals("x is not rectangular: row 1 has 2 values but row 0 has 1", ragged.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.createFromArray(new float[][][] {{{1, 2, 3, Float.NaN}}}), 1, 0));
        assertEquals("x contains NaN at sample 0, timestep 0, feature 3: every value must be a finite number",
                nan.getMessage());
    }
}
