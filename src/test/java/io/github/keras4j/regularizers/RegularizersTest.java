package io.github.keras4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.internal.Registry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class RegularizersTest {

    private static final double[] WEIGHTS = {0.5, -1.25, 0.0, 2.0, -0.75, 0.1};

    /** Keras's L1L2.__call__: l1 * sum(|w|) + l2 * sum(w^2). */
    private static double kerasPenalty(double l1, double l2, double[] w) {
        double abs = 0;
        double square = 0;
        for (double v : w) {
            abs += Math.abs(v);
            square += v * v;
        }
        return l1 * abs + l2 * square;
    }

    /** The gradient of Keras's penalty (TensorFlow's gradient of abs is sign, 0 at 0): l1 * sign(w) + 2 * l2 * w. */
    private static double[] kerasGradient(double l1, double l2, double[] w) {
        double[] gradient = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            gradient[i] = l1 * Math.signum(w[i]) + 2 * l2 * w[i];
        }
        return gradient;
    }

    @ParameterizedTest(name = "l1={0}, l2={1}")
    @CsvSource({"0.01, 0.0", "0.0, 0.01", "0.03, 0.2", "0.5, 0.0", "0.0, 1.5"})
    void dl4jScoreAndGradientAreKerasPenaltyAndItsGradient(double l1, double l2) {
        Regularizer regularizer = Regularizers.l1L2(l1, l2);
        INDArray w = Nd4j.createFromArray(WEIGHTS);
        double score = 0;
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, WEIGHTS.length);
        for (Regularization regularization : regularizer.toDl4j()) {
            score += regularization.score(w, 0, 0);
            regularization.apply(w, gradient, 0.1, 0, 0);
        }
        assertEquals(kerasPenalty(l1, l2, WEIGHTS), score, 1e-12);
        assertArrayEquals(kerasGradient(l1, l2, WEIGHTS), gradient.toDoubleVector(), 1e-12);
        assertEquals(kerasPenalty(l1, l2, WEIGHTS), regularizer.penalty(w), 1e-12);
        assertArrayEquals(WEIGHTS, w.toDoubleVector(), "the weights are left alone");
    }

    @Test
    void kerasL2BecomesDl4jL2WithTwiceTheCoefficient() {
        List<Regularization> dl4j = Regularizers.l2(0.01).toDl4j();
        assertEquals(List.of(new L2Regularization(0.02)), dl4j);
        assertEquals(List.of(new L1Regularization(0.3)), Regularizers.l1(0.3).toDl4j());
        assertEquals(List.of(new L1Regularization(0.1), new L2Regularization(0.4)), Regularizers.l1L2(0.1, 0.2).toDl4j());
        assertEquals(List.of(), Regularizers.l1L2(0.0, 0.0).toDl4j());
    }

    private static MultiLayerNetwork network(Regularizer kernelRegularizer) {
        DenseLayer.Builder hidden = new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH);
        if (kernelRegularizer != null) {
            hidden.regularization(kernelRegularizer.toDl4j());
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1))
                .list()
                .layer(hidden.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
        // Through DL4J's JSON round trip: the regularizations must survive it to act below.
        MultiLayerNetwork network = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.toJson()));
        network.init();
        return network;
    }

    /** The values of a (view of a) parameter array, row by row. */
    private static double[] values(INDArray parameter) {
        return parameter.dup('c').reshape(parameter.length()).toDoubleVector();
    }

    @Test
    void inADl4jNetworkThePenaltyIsAddedToTheLossAndItsGradientToOneSgdStep() {
        double l1 = 0.02;
        double l2 = 0.05;
        DataSet batch = new DataSet(
                Nd4j.createFromArray(new double[][] {{0.1, -0.2, 0.3}, {1.0, 0.5, -0.5}, {0.0, 0.2, 0.9}}),
                Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}}));
        MultiLayerNetwork plain = network(null);
        MultiLayerNetwork regularized = network(Regularizers.l1L2(l1, l2));
        double[] kernel = values(plain.getParam("0_W"));
        assertArrayEquals(kernel, values(regularized.getParam("0_W")), "same seed, same weights");

        assertEquals(kerasPenalty(l1, l2, kernel), regularized.score(batch) - plain.score(batch), 1e-12);

        plain.fit(batch);
        regularized.fit(batch);
        double[] plainKernel = values(plain.getParam("0_W"));
        double[] regularizedKernel = values(regularized.getParam("0_W"));
        assertTrue(Math.abs(plainKernel[0] - kernel[0]) > 1e-6, "the step changed the kernel");
        double[] penaltyGradient = kerasGradient(l1, l2, kernel);
        for (int i = 0; i < kernel.length; i++) {
            assertEquals(-0.1 * penaltyGradient[i], regularizedKernel[i] - plainKernel[i], 1e-12, "kernel value " + i);
        }
        assertEquals(plain.getParam("0_b"), regularized.getParam("0_b"), "the bias is not regularized");
    }

    @Test
    void namesGiveKerasDefaults() {
        assertEquals(Regularizers.l1(0.01), Regularizers.get("l1"));
        assertEquals(Regularizers.l1(0.01), Regularizers.get("L1"));
        assertEquals(Regularizers.l2(0.01), Regularizers.get("l2"));
        assertEquals(Regularizers.l2(0.01), Regularizers.get("L2"));
        assertEquals(Regularizers.l1L2(0.01, 0.01), Regularizers.get("l1_l2"));
        assertEquals(Regularizers.l1L2(0.0, 0.0), Regularizers.get("L1L2"));
        assertEquals(List.of("l1", "l2", "l1_l2", "L1L2", "orthogonal_regularizer"),
                Registry.canonicalNames(Regularizers.Name.class));
    }

    @Test
    void classNamesAndConfigsAreKeras() {
        assertEquals("L1", Regularizers.get("l1").className());
        assertEquals(Map.of("l1", 0.01), Regularizers.get("l1").config());
        assertEquals("L2", Regularizers.l2(0.5).className());
        assertEquals(Map.of("l2", 0.5), Regularizers.l2(0.5).config());
        assertEquals("L1L2", Regularizers.get("l1_l2").className());
        assertEquals(List.of("l1", "l2"), List.copyOf(Regularizers.l1L2(0.1, 0.2).config().keySet()));
        assertEquals(Map.of("l1", 0.1, "l2", 0.2), Regularizers.l1L2(0.1, 0.2).config());
        assertEquals("L1L2{l1=0.1, l2=0.2}", Regularizers.l1L2(0.1, 0.2).toString());
    }

    @Test
    void everyRegularizerSurvivesItsOwnConfig() {
        for (Regularizer regularizer : List.of(Regularizers.l1(0.3), Regularizers.l2(0.02),
                Regularizers.l1L2(0.1, 0.0), Regularizers.l1L2(0.0, 0.4))) {
            assertEquals(regularizer, Regularizers.fromConfig(regularizer.className(), regularizer.config()));
        }
    }

    @Test
    void fromConfigReadsKerasConfigs() {
        assertEquals(Regularizers.l1(0.3), Regularizers.fromConfig("L1", Map.of("l", 0.3)));
        assertEquals(Regularizers.l2(0.01), Regularizers.fromConfig("L2", Map.of()));
        assertEquals(Regularizers.l1L2(0.0, 0.5), Regularizers.fromConfig("L1L2", Map.of("l2", 0.5)));
        Map<String, Object> withNone = new HashMap<>();
        withNone.put("l1", null);
        withNone.put("l2", 1);
        assertEquals(Regularizers.l1L2(0.0, 1.0), Regularizers.fromConfig("L1L2", withNone));
        assertEquals(Regularizers.l2(0.01), Regularizers.fromConfig("l2", Map.of("l2", 0.01)));
        assertEquals("regularizer L2 does not take [l1]; valid arguments: l2, l",
                assertThrows(IllegalArgumentException.class,
                        () -> Regularizers.fromConfig("L2", Map.of("l1", 0.1))).getMessage());
        assertEquals("regularizer L1L2: l1 must be a number, received: 'a lot'",
                assertThrows(IllegalArgumentException.class,
                        () -> Regularizers.fromConfig("L1L2", Map.of("l1", "a lot"))).getMessage());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l3"));
        assertTrue(error.getMessage().startsWith("unknown regularizer 'l3'; did you mean 'l1'? valid: l1, l2, l1_l2, L1L2"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Regularizers.get("L1_L2"));
    }

    @Test
    void orthogonalRegularizerIsKnownButNotSupported() {
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> Regularizers.get("orthogonal_regularizer"));
        assertTrue(error.getMessage().contains("OrthogonalRegularizer"), error.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> Regularizers.get("OrthogonalRegularizer"));
    }

    @Test
    void factorsMustBeFiniteNumbers() {
        assertEquals("l2 must be a finite number, received: NaN",
                assertThrows(IllegalArgumentException.class, () -> Regularizers.l2(Double.NaN)).getMessage());
        assertEquals("l1 must be a finite number, received: -Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> Regularizers.l1L2(Double.NEGATIVE_INFINITY, 0.0)).getMessage());
    }
}
