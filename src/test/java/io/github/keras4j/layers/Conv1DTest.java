package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conv1D against a convolution written out by hand (TensorFlow's "same" padding, causal padding on the left,
 * dilation), in Keras's layouts; shapes, counts, configs and errors. Keras's own outputs are in
 * {@code keras.KerasConvolution1DFilesTest}.
 */
class Conv1DTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
        Backend.setFloatx("float64");
    }

    @AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    /** Keras's Conv1D written out: x (samples, steps, in), kernel (k, in, filters). */
    private static double[][][] convolve(double[][][] x, double[][][] kernel, double[] bias, int stride,
            int dilation, String padding) {
        int steps = x[0].length;
        int k = kernel.length;
        int dilated = (k - 1) * dilation + 1;
        int out = padding.equals("valid") ? (steps - dilated) / stride + 1 : (steps + stride - 1) / stride;
        int padBefore = switch (padding) {
            case "same" -> Math.max((out - 1) * stride + dilated - steps, 0) / 2;
            case "causal" -> dilated - 1;
            default -> 0;
        };
        int filters = bias.length;
        double[][][] y = new double[x.length][out][filters];
        for (int b = 0; b < x.length; b++) {
            for (int t = 0; t < out; t++) {
                for (int f = 0; f < filters; f++) {
                    double sum = bias[f];
                    for (int j = 0; j < k; j++) {
                        int step = t * stride + j * dilation - padBefore;
                        if (step < 0 || step >= steps) {
                            continue;
                        }
                        for (int c = 0; c < x[b][step].length; c++) {
                            sum += x[b][step][c] * kernel[j][c][f];
                        }
                    }
                    y[b][t][f] = sum;
                }
            }
        }
        return y;
    }

    private static double[][][] quarters(int seed, int... shape) {
        java.util.Random random = new java.util.Random(seed);
        double[][][] values = new double[shape[0]][shape[1]][shape[2]];
        for (double[][] a : values) {
            for (double[] b : a) {
                for (int i = 0; i < b.length; i++) {
                    b[i] = Math.round(random.nextGaussian() * 4) / 4.0;
                }
            }
        }
        return values;
    }

    private static void checkAgainstHandComputation(int stride, int dilation, String padding) {
        double[][][] x = quarters(1, 3, 9, 2);
        double[][][] kernel = quarters(2, 3, 2, 4);
        double[] bias = {0.25, -0.5, 0, 1};
        Conv1D conv = new Conv1D(4, 3).strides(stride).dilationRate(dilation).padding(padding).inputShape(9, 2);
        Sequential model = new Sequential(conv);
        model.setWeights(0, Nd4j.createFromArray(kernel), Nd4j.createFromArray(bias));
        INDArray expected = Nd4j.createFromArray(convolve(x, kernel, bias, stride, dilation, padding));
        INDArray actual = model.predict(Nd4j.createFromArray(x), 32, 0);
        assertArrayEquals(expected.shape(), actual.shape(), padding);
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-12, padding + " stride " + stride
                + " dilation " + dilation);
        assertEquals(Shape.of(expected.size(1), 4), conv.outputShape(Shape.of(9, 2)));
        // Keras's kernel layout both ways.
        assertEquals(Nd4j.createFromArray(kernel), model.getWeights(0).get(0));
    }

    @Test
    void convolvesAsKerasForEachPadding() {
        for (String padding : List.of("valid", "same", "causal")) {
            checkAgainstHandComputation(1, 1, padding);
            checkAgainstHandComputation(2, 1, padding);
            checkAgainstHandComputation(1, 2, padding);
        }
    }

    @Test
    void shapesAndParameterCounts() {
        Conv1D conv = new Conv1D(8, 5).name("c");
        assertEquals(Shape.of(16, 8), conv.outputShape(Shape.of(20, 3)));
        assertEquals(5 * 3 * 8 + 8, conv.countParams(Shape.of(20, 3)));
        assertEquals(5 * 3 * 8, conv.useBias(false).countParams(Shape.of(20, 3)));
        assertEquals(Shape.of(10, 8), conv.padding("same").strides(2).outputShape(Shape.of(20, 3)));
        assertEquals(Shape.of(7, 8), conv.padding("causal").strides(3).outputShape(Shape.of(20, 3)));
        assertEquals(Shape.of(12, 8), conv.dilationRate(2).outputShape(Shape.of(20, 3)));
        assertEquals(Shape.of(Shape.NONE, 8), conv.outputShape(Shape.of(Shape.NONE, 3)));
    }

    @Test
    void writesKerasConfigAndReadsKeras1And2Spellings() {
        Conv1D conv = new Conv1D(4, 3, "relu").padding("causal").dilationRate(2).name("conv");
        Map<String, Object> config = conv.config();
        assertEquals(List.of("name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding",
                "data_format", "dilation_rate", "groups", "activation", "use_bias", "kernel_initializer",
                "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                "kernel_constraint", "bias_constraint"), List.copyOf(config.keySet()));
        assertEquals(List.of(3), config.get("kernel_size"));
        assertEquals(List.of(2), config.get("dilation_rate"));
        assertEquals("causal", config.get("padding"));

        String keras1 = "{\"class_name\": \"Sequential\", \"keras_version\": \"1.2.2\", \"config\": [{\"class_name\":"
                + " \"Convolution1D\", \"config\": {\"name\": \"c1\", \"nb_filter\": 2, \"filter_length\": 3,"
                + " \"subsample_length\": 2, \"border_mode\": \"same\", \"activation\": \"tanh\", \"bias\": false,"
                + " \"init\": \"glorot_uniform\", \"W_regularizer\": null, \"b_regularizer\": null,"
                + " \"activity_regularizer\": null, \"W_constraint\": null, \"b_constraint\": null,"
                + " \"input_dim\": 3, \"input_length\": 10, \"trainable\": true}}]}";
        Conv1D read = (Conv1D) Sequential.fromJson(keras1).layers().get(0);
        assertEquals(2, read.filters());
        assertEquals(3, read.kernelSize());
        assertEquals(2, read.strides());
        assertEquals(Conv1D.Padding.SAME, read.padding());
        assertEquals(false, read.useBias());
        assertArrayEquals(new long[] {10, 3}, read.inputShape());

        // Keras 1 saved the kernel as a width-1 2-D convolution's, (filter_length, 1, input_dim, nb_filter).
        INDArray keras1Kernel = Nd4j.arange(3 * 3 * 2).reshape(3, 1, 3, 2);
        INDArray bias = Nd4j.zeros(2);
        List<INDArray> weights = read.useBias(true).kerasWeightsFrom(List.of(keras1Kernel, bias));
        assertEquals(keras1Kernel.reshape(3, 3, 2), weights.get(0));
        assertEquals(bias, weights.get(1));
    }

    @Test
    void clearErrors() {
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
                () -> new Conv1D(2, 3).padding("Causal"));
        assertEquals("Unknown padding: 'Causal'; valid values: 'valid', 'same', 'causal' (did you mean 'causal'?)",
                padding.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new Conv1D(2, 3).strides(2).dilationRate(2));
        assertTrue(both.getMessage().startsWith("`strides > 1` not supported in conjunction with `dilation_rate > 1`"),
                both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv1D(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv1D(2, 0));
        IllegalArgumentException longKernel = assertThrows(IllegalArgumentException.class,
                () -> new Conv1D(2, 4).dilationRate(2).name("c").outputShape(Shape.of(6, 1)));
        assertEquals("Conv1D layer c: its kernel of 4 dilated by 2 is longer than its input [6, 1] with padding "
                + "'valid'", longKernel.getMessage());

        String channelsFirst = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 2, \"kernel_size\": 3,"
                + " \"data_format\": \"channels_first\", \"batch_input_shape\": [null, 5, 2]}}]}}";
        UnsupportedOperationException format = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(channelsFirst));
        assertTrue(format.getMessage().contains("\"data_format\" = \"channels_first\" is not supported by keras4j; "
                + "only channels_last"), format.getMessage());
        assertTrue(format.getMessage().contains("c"), format.getMessage());
        UnsupportedOperationException groups = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(channelsFirst.replace("\"data_format\": \"channels_first\"",
                        "\"groups\": 2")));
        assertTrue(groups.getMessage().contains("\"groups\" = 2 is not supported by keras4j; only 1"),
                groups.getMessage());
        UnsupportedOperationException images = assertThrows(UnsupportedOperationException.class,
                () -> new Conv1D(2, 3).name("c").outputShape(Shape.of(4, 4, 1)));
        assertEquals("Conv1D layer c takes sequences of shape (timesteps, features), received input of shape "
                + "[4, 4, 1]", images.getMessage());
    }

    @Test
    void trainsAndSavesAndReloads(@TempDir Path folder) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 24, 10, 2);
        INDArray y = x.sum(1).sum(1).reshape(24, 1);
        Sequential model = new Sequential(new Conv1D(4, 3, "relu").padding("causal").dilationRate(2).inputShape(10, 2),
                new Conv1D(3, 2).strides(2).padding("same"), new Flatten(), new Dense(1)).seed(7);
        model.compile("adam", "mse");
        LayerRoundTrips.trains(model, x, y, 5);
        LayerRoundTrips.savesAndReloads(model, x, folder);
    }

    @Test
    void stridedKernelsStartWithKerasFans() {
        // DL4J divides a convolution's fan-out by its strides; Keras's glorot_uniform limit is sqrt(6 / (k in + k f)).
        Sequential model = new Sequential(new Conv1D(64, 4).strides(4).inputShape(64, 64)).seed(1);
        INDArray kernel = model.getWeights(0).get(0);
        double limit = Math.sqrt(6.0 / (4 * 64 + 4 * 64));
        assertTrue(kernel.amaxNumber().doubleValue() <= limit, "within Keras's limit");
        assertTrue(kernel.amaxNumber().doubleValue() > 0.95 * limit, "reaching Keras's limit, not DL4J's wider one");
    }
}
