package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        assertEquals(KernelThreads.ONE_BLAS_THREAD, product(100, 4, 4), "tutorial 004's weight gradient");
        assertEquals(KernelThreads.ONE_BLAS_THREAD, product(128, 128, 128));
        assertEquals(KernelThreads.AS_SET, product(128, 512, 512), "mnist_mlp's hidden layer");
        assertEquals(KernelThreads.AS_SET, product(1, 784, 512), "one row through a large layer");
        assertEquals(KernelThreads.AS_SET, product(32, 784, 512), "a batch of 32 through a large layer");
        assertEquals(KernelThreads.ONE_BLAS_THREAD, product(256, 1024, 10), "the wide MLP's output layer");
        assertEquals(KernelThreads.ONE_BLAS_THREAD, product(1024, 10, 256), "its input gradient");
        assertEquals(KernelThreads.ONE_BLAS_THREAD, product(1024, 256, 10), "its weight gradient");
    }

    @Test
    void reductionsStayOnOneThread() {
        INDArray wide = Nd4j.create(DataType.FLOAT, 128, 1024);
        INDArray reduced = Nd4j.create(DataType.FLOAT, 1, 1024);
        assertEquals(KernelThreads.AS_SET, ((CustomKernel) Reductions.sum(wide, 0, reduced)).threads(),
                "a reduction's order, and its bits, stay the same on any machine");
    }

    @Test
    void anUpdaterOnEveryCoreGivesDl4jsFitsBitsAndLeavesOneLoopThread() {
        // 525K parameters: Adam's update runs on every loop thread.
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 512);
        INDArray y = Nd4j.rand(DataType.FLOAT, 8, 1);
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(5);
            model.add(new Dense(1024, "relu").inputDim(512));
            model.add(new Dense(1));
            model.compile("adam", "mean_squared_error");
            return model;
        }, x, y, Fit.epochs(3).batchSize(4));
        assertEquals(KernelThreads.ALL_LOOP_THREADS,
                KernelThreads.forLoop(Nd4j.create(DataType.FLOAT, 512, 1024)), "the update of the 512 x 1024 kernel");
        assumeTrue(NativeThreads.adaptive(), "threads fixed by the environment: no per-kernel choice to undo");
        assertEquals(1, Backend.loopThreads(), "the resting state after the step");
    }

    /** The choice for an m x k times k x n product, as the compiled step builds it. */
    private static KernelThreads product(int m, int k, int n) {
        NativeKernel kernel = (NativeKernel) Kernels.gemm(Nd4j.create(DataType.FLOAT, m, k),
                Nd4j.create(DataType.FLOAT, k, n), Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'f'), false, false);
        return kernel.threads();
    }
}
