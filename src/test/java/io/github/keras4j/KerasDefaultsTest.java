package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.dl4j.KerasAdagrad;
import io.github.keras4j.optimizers.dl4j.KerasRmsProp;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The table "Keras defaults we match" of docs/DESIGN.md, row by row, read from the DL4J configuration keras4j
 * builds (DL4J's own defaults differ in every row) or observed on a model.
 */
class KerasDefaultsTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static BaseLayer dl4jLayer(Sequential model, int index) {
        return (BaseLayer) model.network().getLayerWiseConfigurations().getConf(index).getLayer();
    }

    private static IUpdater updaterOf(String optimizer) {
        Sequential model = new Sequential(new Dense(3).inputDim(2), new Dense(1));
        model.compile(optimizer, "mse");
        return dl4jLayer(model, 0).getIUpdater();
    }

    @Test
    void denseKernelInitializerIsGlorotUniform() {
        Sequential model = new Sequential(new Dense(300).inputDim(200), new Dense(1)).seed(1);
        BaseLayer hidden = dl4jLayer(model, 0);
        assertEquals(Initializers.get("glorot_uniform").toDl4j(), hidden.getWeightInitFn());
        assertFalse(hidden.getWeightInitFn() instanceof WeightInitXavier, "DL4J's XAVIER is a normal distribution");
        INDArray kernel = model.getWeights(0).get(0);
        double limit = Math.sqrt(6.0 / (200 + 300));
        assertTrue(kernel.amaxNumber().doubleValue() <= limit);
        assertEquals(limit / Math.sqrt(3), kernel.stdNumber().doubleValue(), limit * 0.02);
    }

    @Test
    void denseBiasInitializerIsZeros() {
        Sequential model = new Sequential(new Dense(5).inputDim(2), new Dense(1));
        assertEquals(0.0, dl4jLayer(model, 0).getBiasInit());
        assertEquals(0.0, model.getWeights(0).get(1).amaxNumber().doubleValue());
    }

    @Test
    void fitBatchSizeIs32() {
        Sequential model = new Sequential(new Dense(1).inputDim(1));
        model.compile("sgd", "mse");
        Map<String, Object>[] params = new Map[1];
        Callback spy = new Callback() {
            @Override
            public void onTrainBegin(Map<String, Double> logs) {
                params[0] = params();
            }
        };
        model.fit(Nd4j.rand(65, 1), Nd4j.rand(65, 1), Fit.defaults().verbose(0).callbacks(spy));
        assertEquals(3, params[0].get("steps"), "65 samples in batches of 32");
    }

    @Test
    void fitDefaultsAreOneEpochVerboseOneShuffled() {
        Fit defaults = Fit.defaults();
        assertEquals(1, defaults.epochs());
        assertEquals(1, defaults.verbose());
        assertTrue(defaults.shuffle());
        Sequential model = new Sequential(new Dense(1).inputDim(1));
        model.compile("sgd", "mse");
        String printed = StdoutCapture.output(() -> model.fit(new float[][] {{1}}, new float[][] {{2}}));
        assertTrue(printed.matches("1/1 \\[=+\\] - \\d+s \\d+(ms|us|s)/step - loss: \\S+\n"), printed);
    }

    @Test
    void adamHasKerasEpsilon() {
        Adam adam = assertInstanceOf(Adam.class, updaterOf("adam"));
        assertEquals(0.001, adam.getLearningRate());
        assertEquals(0.9, adam.getBeta1());
        assertEquals(0.999, adam.getBeta2());
        assertEquals(1e-7, adam.getEpsilon());
        assertNotEquals(new Adam().getEpsilon(), adam.getEpsilon(), "DL4J's default epsilon is 1e-8");
    }

    @Test
    void sgdHasKerasLearningRateAndNoMomentum() {
        Sgd sgd = assertInstanceOf(Sgd.class, updaterOf("sgd"));
        assertEquals(0.01, sgd.getLearningRate());
        assertNotEquals(new Sgd().getLearningRate(), sgd.getLearningRate(), "DL4J's default rate is 1e-3");
    }

    @Test
    void rmspropHasKerasRateRhoAndEpsilon() {
        KerasRmsProp rmsprop = assertInstanceOf(KerasRmsProp.class, updaterOf("rmsprop"));
        assertEquals(0.001, rmsprop.getLearningRate());
        assertEquals(0.9, rmsprop.getRho());
        assertEquals(1e-7, rmsprop.getEpsilon());
        assertEquals(0.0, rmsprop.getMomentum());
        assertFalse(rmsprop.isEpsilonOutsideSqrt(), "tf.keras 2.11+'s and Keras 3's sqrt(velocity + epsilon)");
    }

    @Test
    void adagradHasKerasRateAccumulatorAndEpsilon() {
        KerasAdagrad adagrad = assertInstanceOf(KerasAdagrad.class, updaterOf("adagrad"));
        assertEquals(0.001, adagrad.getLearningRate());
        assertEquals(0.1, adagrad.getInitialAccumulatorValue());
        assertEquals(1e-7, adagrad.getEpsilon());
    }

    @Test
    void binaryAccuracyThresholdIsOneHalfExclusive() {
        // Zero weights make the sigmoid output exactly 0.5, which Keras counts as class 0.
        Sequential model = new Sequential(new Dense(1, "sigmoid").kernelInitializer("zeros").inputDim(1));
        model.compile("sgd", "binary_crossentropy", "binary_accuracy");
        double[] scores = model.evaluate(Nd4j.createFromArray(new float[][] {{1}, {2}}),
                Nd4j.createFromArray(new float[][] {{0}, {1}}), 32, 0);
        assertEquals(0.5, scores[1]);
    }

    @Test
    void lossesAverageOverOutputsThenOverTheBatch() {
        Sequential model = new Sequential(new Dense(2).inputDim(1));
        model.setWeights(0, new double[][] {{0, 0}}, new double[] {1, 3});
        model.compile("sgd", "mse");
        double[] scores = model.evaluate(Nd4j.createFromArray(new float[][] {{5}, {7}}),
                Nd4j.createFromArray(new float[][] {{0, 0}, {1, 1}}), 32, 0);
        // Per sample: (1 + 9) / 2 = 5 and (0 + 4) / 2 = 2; over the batch: 3.5.
        assertEquals(3.5, scores[0], 1e-6);
    }

    @Test
    void binaryCrossentropyClipsAtKerasEpsilon() {
        String previous = Backend.floatx();
        Backend.setFloatx("float64");
        try {
            Sequential model = new Sequential(new Dense(1).inputDim(1));
            model.setWeights(0, new double[][] {{0}}, new double[] {1});
            model.compile("sgd", "binary_crossentropy");
            double[] scores = model.evaluate(Nd4j.createFromArray(new double[][] {{0}}),
                    Nd4j.createFromArray(new double[][] {{0}}), 32, 0);
            // Output 1 for label 0: Keras clips to 1 - 1e-7 and adds 1e-7 inside the log: -log(2e-7).
            // DL4J's LossBinaryXENT would clip at 1e-5 and give 11.51.
            assertEquals(-Math.log(2e-7), scores[0], 1e-9);
        } finally {
            Backend.setFloatx(previous);
        }
    }

    @Test
    void denseActivationIsLinear() {
        Sequential model = new Sequential(new Dense(1).inputDim(1));
        assertEquals("identity", dl4jLayer(model, 0).getActivationFn().toString());
    }
}
