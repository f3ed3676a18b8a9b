package io.github.keras4j.layers.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.layers.SimpleRNN;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass through time of keras4j's recurrent layer against central finite differences of its loss, in
 * double precision, for every kind of cell and every option that changes the computation: return_sequences,
 * go_backwards, masks with padding before or after the sequences, GRU's reset gate after or before, activations with
 * kinks. Forward correctness is checked against Keras's own outputs in {@code KerasRecurrentFilesTest}.
 */
class KerasRecurrentLayerTest {

    private static final int SAMPLES = 3;
    private static final int STEPS = 4;
    private static final int FEATURES = 2;

    @BeforeEach
    void doublePrecision() {
        Backend.clearSession();
        Backend.setFloatx("float64");
    }

    @AfterEach
    void singlePrecision() {
        Backend.setFloatx("float32");
    }

    static Stream<Arguments> layers() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("SimpleRNN", (Supplier<Layer>) () -> new SimpleRNN(3), false));
        cases.add(Arguments.of("SimpleRNN sequences backwards relu", (Supplier<Layer>) () -> new SimpleRNN(3, "relu")
                .returnSequences(true).goBackwards(true), true));
        cases.add(Arguments.of("LSTM", (Supplier<Layer>) () -> new LSTM(3), false));
        cases.add(Arguments.of("LSTM sequences hard_sigmoid", (Supplier<Layer>) () -> new LSTM(3)
                .recurrentActivation("hard_sigmoid").returnSequences(true), false));
        cases.add(Arguments.of("LSTM backwards masked", (Supplier<Layer>) () -> new LSTM(2).goBackwards(true), true));
        cases.add(Arguments.of("LSTM sequences masked, no bias", (Supplier<Layer>) () -> new LSTM(3)
                .returnSequences(true).useBias(false), true));
        cases.add(Arguments.of("GRU reset after", (Supplier<Layer>) () -> new GRU(3), false));
        cases.add(Arguments.of("GRU reset after masked sequences", (Supplier<Layer>) () -> new GRU(3)
                .returnSequences(true), true));
        cases.add(Arguments.of("GRU reset before backwards masked", (Supplier<Layer>) () -> new GRU(3)
                .resetAfter(false).goBackwards(true).recurrentActivation("keras3_hard_sigmoid"), true));
        cases.add(Arguments.of("GRU reset before sequences", (Supplier<Layer>) () -> new GRU(2).resetAfter(false)
                .returnSequences(true), false));
        return cases.stream();
    }

    /** Sequences with a padding value of -9 where masked: samples of 4, 2 (padded before) and 3 (padded after) steps. */
    private static INDArray sequences(boolean masked) {
        Random random = new Random(42);
        double[][][] x = new double[SAMPLES][STEPS][FEATURES];
        for (int s = 0; s < SAMPLES; s++) {
            for (int t = 0; t < STEPS; t++) {
                boolean padding = masked && (s == 1 && t < 2 || s == 2 && t == 3);
                for (int f = 0; f < FEATURES; f++) {
                    x[s][t][f] = padding ? -9 : random.nextGaussian();
                }
            }
        }
        return Nd4j.createFromArray(x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsMatchFiniteDifferences(String name, Supplier<Layer> recurrent, boolean masked) {
        Layer layer = recurrent.get();
        List<Layer> layers = new ArrayList<>();
        if (masked) {
            layers.add(new Masking(-9).inputShape(Shape.NONE, FEATURES));
            layers.add(layer);
        } else {
            layers.add(layer.inputShape(Shape.NONE, FEATURES));
        }
        layers.add(new Dense(2, "tanh"));
        Sequential model = new Sequential(layers.toArray(new Layer[0]));
        model.seed(7);
        model.compile("sgd", "mse");
        INDArray x = sequences(masked);
        INDArray mask = masked ? layers.get(0).computeMask(x) : null;
        long labelSteps = model.outputShape().isSequence() ? STEPS : 0;
        INDArray y = labelSteps > 0 ? Nd4j.rand(DataType.DOUBLE, SAMPLES * STEPS, 2)
                : Nd4j.rand(DataType.DOUBLE, SAMPLES, 2);
        MultiLayerNetwork network = model.network();
        // Biases away from 0, so that the gradient of every bias is exercised.
        network.params().addi(Nd4j.rand(DataType.DOUBLE, network.params().shape()).subi(0.5).muli(0.4));

        network.setInput(x);
        network.setLabels(y);
        network.setLayerMaskArrays(mask, null);
        network.computeGradientAndScore();
        // DL4J's gradient is the sum over the label rows; its updater divides it, its score is divided.
        INDArray analytic = network.gradient().gradient().div(y.rows());
        network.clearLayerMaskArrays();

        INDArray params = network.params();
        double h = 1e-6;
        double worst = 0;
        for (int p : checkedParameters(network)) {
            double original = params.getDouble(p);
            params.putScalar(p, original + h);
            double plus = network.score(new DataSet(x, y, mask, null), false);
            params.putScalar(p, original - h);
            double minus = network.score(new DataSet(x, y, mask, null), false);
            params.putScalar(p, original);
            double numeric = (plus - minus) / (2 * h);
            double error = Math.abs(numeric - analytic.getDouble(p)) / Math.max(1e-3, Math.abs(numeric));
            worst = Math.max(worst, error);
            assertEquals(numeric, analytic.getDouble(p), 1e-6 + 1e-4 * Math.abs(numeric),
                    name + ": parameter " + p + " of " + params.length());
        }
        assertTrue(worst < 1e-3, name + ": worst relative error " + worst);
    }

    /** The first, middle and last entry of every weight array (of both layers), to keep the check fast. */
    private static List<Integer> checkedParameters(MultiLayerNetwork network) {
        List<Integer> indices = new ArrayList<>();
        int offset = 0;
        for (int layer = 0; layer < network.getnLayers(); layer++) {
            for (INDArray param : network.getLayer(layer).paramTable().values()) {
                int length = (int) param.length();
                for (int at : new int[] {0, length / 3, length / 2, length - 1}) {
                    if (!indices.contains(offset + at)) {
                        indices.add(offset + at);
                    }
                }
                offset += length;
            }
        }
        assertEquals(network.params().length(), offset);
        return indices;
    }
}
