package io.github.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.internal.Registry;
import io.github.keras4j.losses.KerasReference.Act;
import io.github.keras4j.losses.KerasReference.BatchLoss;
import io.github.keras4j.losses.dl4j.KerasBinaryCrossentropy;
import io.github.keras4j.losses.dl4j.KerasHuber;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The loss registry: Keras's names and aliases, the DL4J losses they build, and those losses inside DL4J. */
class LossesTest {

    /** Every name tf.keras 2.x's {@code keras.losses.get} accepts for these losses (tf_keras/src/losses.py). */
    private static final Map<String, Losses> KERAS_NAMES = new LinkedHashMap<>();

    static {
        put(Losses.MEAN_SQUARED_ERROR, "mean_squared_error", "mse", "MSE", "MeanSquaredError");
        put(Losses.MEAN_ABSOLUTE_ERROR, "mean_absolute_error", "mae", "MAE", "MeanAbsoluteError");
        put(Losses.MEAN_ABSOLUTE_PERCENTAGE_ERROR, "mean_absolute_percentage_error", "mape", "MAPE",
                "MeanAbsolutePercentageError");
        put(Losses.MEAN_SQUARED_LOGARITHMIC_ERROR, "mean_squared_logarithmic_error", "msle", "MSLE",
                "MeanSquaredLogarithmicError");
        put(Losses.BINARY_CROSSENTROPY, "binary_crossentropy", "bce", "BCE", "BinaryCrossentropy");
        put(Losses.CATEGORICAL_CROSSENTROPY, "categorical_crossentropy", "CategoricalCrossentropy");
        put(Losses.SPARSE_CATEGORICAL_CROSSENTROPY, "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy");
        put(Losses.HINGE, "hinge", "Hinge");
        put(Losses.SQUARED_HINGE, "squared_hinge", "SquaredHinge");
        put(Losses.KL_DIVERGENCE, "kl_divergence", "kld", "KLD", "kullback_leibler_divergence", "KLDivergence");
        put(Losses.POISSON, "poisson", "Poisson");
        put(Losses.COSINE_SIMILARITY, "cosine_similarity", "CosineSimilarity");
        put(Losses.LOG_COSH, "log_cosh", "logcosh", "LogCosh");
        put(Losses.HUBER, "huber", "huber_loss", "Huber");
        put(Losses.SUM_SQUARED_ERROR, "sum_squared_error");
    }

    private static void put(Losses loss, String... names) {
        for (String name : names) {
            KERAS_NAMES.put(name, loss);
        }
    }

    @Test
    void everyKerasNameAndAliasResolves() {
        KERAS_NAMES.forEach((name, loss) -> assertSame(loss, Losses.get(name), name));
        // And nothing else: the registry accepts exactly these names.
        assertEquals(KERAS_NAMES.keySet(), Registry.namesOf(Losses.class).keySet());
    }

    @Test
    void canonicalNamesAreKerasFunctionNames() {
        for (Losses loss : Losses.values()) {
            assertEquals(loss.name().toLowerCase(), loss.kerasName());
            assertEquals(loss.kerasName(), loss.toString());
            assertFalse(loss.aliases().contains(loss.kerasName()), loss.kerasName());
        }
        assertEquals("binary_crossentropy", Losses.get("BinaryCrossentropy").kerasName());
    }

    @Test
    void namesMatchCaseSensitivelyAsInKeras() {
        assertThrows(IllegalArgumentException.class, () -> Losses.get("Mse"));
        assertThrows(IllegalArgumentException.class, () -> Losses.get("Binary_Crossentropy"));
        assertThrows(IllegalArgumentException.class, () -> Losses.get(null));
    }

    @Test
    void anUnknownNameIsNamedWithTheClosestAndAllValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("mean_sqared_error"));
        assertTrue(e.getMessage().startsWith("unknown loss 'mean_sqared_error'; did you mean 'mean_squared_error'?"),
                e.getMessage());
        for (String name : KERAS_NAMES.keySet()) {
            assertTrue(e.getMessage().contains(name), name);
        }
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class, () -> Losses.get("triplet"));
        assertFalse(far.getMessage().contains("did you mean"), far.getMessage());
        assertTrue(far.getMessage().contains("valid: mean_squared_error, "), far.getMessage());
    }

    @Test
    void reductionAndLabelLayoutFollowTheLoss() {
        for (Losses loss : Losses.values()) {
            assertEquals(loss == Losses.SUM_SQUARED_ERROR ? Reduction.SUM : Reduction.SUM_OVER_BATCH_SIZE,
                    loss.reduction(), loss.kerasName());
            assertEquals(loss == Losses.SPARSE_CATEGORICAL_CROSSENTROPY, loss.sparseLabels(), loss.kerasName());
        }
    }

    @Test
    void eachCallBuildsAFreshDl4jLoss() {
        for (Losses loss : Losses.values()) {
            ILossFunction first = loss.toDl4j();
            assertNotSame(first, loss.toDl4j(), loss.kerasName());
            assertEquals(first, loss.toDl4j(), loss.kerasName());
        }
        // DL4J's own loss where it computes exactly Keras's; ours where it does not.
        assertEquals(LossMSE.class, Losses.MEAN_SQUARED_ERROR.toDl4j().getClass());
        assertEquals(LossL2.class, Losses.SUM_SQUARED_ERROR.toDl4j().getClass());
        assertEquals(KerasBinaryCrossentropy.class, Losses.BINARY_CROSSENTROPY.toDl4j().getClass());
        assertEquals(new KerasHuber(1.0), Losses.HUBER.toDl4j());
    }

    @ParameterizedTest
    @EnumSource(Losses.class)
    void survivesDl4jsJsonRoundTrip(Losses loss) {
        assertJsonRoundTrip(loss.toDl4j(), loss == Losses.SPARSE_CATEGORICAL_CROSSENTROPY ? Activation.SOFTMAX : Activation.SIGMOID);
    }

    @Test
    void huberKeepsItsDeltaThroughJson() {
        ILossFunction restored = assertJsonRoundTrip(new KerasHuber(2.5), Activation.IDENTITY);
        assertEquals(2.5, ((KerasHuber) restored).delta());
    }

    @Test
    void lossArgumentsSurviveDl4jsJsonRoundTrip() {
        assertEquals(0.1, ((KerasBinaryCrossentropy) assertJsonRoundTrip(new KerasBinaryCrossentropy(true, 0.1),
                Activation.IDENTITY)).labelSmoothing());
        assertJsonRoundTrip(new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.2).toDl4j(),
                Activation.IDENTITY);
        assertJsonRoundTrip(new SparseCategoricalCrossentropy().fromLogits(true).toDl4j(), Activation.IDENTITY);
    }

    private static ILossFunction assertJsonRoundTrip(ILossFunction loss, Activation activation) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new OutputLayer.Builder(loss).nIn(2).nOut(3).activation(activation).build())
                .build();
        String json = configuration.toJson();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);
        assertEquals(configuration, restored, json);
        ILossFunction restoredLoss = ((OutputLayer) restored.getConf(0).getLayer()).getLossFn();
        assertEquals(loss, restoredLoss);
        assertEquals(loss.getClass(), restoredLoss.getClass());
        return restoredLoss;
    }

    // Inside a DL4J network: the output layer's score divides the summed per-sample losses by the minibatch size
    // (Keras's sum_over_batch_size), or not at all with miniBatch(false) (the reduction SUM of sum_squared_error).
    // The gradient it reports is that of the sum; DL4J's updater divides it by the minibatch size when miniBatch is on.

    @Test
    void aSoftmaxNetworkTrainsOnKerasBinaryCrossentropyOfItsProbabilities() {
        // Tutorial 004's output layer: Dense(2, softmax) with binary_crossentropy on one-hot labels.
        double[][] x = {{0.42, 0.41}, {0.41, 1.47}, {0.42, -2.28}, {1.08, 0.51}};
        double[][] y = {{1, 0}, {1, 0}, {0, 1}, {1, 0}};
        checkNetwork(Losses.BINARY_CROSSENTROPY, Activation.SOFTMAX, Act.SOFTMAX, KerasReference.BCE, x, y, true);
    }

    @Test
    void aSigmoidNetworkTrainsOnKerasBinaryCrossentropyOfItsLogits() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        checkNetwork(Losses.BINARY_CROSSENTROPY, Activation.SIGMOID, Act.SIGMOID, KerasReference.BCE, x, y, true);
    }

    @Test
    void aSoftmaxNetworkTakesClassIndicesForSparseCategoricalCrossentropy() {
        double[][] x = {{0.42, 0.41}, {0.41, 1.47}, {0.42, -2.28}, {1.08, 0.51}};
        double[][] y = {{2}, {0}, {1}, {2}};
        checkNetwork(Losses.SPARSE_CATEGORICAL_CROSSENTROPY, Activation.SOFTMAX, Act.SOFTMAX, KerasReference.SPARSE_CCE,
                x, y, true);
    }

    @Test
    void sumSquaredErrorIsNotDividedByTheBatchWithoutMiniBatch() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        checkNetwork(Losses.SUM_SQUARED_ERROR, Activation.IDENTITY, Act.IDENTITY, KerasReference.SUM_SQUARED_ERROR, x, y, false);
    }

    /**
     * One output layer with known weights: its score must be the batch loss (the mean, or the sum without
     * miniBatch) and its weight gradient the central differences of the summed loss.
     */
    private static void checkNetwork(Losses loss, Activation activation, Act act, BatchLoss reference,
            double[][] x, double[][] y, boolean miniBatch) {
        int outputs = loss.sparseLabels() ? 3 : y[0].length;
        double[][] kernel = switch (outputs) {
            case 1 -> new double[][] {{0.7}, {-1.3}};
            case 2 -> new double[][] {{0.7, -0.2}, {-1.3, 0.5}};
            default -> new double[][] {{0.7, -0.2, 0.4}, {-1.3, 0.5, 0.9}};
        };
        double[] bias = Arrays.copyOf(new double[] {0.1, -0.3, 0.2}, outputs);
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .miniBatch(miniBatch)
                .list()
                .layer(new OutputLayer.Builder(loss.toDl4j()).nIn(2).nOut(outputs).activation(activation).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        network.setParam("0_W", Nd4j.createFromArray(kernel));
        network.setParam("0_b", Nd4j.createFromArray(new double[][] {bias}));
        network.setInput(Nd4j.createFromArray(x));
        network.setLabels(Nd4j.createFromArray(y));
        network.computeGradientAndScore();

        assertEquals(batchLoss(reference, act, x, y, kernel, bias, miniBatch), network.score(), 1e-12, loss.kerasName());
        INDArray kernelGradient = network.gradient().getGradientFor("0_W");
        double step = 1e-6;
        for (int i = 0; i < kernel.length; i++) {
            for (int j = 0; j < outputs; j++) {
                double[][] plus = KerasReference.copy(kernel);
                double[][] minus = KerasReference.copy(kernel);
                plus[i][j] += step;
                minus[i][j] -= step;
                double numeric = (batchLoss(reference, act, x, y, plus, bias, false)
                        - batchLoss(reference, act, x, y, minus, bias, false)) / (2 * step);
                assertEquals(numeric, kernelGradient.getDouble(i, j), 1e-7, loss.kerasName() + " dW[" + i + "][" + j + "]");
            }
        }
    }

    private static double batchLoss(BatchLoss reference, Act act, double[][] x, double[][] y, double[][] kernel,
            double[] bias, boolean mean) {
        double[][] z = new double[x.length][bias.length];
        for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < bias.length; j++) {
                z[n][j] = bias[j];
                for (int i = 0; i < kernel.length; i++) {
                    z[n][j] += x[n][i] * kernel[i][j];
                }
            }
        }
        double total = 0;
        for (double sample : reference.losses(y, z, act)) {
            total += sample;
        }
        return mean ? total / x.length : total;
    }
}
