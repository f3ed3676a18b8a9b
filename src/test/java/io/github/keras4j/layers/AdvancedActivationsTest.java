package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.keras.KerasJson;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ELU, LeakyReLU, ReLU, Softmax, ThresholdedReLU and PReLU compute Keras's formulas (forward, and the gradient
 * that DL4J's backprop passes to the layer below), write Keras 2's config and read it back.
 */
class AdvancedActivationsTest {

    private static final double[] X = {-2.0, -0.5, 0.0, 0.3, 0.7, 1.5, 4.0};

    @BeforeEach
    void reset() {
        Backend.clearSession();
        Backend.setFloatx("float64");
    }

    @org.junit.jupiter.api.AfterEach
    void restore() {
        Backend.setFloatx("float32");
    }

    /** A model: identity Dense (so the layer sees X exactly) then the layer under test. */
    private static Sequential model(Layer layer) {
        Sequential model = new Sequential();
        model.add(new Dense(X.length).inputDim(X.length).useBias(false));
        model.add(layer);
        model.setWeights(0, Nd4j.eye(X.length).castTo(DataType.DOUBLE));
        return model;
    }

    private static double[] predict(Layer layer) {
        return model(layer).predict(Nd4j.createFromArray(new double[][] {X})).toDoubleVector();
    }

    private static void assertFormula(Layer layer, DoubleUnaryOperator keras, DoubleUnaryOperator derivative) {
        double[] expected = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            expected[i] = keras.applyAsDouble(X[i]);
        }
        assertArrayEquals(expected, predict(layer), 1e-12, layer.toString());
        // The gradient of sum(output) with respect to the layer's input, through DL4J's backprop.
        Sequential model = model(layer);
        model.compile("sgd", "mse");
        var network = model.network();
        INDArray input = Nd4j.createFromArray(new double[][] {X});
        network.setInput(input);
        network.feedForward(true, false);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 1, X.length);
        INDArray gradient = network.getLayer(1).backpropGradient(ones,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond();
        for (int i = 0; i < X.length; i++) {
            if (X[i] != 0.0 && X[i] != 0.7) {
                // the kinks are at 0 and at the thresholds used below; Keras's gradient there is a convention
                assertEquals(derivative.applyAsDouble(X[i]), gradient.getDouble(0, i), 1e-7, layer + " at " + X[i]);
            }
        }
    }

    @Test
    void eluScalesTheNegativePartAndItsGradient() {
        assertFormula(new ELU(0.7), x -> x > 0 ? x : 0.7 * (Math.exp(x) - 1), x -> x > 0 ? 1 : 0.7 * Math.exp(x));
    }

    @Test
    void leakyReluUsesKerasDefaultSlope() {
        assertEquals(0.3, new LeakyReLU().negativeSlope());
        assertFormula(new LeakyReLU(0.5), x -> x >= 0 ? x : 0.5 * x, x -> x >= 0 ? 1 : 0.5);
    }

    @Test
    void reluWithCapSlopeAndThreshold() {
        ReLU relu = new ReLU().maxValue(1.2).negativeSlope(0.1).threshold(0.7);
        assertFormula(relu, x -> x >= 1.2 ? 1.2 : x >= 0.7 ? x : 0.1 * (x - 0.7),
                x -> x >= 1.2 ? 0 : x >= 0.7 ? 1 : 0.1);
        assertFormula(new ReLU(), x -> Math.max(x, 0), x -> x > 0 ? 1 : 0);
        assertThrows(IllegalArgumentException.class, () -> new ReLU().threshold(-1));
    }

    @Test
    void thresholdedReluKeepsOnlyValuesAboveTheta() {
        assertFormula(new ThresholdedReLU(0.7), x -> x > 0.7 ? x : 0, x -> x > 0.7 ? 1 : 0);
    }

    @Test
    void softmaxOverFeatures() {
        double sum = 0;
        for (double x : X) {
            sum += Math.exp(x);
        }
        double total = sum;
        assertArrayEquals(java.util.Arrays.stream(X).map(x -> Math.exp(x) / total).toArray(),
                predict(new Softmax()), 1e-12);
    }

    @Test
    void preluLearnsAlphaPerFeatureOrShared() {
        Sequential perFeature = model(new PReLU());
        assertEquals(List.of("alpha"), io.github.keras4j.engine.Dl4jTranslator.weightNames(perFeature.layers().get(1)));
        INDArray alpha = Nd4j.createFromArray(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
        perFeature.setWeights(1, alpha);
        double[] out = perFeature.predict(Nd4j.createFromArray(new double[][] {X})).toDoubleVector();
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] >= 0 ? X[i] : alpha.getDouble(i) * X[i], out[i], 1e-12);
        }
        assertArrayEquals(new long[] {X.length}, perFeature.getWeights(1).get(0).shape());

        Sequential shared = model(new PReLU().sharedAxes(1).alphaInitializer("ones"));
        assertArrayEquals(new long[] {1}, shared.getWeights(1).get(0).shape());
        assertEquals(1.0, shared.getWeights(1).get(0).getDouble(0));
        shared.setWeights(1, Nd4j.createFromArray(0.25));
        double[] sharedOut = shared.predict(Nd4j.createFromArray(new double[][] {X})).toDoubleVector();
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] >= 0 ? X[i] : 0.25 * X[i], sharedOut[i], 1e-12);
        }
        assertThrows(UnsupportedOperationException.class, () -> new PReLU().alphaInitializer("glorot_uniform"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesKeras2ConfigsAndReadsThemBack() {
        Backend.setFloatx("float32");
        Sequential model = new Sequential();
        model.add(new Dense(4).inputDim(3));
        model.add(new ELU(0.5));
        model.add(new LeakyReLU(0.2));
        model.add(new ReLU().maxValue(6).threshold(0.1));
        model.add(new PReLU().sharedAxes(1));
        model.add(new ThresholdedReLU(0.3));
        model.add(new Dense(2));
        model.add(new Softmax());
        String json = model.toJson();
        List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<String, Object>) KerasJson.read(json, "t")
                .get("config")).get("layers");
        // Keras 2's keys, as in tf.keras 2.x's and Keras 2.3's own to_json (KonduitAI's activation fixtures).
        assertEquals(Map.of("name", "elu", "trainable", true, "dtype", "float32", "alpha", 0.5),
                layers.get(2).get("config"));
        assertEquals(Map.of("name", "leaky_re_lu", "trainable", true, "dtype", "float32", "alpha", 0.2),
                layers.get(3).get("config"));
        Map<String, Object> relu = (Map<String, Object>) layers.get(4).get("config");
        assertEquals(List.of("name", "trainable", "dtype", "max_value", "negative_slope", "threshold"),
                List.copyOf(relu.keySet()));
        assertEquals("p_re_lu", ((Map<String, Object>) layers.get(5).get("config")).get("name"));
        assertEquals(List.of(1), ((Map<String, Object>) layers.get(5).get("config")).get("shared_axes"));
        assertEquals(0.3, ((Map<String, Object>) layers.get(6).get("config")).get("theta"));
        assertEquals(-1, ((Map<String, Object>) layers.get(8).get("config")).get("axis"));
        Backend.clearSession();
        Sequential copy = Sequential.fromJson(json);
        assertEquals(json, copy.toJson());
        // Parameter counts: PReLU shared has 1 alpha.
        assertEquals(1, copy.layers().get(4).countParams(4));
        assertEquals(4, new PReLU().countParams(4));
    }
}
