package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.internal.NativeThreads;
import io.github.keras4j.layers.Dense;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each kernel's threads follow its size, and the threads never change a result's bits. */
class KernelThreadsTest {

    @Test
    void largeElementwiseWorkGetsEveryLoopThread() {
        assertEquals(KernelThreads.ALL_LOOP_THREADS,
                KernelThreads.forLoop(Nd4j.create(DataType.FLOAT, 512, 1024), null));
        assertEquals(KernelThreads.AS_SET, KernelThreads.forLoop(Nd4j.create(DataType.FLOAT, 512, 1023)));
        assertEquals(KernelThreads.AS_SET, KernelThreads.forLoop());
    }

    @Test
    void smallProductsRunOnOneBlasThread() {
        assertEquals(KernelThreads.ONE_BLAS_THREAD, KernelThreads.forProduct(4 * 4 * 100));
        assertEquals(KernelThreads.ONE_BLAS_THREAD, KernelThreads.forProduct(256L * 256 * 256));
        assertEquals(KernelThreads.AS_SET, KernelThreads.forProduct(128L * 512 * 512));
    }

    @Test
    void aProductCountsItsMultiplyAddsWithTheTransposes() {
        // A weight gradient x^T delta of a 512-wide layer over 128 rows: 512 x 256 outputs, each a sum of 128.
        INDArray x = Nd4j.create(DataType.FLOAT, 128, 512);
        INDArray delta = Nd4j.create(DataType.FLOAT, 128, 256);
        INDArray gradient = Nd4j.create(DataType.FLOAT, new long[] {512, 256}, 'f');
        assertEquals(KernelThreads.ONE_BLAS_THREAD,
                ((CustomKernel) Kernels.gemm(x, delta, gradient, true, false)).threads(), "16.8M multiply-adds");
        INDArray wide = Nd4j.create(DataType.FLOAT, 128, 1024);
        INDArray wideGradient = Nd4j.create(DataType.FLOAT, new long[] {512, 1024}, 'f');
        assertEquals(KernelThreads.AS_SET,
                ((CustomKernel) Kernels.gemm(x, wide, wideGradient, true, false)).threads(), "67M multiply-adds");
        INDArray reduced = Nd4j.create(DataType.FLOAT, 1, 1024);
        assertEquals(KernelThreads.AS_SET, ((CustomKernel) Reductions.sum(wide, 0, reduced)).threads(),
                "a reduction's order, and its bits, stay the same on any machine");
    }

    @Test
    void anUpdaterOnEveryCoreGivesDl4jsFitsBitsAndLeavesOneLoopThread() {
        // 512 x 1024 weights: Adam's update runs on every loop thread, the products on one BLAS thread.
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 512);
        INDArray y = Nd4j.rand(DataType.FLOAT, 8, 1);
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(5);
            model.add(new Dense(1024, "relu").inputDim(512));
            model.add(new Dense(1));
            model.compile("adam", "mean_squared_error");
            return model;
        }, x, y, Fit.epochs(3).batchSize(4));
        if (NativeThreads.adaptive()) {
            assertEquals(1, Backend.loopThreads(), "the resting state after the step");
        }
    }
}
