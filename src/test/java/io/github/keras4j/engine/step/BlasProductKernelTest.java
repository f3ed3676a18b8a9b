package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.keras4j.Backend;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A matrix product called straight into the BLAS gives libnd4j's matmul's bits, for every layout it takes. */
class BlasProductKernelTest {

    static {
        Backend.floatx();
    }

    @Test
    void everyLayoutGivesLibnd4jsBits() {
        int[][] sizes = {{100, 4, 4}, {1, 784, 32}, {32, 1, 16}, {16, 24, 1}, {1, 1, 8}, {7, 5, 3}};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] size : sizes) {
                for (char aOrder : new char[] {'c', 'f'}) {
                    for (char bOrder : new char[] {'c', 'f'}) {
                        for (char cOrder : new char[] {'c', 'f'}) {
                            for (int transposes = 0; transposes < 4; transposes++) {
                                check(type, size, aOrder, bOrder, cOrder, (transposes & 1) != 0,
                                        (transposes & 2) != 0);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void viewsIntoOneFlatBufferAsDl4jsParametersAre() {
        // DL4J's weights are f-order views at an offset of the network's flat parameter row.
        Nd4j.getRandom().setSeed(3);
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 3 + 12 * 5 + 5);
        INDArray weights = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 3 + 60)).reshape('f', 12, 5);
        INDArray gradientFlat = Nd4j.zeros(DataType.FLOAT, 1, 7 + 60);
        INDArray gradient = gradientFlat.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 67)).reshape('f', 12, 5);
        INDArray input = Nd4j.rand(DataType.FLOAT, 9, 12);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 9, 5);
        INDArray product = Nd4j.create(DataType.FLOAT, new long[] {9, 5}, 'f');
        assertSameAsLibnd4j(new Mmul(input, weights, product, 1.0, 0.0, MMulTranspose.allFalse()), product);
        assertSameAsLibnd4j(new Mmul(input, delta, gradient, 1.0, 0.0, new MMulTranspose(true, false, false)),
                gradient);
        assertArrayEquals(new float[3], flatten(gradientFlat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 3))),
                "nothing written before the view");
    }

    @Test
    void whatLibnd4jWouldCopyOrScaleStaysItsOwnOperation() {
        INDArray one = Nd4j.rand(DataType.FLOAT, 1, 1);
        INDArray out = Nd4j.create(DataType.FLOAT, 1, 1);
        assertInstanceOf(CustomKernel.class, Kernels.of(new Mmul(one, one, out, 1.0, 0.0, MMulTranspose.allFalse())),
                "1x1x1 is a dot product in libnd4j");
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 3, 2);
        INDArray c = Nd4j.create(DataType.FLOAT, 4, 2);
        assertInstanceOf(CustomKernel.class, Kernels.of(new Mmul(a, b, c, 1.0, 1.0, MMulTranspose.allFalse())),
                "an accumulating product");
        INDArray strided = Nd4j.rand(DataType.FLOAT, 8, 6).get(NDArrayIndex.interval(0, 2, 8),
                NDArrayIndex.interval(0, 2, 6));
        assertInstanceOf(CustomKernel.class, Kernels.of(new Mmul(strided, b, c, 1.0, 0.0, MMulTranspose.allFalse())),
                "a matrix with no contiguous dimension, which libnd4j copies first");
        assertInstanceOf(BlasProductKernel.class, Kernels.of(new Mmul(a, b, c, 1.0, 0.0, MMulTranspose.allFalse())));
    }

    private static void check(DataType type, int[] size, char aOrder, char bOrder, char cOrder, boolean transposeA,
            boolean transposeB) {
        int m = size[0];
        int k = size[1];
        int n = size[2];
        Nd4j.getRandom().setSeed(m * 31L + k * 7L + n);
        INDArray a = transposeA ? Nd4j.rand(type, aOrder, k, m) : Nd4j.rand(type, aOrder, m, k);
        INDArray b = transposeB ? Nd4j.rand(type, bOrder, n, k) : Nd4j.rand(type, bOrder, k, n);
        INDArray c = Nd4j.create(type, new long[] {m, n}, cOrder);
        assertSameAsLibnd4j(new Mmul(a, b, c, 1.0, 0.0, new MMulTranspose(transposeA, transposeB, false)), c);
    }

    /** Runs {@code op}'s kernel into {@code output}, then libnd4j's matmul into a copy, and compares the bits. */
    private static void assertSameAsLibnd4j(Mmul op, INDArray output) {
        Kernel kernel = Kernels.of(op);
        assertInstanceOf(BlasProductKernel.class, kernel, kernel.toString());
        kernel.run();
        INDArray ours = output.dup();
        output.assign(Double.NaN);
        Nd4j.exec(op);
        if (output.dataType() == DataType.DOUBLE) {
            assertArrayEquals(output.dup('c').data().asDouble(), ours.dup('c').data().asDouble(), 0.0);
        } else {
            assertArrayEquals(flatten(output), flatten(ours), 0f);
        }
    }

    private static float[] flatten(INDArray array) {
        return array.dup('c').data().asFloat();
    }
}
