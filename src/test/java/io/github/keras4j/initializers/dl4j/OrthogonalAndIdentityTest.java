package io.github.keras4j.initializers.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.initializers.Identity;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.initializers.Orthogonal;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class OrthogonalAndIdentityTest {

    /** gain^2 I = W^T W for a tall or square W (orthogonal columns), W W^T for a wide one (orthogonal rows). */
    private static void assertOrthogonal(INDArray weights, double gain, double tolerance) {
        INDArray w = weights.castTo(DataType.DOUBLE);
        boolean wide = w.rows() < w.columns();
        INDArray gram = wide ? w.mmul(w.transpose()) : w.transpose().mmul(w);
        INDArray expected = Nd4j.eye(Math.min(w.rows(), w.columns())).castTo(DataType.DOUBLE).muli(gain * gain);
        double worst = gram.sub(expected).amaxNumber().doubleValue();
        assertTrue(worst < tolerance, "largest deviation from gain^2 I: " + worst);
    }

    @ParameterizedTest(name = "{0} x {1}, gain {2}")
    @CsvSource({"64, 64, 1.0", "100, 40, 1.0", "40, 100, 1.0", "30, 30, 2.0", "50, 7, 0.5", "7, 50, 3.0", "1, 1, 1.0",
        "1, 9, 1.0"})
    void orthogonalHasOrthonormalColumnsOrRowsTimesGain(long rows, long cols, double gain) {
        Nd4j.getRandom().setSeed(rows * 1000 + cols);
        INDArray weights = Initializers.generate(new Orthogonal(gain), DataType.DOUBLE, rows, cols);
        assertArrayEquals(new long[] {rows, cols}, weights.shape());
        assertOrthogonal(weights, gain, 1e-12);
    }

    /** Keras's algorithm written out with commons-math3's QR on the same normal matrix our initializer draws. */
    private static double[][] kerasOrthogonal(long seed, int rows, int cols, double gain) {
        Nd4j.getRandom().setSeed(seed);
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        INDArray normal = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {tall, narrow}, 'f');
        Nd4j.getExecutioner().exec(new GaussianDistribution(normal, 0.0, 1.0), Nd4j.getRandom());
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(normal.toDoubleMatrix()));
        RealMatrix q = qr.getQ().getSubMatrix(0, tall - 1, 0, narrow - 1);
        RealMatrix r = qr.getR();
        for (int j = 0; j < narrow; j++) {
            q.setColumnVector(j, q.getColumnVector(j).mapMultiply(Math.signum(r.getEntry(j, j)) * gain));
        }
        return (rows < cols ? q.transpose() : q).getData();
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"12, 12", "20, 6", "6, 20"})
    void orthogonalFollowsKerasAlgorithmIncludingTheSignFix(int rows, int cols) {
        double[][] expected = kerasOrthogonal(77, rows, cols, 1.5);
        Nd4j.getRandom().setSeed(77);
        double[][] actual = Initializers.generate(new Orthogonal(1.5), DataType.DOUBLE, rows, cols).toDoubleMatrix();
        for (int i = 0; i < rows; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-10, "row " + i);
        }
    }

    @Test
    void orthogonalInsideADenseLayerOfADl4jNetwork() {
        // DL4J stores a Dense kernel as an 'f'-ordered [nIn, nOut] view of the flat parameters.
        MultiLayerNetwork wide = network(new OrthogonalWeightInit(1.0), 5, 12);
        assertOrthogonal(wide.getParam("0_W"), 1.0, 1e-5);
        MultiLayerNetwork tall = network(new OrthogonalWeightInit(2.0), 12, 5);
        assertOrthogonal(tall.getParam("0_W"), 2.0, 1e-4);
    }

    @Test
    void orthogonalRejectsOtherRanks() {
        IWeightInit init = new OrthogonalWeightInit(1.0);
        INDArray vector = Nd4j.create(DataType.FLOAT, 6);
        IllegalArgumentException vectorError = assertThrows(IllegalArgumentException.class,
                () -> init.init(6, 6, new long[] {6}, 'c', vector));
        assertTrue(vectorError.getMessage().contains("at least two-dimensional"), vectorError.getMessage());
        INDArray kernel = Nd4j.create(DataType.FLOAT, 2 * 3 * 3 * 3);
        UnsupportedOperationException kernelError = assertThrows(UnsupportedOperationException.class,
                () -> init.init(27, 18, new long[] {2, 3, 3, 3}, 'c', kernel));
        assertTrue(kernelError.getMessage().contains("[2, 3, 3, 3]"), kernelError.getMessage());
    }

    @Test
    void identityPutsGainOnTheDiagonalOfAnyShape() {
        assertArrayEquals(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}},
                Initializers.generate(new Identity(), DataType.DOUBLE, 2, 4).toDoubleMatrix());
        assertArrayEquals(new double[][] {{0.5, 0}, {0, 0.5}, {0, 0}},
                Initializers.generate(new Identity(0.5), DataType.DOUBLE, 3, 2).toDoubleMatrix());
        INDArray kernel = network(new IdentityWeightInit(2.0), 3, 4).getParam("0_W");
        assertArrayEquals(new double[][] {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}},
                kernel.castTo(DataType.DOUBLE).toDoubleMatrix());
    }

    @Test
    void identityRejectsOtherRanks() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Initializers.generate(new Identity(), DataType.FLOAT, 4));
        assertTrue(error.getMessage().contains("2D matrices"), error.getMessage());
    }

    @Test
    void gainsMustBeFinite() {
        assertEquals("gain must be a finite number, received: NaN",
                assertThrows(IllegalArgumentException.class, () -> new OrthogonalWeightInit(Double.NaN)).getMessage());
        assertEquals("gain must be a finite number, received: Infinity",
                assertThrows(IllegalArgumentException.class, () -> new Identity(Double.POSITIVE_INFINITY)).getMessage());
    }

    static MultiLayerNetwork network(IWeightInit kernelInit, int inputs, int units) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(units).weightInit(kernelInit)
                        .activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(units).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
