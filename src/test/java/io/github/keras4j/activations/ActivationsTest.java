package io.github.keras4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

class ActivationsTest {

    private static final double[] X = {-3.0, -1.2, -0.3, 0.0, 0.4, 1.1, 2.7};

    /** Keras's formulas (tf.keras 2.x keras/activations.py), written out independently. */
    private static DoubleUnaryOperator kerasFormula(Activations activation) {
        return switch (activation) {
            case RELU -> x -> Math.max(x, 0);
            case SIGMOID -> x -> 1 / (1 + Math.exp(-x));
            case TANH -> Math::tanh;
            case LINEAR -> x -> x;
            case ELU -> x -> x > 0 ? x : Math.exp(x) - 1;
            case SELU -> x -> 1.0507009873554804934193349852946
                    * (x > 0 ? x : 1.6732632423543772848170429916717 * (Math.exp(x) - 1));
            case SOFTPLUS -> x -> Math.log(Math.exp(x) + 1);
            case SOFTSIGN -> x -> x / (Math.abs(x) + 1);
            case HARD_SIGMOID -> x -> Math.max(0, Math.min(1, 0.2 * x + 0.5));
            // Keras 3's keras/src/activations: relu6(x + 3) / 6.
            case KERAS3_HARD_SIGMOID -> x -> Math.min(Math.max(x + 3, 0), 6) / 6;
            case SILU -> x -> x / (1 + Math.exp(-x));
            case GELU -> x -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case EXPONENTIAL -> Math::exp;
            case LEAKY_RELU -> x -> x > 0 ? x : 0.2 * x;
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not elementwise");
        };
    }

    /** erf by its Taylor series, converging fast for the |x| < 2.5 used here. */
    private static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 60; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @ParameterizedTest
    @EnumSource(value = Activations.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void computesKerasFormula(Activations activation) {
        INDArray out = activation.toDl4j().getActivation(Nd4j.createFromArray(X), false);
        DoubleUnaryOperator formula = kerasFormula(activation);
        for (int i = 0; i < X.length; i++) {
            assertEquals(formula.applyAsDouble(X[i]), out.getDouble(i), 1e-6, activation + " at " + X[i]);
        }
    }

    @Test
    void softmaxNormalizesEachRow() {
        INDArray out = Activations.SOFTMAX.toDl4j().getActivation(Nd4j.createFromArray(new double[][] {{1, 2, 3}}),
                false);
        double denominator = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / denominator, out.getDouble(0, 2), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(value = Activations.class, names = {"GELU", "EXPONENTIAL", "SILU", "ELU", "LEAKY_RELU", "SELU",
        "HARD_SIGMOID", "KERAS3_HARD_SIGMOID"})
    void backpropMatchesFiniteDifferences(Activations activation) {
        IActivation function = activation.toDl4j();
        double[] x = {-1.7, -0.4, 0.3, 1.9};
        double[] upstream = {0.5, -1.5, 2.0, 0.25};
        INDArray gradient = function.backprop(Nd4j.createFromArray(x), Nd4j.createFromArray(upstream)).getFirst();
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double plus = function.getActivation(Nd4j.createFromArray(new double[] {x[i] + h}), false).getDouble(0);
            double minus = function.getActivation(Nd4j.createFromArray(new double[] {x[i] - h}), false).getDouble(0);
            assertEquals(upstream[i] * (plus - minus) / (2 * h), gradient.getDouble(i), 1e-6, activation + " at " + x[i]);
        }
    }

    @Test
    void namesAndAliasesResolveAsInKeras() {
        assertSame(Activations.SILU, Activations.get("swish"));
        assertSame(Activations.SILU, Activations.get("silu"));
        assertSame(Activations.LINEAR, Activations.get("linear"));
        for (Activations activation : Activations.values()) {
            assertSame(activation, Activations.get(activation.kerasName()));
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Activations.get("rleu"));
        assertTrue(error.getMessage().startsWith("unknown activation 'rleu'; did you mean 'relu'? valid: relu, "
                + "sigmoid"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Activations.class)
    void survivesDl4jsJsonConfiguration(Activations activation) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(activation.toDl4j()).build())
                .layer(new OutputLayer.Builder(new LossMSE()).nIn(2).nOut(1).activation(new ActivationIdentity()).build())
                .build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
    }
}
