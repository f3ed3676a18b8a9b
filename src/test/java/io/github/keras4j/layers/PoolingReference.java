package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Sequential;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's 2-D pooling written out, for the pooling layers' tests: TensorFlow's "same" padding puts the smaller half
 * at the top/left, and padded cells never count (a maximum ignores them, an average divides by the cells inside).
 */
final class PoolingReference {

    private PoolingReference() {
    }

    /** A batch of images of {@code shape} [samples, height, width, channels], in quarters (exact in float64). */
    static double[][][][] images(long seed, boolean negative, int... shape) {
        Random random = new Random(seed);
        double[][][][] x = new double[shape[0]][shape[1]][shape[2]][shape[3]];
        for (double[][][] sample : x) {
            for (double[][] row : sample) {
                for (double[] pixel : row) {
                    for (int c = 0; c < pixel.length; c++) {
                        double value = Math.round(random.nextGaussian() * 4) / 4.0;
                        pixel[c] = negative ? -Math.abs(value) - 0.5 : value;
                    }
                }
            }
        }
        return x;
    }

    /** Keras's pooling then Flatten: [samples, outH * outW * channels] in (height, width, channels) order. */
    static double[][] poolAndFlatten(double[][][][] x, int[] pool, int[] stride, boolean same, boolean max) {
        int h = x[0].length;
        int w = x[0][0].length;
        int channels = x[0][0][0].length;
        int outH = same ? (h + stride[0] - 1) / stride[0] : (h - pool[0]) / stride[0] + 1;
        int outW = same ? (w + stride[1] - 1) / stride[1] : (w - pool[1]) / stride[1] + 1;
        int padTop = same ? Math.max((outH - 1) * stride[0] + pool[0] - h, 0) / 2 : 0;
        int padLeft = same ? Math.max((outW - 1) * stride[1] + pool[1] - w, 0) / 2 : 0;
        double[][] out = new double[x.length][outH * outW * channels];
        for (int b = 0; b < x.length; b++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int c = 0; c < channels; c++) {
                        double result = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int di = 0; di < pool[0]; di++) {
                            for (int dj = 0; dj < pool[1]; dj++) {
                                int row = i * stride[0] + di - padTop;
                                int column = j * stride[1] + dj - padLeft;
                                if (row < 0 || row >= h || column < 0 || column >= w) {
                                    continue;
                                }
                                double value = x[b][row][column][c];
                                result = max ? Math.max(result, value) : result + value;
                                count++;
                            }
                        }
                        out[b][(i * outW + j) * channels + c] = max ? result : result / count;
                    }
                }
            }
        }
        return out;
    }

    /** Predicts {@code layer} then Flatten on images of {@code shape} and compares with the hand computation. */
    static void checkAgainstHandComputation(Pooling2D<?> layer, boolean max, long seed, boolean negative,
            int... shape) {
        double[][][][] x = images(seed, negative, shape);
        Sequential model = new Sequential(layer.inputShape(shape[1], shape[2], shape[3]), new Flatten());
        INDArray predictions = model.predict(Nd4j.createFromArray(x), 32, 0);
        double[][] expected = poolAndFlatten(x, layer.poolSize(), layer.strides(),
                layer.padding() == Conv2D.Padding.SAME, max);
        assertArrayEquals(new long[] {expected.length, expected[0].length}, predictions.shape(), layer.toString());
        assertEquals(0.0, predictions.sub(Nd4j.createFromArray(expected)).amaxNumber().doubleValue(), 1e-12,
                layer + " pool " + java.util.Arrays.toString(layer.poolSize()) + " strides "
                        + java.util.Arrays.toString(layer.strides()) + " " + layer.padding());
    }
}
