package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conv2D and Flatten against a convolution written out by hand (TensorFlow's padding), in Keras's layouts. */
class Conv2DTest {

    private static final int H = 5;
    private static final int W = 4;
    private static final int C = 2;
    private static final int FILTERS = 3;
    private static final int KH = 3;
    private static final int KW = 2;

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
        Backend.setFloatx("float64");
    }

    @org.junit.jupiter.api.AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    private static double[][][][] random(Random random, int... shape) {
        double[][][][] values = new double[shape[0]][shape[1]][shape[2]][shape[3]];
        for (double[][][] a : values) {
            for (double[][] b : a) {
                for (double[] c : b) {
                    for (int i = 0; i < c.length; i++) {
                        c[i] = Math.round(random.nextGaussian() * 4) / 4.0;
                    }
                }
            }
        }
        return values;
    }

    /** Keras's Conv2D then Flatten, written out: TensorFlow pads "same" with the smaller half at the top/left. */
    private static double[][] convolveAndFlatten(double[][][][] x, double[][][][] kernel, double[] bias, int stride,
            boolean same) {
        int outH = same ? (H + stride - 1) / stride : (H - KH) / stride + 1;
        int outW = same ? (W + stride - 1) / stride : (W - KW) / stride + 1;
        int padTop = same ? Math.max((outH - 1) * stride + KH - H, 0) / 2 : 0;
        int padLeft = same ? Math.max((outW - 1) * stride + KW - W, 0) / 2 : 0;
        double[][] out = new double[x.length][outH * outW * FILTERS];
        for (int b = 0; b < x.length; b++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int f = 0; f < FILTERS; f++) {
                        double sum = bias[f];
                        for (int di = 0; di < KH; di++) {
                            for (int dj = 0; dj < KW; dj++) {
                                int row = i * stride + di - padTop;
                                int column = j * stride + dj - padLeft;
                                if (row < 0 || row >= H || column < 0 || column >= W) {
                                    continue;
                                }
                                for (int c = 0; c < C; c++) {
                                    sum += x[b][row][column][c] * kernel[di][dj][c][f];
                                }
                            }
                        }
                        out[b][(i * outW + j) * FILTERS + f] = sum;
                    }
                }
            }
        }
        return out;
    }

    private static void checkAgainstHandComputation(int stride, String padding) {
        Random random = new Random(7);
        double[][][][] x = random(random, 4, H, W, C);
        double[][][][] kernel = random(random, KH, KW, C, FILTERS);
        double[] bias = {0.5, -0.25, 1.0};
        Sequential model = new Sequential(new Conv2D(FILTERS, KH, KW).strides(stride).padding(padding)
                .inputShape(H, W, C), new Flatten());
        model.setWeights(0, Nd4j.createFromArray(kernel), Nd4j.createFromArray(bias));

        INDArray predictions = model.predict(Nd4j.createFromArray(x), 32, 0);

        double[][] expected = convolveAndFlatten(x, kernel, bias, stride, "same".equals(padding));
        assertArrayEquals(new long[] {expected.length, expected[0].length}, predictions.shape());
        INDArray difference = predictions.sub(Nd4j.createFromArray(expected));
        assertEquals(0.0, difference.amaxNumber().doubleValue(), 1e-12);
        assertArrayEquals(kernel[1][0][1], model.getWeights(0).get(0).get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .toDoubleVector(), 0);
    }

    @Test
    void validConvolutionThenFlattenInKerasOrder() {
        checkAgainstHandComputation(1, "valid");
    }

    @Test
    void stridedSameConvolutionPadsAsTensorFlow() {
        checkAgainstHandComputation(2, "same");
    }

    @Test
    void shapesAndParameterCounts() {
        Conv2D conv = new Conv2D(8, 3).strides(2).padding("same");
        assertEquals(Shape.of(14, 14, 8), conv.outputShape(Shape.of(28, 28, 1)));
        assertEquals(3 * 3 * 1 * 8 + 8, conv.countParams(Shape.of(28, 28, 1)));
        assertEquals(Shape.of(26, 26, 8), new Conv2D(8, 3).outputShape(Shape.of(28, 28, 1)));
        assertEquals(Shape.of(26 * 26 * 8), new Flatten().outputShape(Shape.of(26, 26, 8)));
    }

    @Test
    void isNamedAsKerasNamesIt() {
        io.github.keras4j.Backend.clearSession();
        Sequential model = new Sequential(new Conv2D(2, 3).inputShape(5, 5, 1), new Conv2D(2, 3));
        assertEquals("conv2d", model.layers().get(0).name());
        assertEquals("conv2d_1", model.layers().get(1).name());
    }

    @Test
    void fitsOnImagesAndSavesAndLoads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        Random random = new Random(3);
        INDArray x = Nd4j.createFromArray(random(random, 20, H, W, C));
        INDArray y = x.sum(1, 2, 3).reshape(20, 1);
        Sequential model = new Sequential(new Conv2D(2, 3, "relu").inputShape(H, W, C),
                new BatchNormalization(), new Flatten(), new Dense(1));
        model.seed(1);
        model.compile("adam", "mean_squared_error");
        History history = model.fit(x, y, Fit.epochs(2).batchSize(8).validationSplit(0.25).verbose(0));
        assertTrue(Double.isFinite(history.history().get("loss").get(1)));
        assertTrue(Double.isFinite(history.history().get("val_loss").get(1)));
        INDArray predictions = model.predict(x, 32, 0);
        assertArrayEquals(new long[] {20, 1}, predictions.shape());

        java.nio.file.Path file = folder.resolve("cnn.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(predictions, loaded.predict(x, 32, 0));
    }

    @Test
    void clearErrors() {
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(1, 3).padding("SAME"));
        assertTrue(padding.getMessage().contains("did you mean 'same'"), padding.getMessage());
        Sequential model = new Sequential(new Conv2D(1, 3).inputShape(H, W, C), new Flatten());
        IllegalArgumentException wrongShape = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new float[][] {{1, 2}}));
        assertTrue(wrongShape.getMessage().contains("[5, 4, 2]"), wrongShape.getMessage());
        UnsupportedOperationException denseOnImages = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Conv2D(1, 3).inputShape(H, W, C), new Dense(1)).summary(line -> { }));
        assertTrue(denseOnImages.getMessage().contains("Flatten"), denseOnImages.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> new Dense(1).inputShape(H, W, C));
        assertEquals(DataType.DOUBLE, model.network().params().dataType());
    }
}
