package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.Regularizers;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseTest {

    private static final double[][] X = {{1.0, 2.0}, {-1.0, 0.5}, {0.0, -3.0}};
    private static final double[][] KERNEL = {{1.0, -1.0, 0.5}, {2.0, 0.0, -1.0}};
    private static final double[] BIAS = {0.1, 0.2, -0.3};

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static double[][] expected(boolean relu, boolean bias) {
        double[][] out = new double[X.length][3];
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < 3; j++) {
                double z = (bias ? BIAS[j] : 0) + X[i][0] * KERNEL[0][j] + X[i][1] * KERNEL[1][j];
                out[i][j] = relu ? Math.max(0, z) : z;
            }
        }
        return out;
    }

    private static void assertOutputs(double[][] expected, INDArray actual) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), 1e-6, "output[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void outputsActivationOfInputTimesKernelPlusBias() {
        Sequential model = new Sequential(new Dense(3, "relu").inputDim(2));
        model.setWeights(0, KERNEL, BIAS);
        assertOutputs(expected(true, true), model.predict(Nd4j.createFromArray(X), 32, 0));
    }

    @Test
    void withoutBiasItHasOnlyAKernel() {
        Sequential model = new Sequential(new Dense(3).useBias(false).inputDim(2));
        model.setWeights(0, KERNEL, null);
        assertEquals(1, model.getWeights(0).size());
        assertOutputs(expected(false, false), model.predict(Nd4j.createFromArray(X), 32, 0));
        assertEquals(6, new Dense(3).useBias(false).countParams(2));
    }

    @Test
    void weightsComeBackInKerasShapes() {
        Sequential model = new Sequential(new Dense(3).inputDim(2), new Dense(1));
        model.setWeights(0, KERNEL, BIAS);
        List<INDArray> weights = model.getWeights(0);
        assertArrayEquals(new long[] {2, 3}, weights.get(0).shape());
        assertArrayEquals(new long[] {3}, weights.get(1).shape());
        assertEquals(-1.0, weights.get(0).getDouble(0, 1));
        assertEquals(-0.3, weights.get(1).getDouble(2), 1e-7);
        // get_weights returns copies, as Keras returns NumPy copies.
        weights.get(0).assign(0);
        assertEquals(1.0, model.getWeights(0).get(0).getDouble(0, 0));
    }

    @Test
    void setWeightsRejectsWrongShapesNamingThem() {
        Sequential model = new Sequential(new Dense(3).inputDim(2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.setWeights(0, Nd4j.zeros(3, 2), Nd4j.zeros(3)));
        assertEquals("weight 'W' of layer dense (Dense) has shape [2, 3] but the value given has shape [3, 2]",
                error.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> model.setWeights(0, Nd4j.zeros(2, 3)));
        assertEquals("layer dense (Dense) has 2 weight arrays [W, b] but 1 were given", count.getMessage());
    }

    @Test
    void unitsMustBePositiveAndTheErrorEchoesThem() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Dense(-1));
        assertEquals("Received an invalid value for `units`, expected a positive integer. Received: units=-1",
                error.getMessage());
        IllegalArgumentException activation = assertThrows(IllegalArgumentException.class,
                () -> new Dense(4, "rellu"));
        assertEquals(true, activation.getMessage().startsWith("unknown activation 'rellu'; did you mean 'relu'?"));
    }

    @Test
    void hasKerasDefaults() {
        Dense dense = new Dense(4);
        assertSame(Activations.LINEAR, dense.activation());
        assertEquals(true, dense.useBias());
        assertEquals(Initializers.get("glorot_uniform").className(), dense.kernelInitializer().className());
        assertEquals(Initializers.get("zeros").className(), dense.biasInitializer().className());
        assertEquals(null, dense.kernelRegularizer());
        assertEquals(null, dense.biasRegularizer());
        assertEquals(null, dense.inputShape());
    }

    @Test
    void settersReturnNewValuesAndLeaveTheOriginalAlone() {
        Dense original = new Dense(4, "relu");
        Dense changed = original.useBias(false).activation("tanh").inputDim(3);
        assertNotSame(original, changed);
        assertEquals(true, original.useBias());
        assertSame(Activations.RELU, original.activation());
        assertEquals(null, original.inputShape());
        assertEquals(false, changed.useBias());
        assertSame(Activations.TANH, changed.activation());
        assertArrayEquals(new long[] {3}, changed.inputShape());
    }

    @Test
    void kernelRegularizerAddsKerasPenaltyToTheLoss() {
        Sequential model = new Sequential(new Dense(1).kernelRegularizer(Regularizers.l2(0.5)).inputDim(2));
        model.compile("sgd", "mse");
        model.setWeights(0, new double[][] {{1.0}, {2.0}}, new double[] {0.0});
        double[] scores = model.evaluate(Nd4j.createFromArray(new double[][] {{0, 0}}),
                Nd4j.createFromArray(new double[][] {{1}}), 32, 0);
        // mse (0 - 1)^2 = 1, plus Keras's l2 penalty 0.5 * (1 + 4) = 2.5.
        assertEquals(3.5, scores[0], 1e-6);
    }

    @Test
    void randomBiasInitializerDrawsDifferentBiases() {
        Sequential model = new Sequential(new Dense(50).biasInitializer("random_normal").inputDim(2)).seed(3);
        INDArray bias = model.getWeights(0).get(1);
        assertNotEquals(0.0, bias.stdNumber().doubleValue());
        assertEquals(0.05, bias.stdNumber().doubleValue(), 0.02);
    }
}
