package io.github.keras4j.engine.step;

import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;

/**
 * A {@code matmul} of two matrices called straight into the BLAS ND4J multiplies with ({@code cblas_sgemm} or
 * {@code cblas_dgemm}, through the JavaCPP binding whose functions ND4J hands libnd4j), with the very arguments
 * libnd4j's {@code MmulHelper::mmulMxM} passes for the same arrays: the same BLAS call, so the same bits. It skips
 * libnd4j's op machinery around the call (argument and shape checks, the output's preparation, a transposed view of
 * each transposed input), which took 1.2-1.9 us a product against 0.2-0.3 us for a 100x4 times 4x4 product's BLAS
 * call; a small network's step makes five to ten products.
 *
 * <p>Only where {@code mmulMxM} would hand the arrays to the BLAS as they are: float32 or float64 matrices that each
 * have a contiguous dimension, a scale of 1 and no accumulation. Everything else (a copy libnd4j would make first,
 * a 1x1x1 product, which libnd4j computes as a dot product) stays a {@link CustomKernel}.
 */
final class BlasProductKernel extends NativeKernel {

    private final boolean float32;
    private final int order;
    private final int transposeA;
    private final int transposeB;
    private final int m;
    private final int n;
    private final int k;
    private final int lda;
    private final int ldb;
    private final int ldc;
    private final FloatPointer floatA;
    private final FloatPointer floatB;
    private final FloatPointer floatC;
    private final DoublePointer doubleA;
    private final DoublePointer doubleB;
    private final DoublePointer doubleC;
    // The arrays whose native memory the pointers above point into, held so that it lives as long as the kernel.
    private final INDArray[] arrays;

    private BlasProductKernel(INDArray a, INDArray b, INDArray c) {
        super(KernelThreads.forProduct(a, b, c));
        m = (int) a.size(0);
        k = (int) a.size(1);
        n = (int) b.size(1);
        // mmulMxM's reading of the strides: which dimension of each matrix is contiguous.
        boolean aMContiguous = aMContiguous(a);
        boolean aKContiguous = k == 1 || a.stride(1) == 1;
        boolean bKContiguous = k == 1 || b.stride(0) == 1;
        boolean bNContiguous = n == 1 || b.stride(1) == 1;
        boolean cMContiguous = m == 1 || c.stride(0) == 1;
        boolean cNContiguous = n == 1 || c.stride(1) == 1;
        order = cMContiguous ? openblas_nolapack.CblasColMajor : openblas_nolapack.CblasRowMajor;
        transposeA = aMContiguous != cMContiguous ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        transposeB = bKContiguous != cMContiguous ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        lda = aMContiguous && aKContiguous ? m : (int) (!aMContiguous ? a.stride(0) : a.stride(1));
        ldb = bKContiguous && bNContiguous ? k : (int) (!bKContiguous ? b.stride(0) : b.stride(1));
        ldc = cMContiguous && cNContiguous ? m : (int) (!cMContiguous ? c.stride(0) : c.stride(1));
        float32 = a.dataType() == DataType.FLOAT;
        // A view's data buffer starts at the view's first element (ND4J's CpuLevel3 passes it so too).
        floatA = float32 ? (FloatPointer) a.data().addressPointer() : null;
        floatB = float32 ? (FloatPointer) b.data().addressPointer() : null;
        floatC = float32 ? (FloatPointer) c.data().addressPointer() : null;
        doubleA = float32 ? null : (DoublePointer) a.data().addressPointer();
        doubleB = float32 ? null : (DoublePointer) b.data().addressPointer();
        doubleC = float32 ? null : (DoublePointer) c.data().addressPointer();
        arrays = new INDArray[] {a, b, c};
    }

    /**
     * The kernel for {@code op} where it is a {@code matmul} this kernel computes as libnd4j would, else null. The
     * operation's transpose flags become transposed views, as libnd4j's {@code MmulHelper::matmul} makes them.
     */
    static BlasProductKernel of(CustomOp op) {
        if (!op.opName().equals("matmul") || op.inputArguments().size() != 2 || op.outputArguments().size() != 1) {
            return null;
        }
        long[] flags = op.iArgs();
        double[] scales = op.tArgs();
        boolean transposeX = flags.length > 0 && flags[0] != 0;
        boolean transposeY = flags.length > 1 && flags[1] != 0;
        boolean transposeZ = flags.length > 2 && flags[2] != 0;
        double alpha = scales.length > 0 ? scales[0] : 1.0;
        double beta = scales.length > 1 ? scales[1] : 0.0;
        if (transposeZ || alpha != 1.0 || beta != 0.0) {
            return null;
        }
        List<INDArray> inputs = op.inputArguments();
        INDArray x = inputs.get(0);
        INDArray y = inputs.get(1);
        INDArray z = op.outputArguments().get(0);
        if (x.rank() != 2 || y.rank() != 2 || z.rank() != 2) {
            return null;
        }
        INDArray a = transposeX ? x.transpose() : x;
        INDArray b = transposeY ? y.transpose() : y;
        return applies(a, b, z) ? new BlasProductKernel(a, b, z) : null;
    }

    /** Whether {@code mmulMxM} would call the BLAS on these arrays as they are. */
    static boolean applies(INDArray a, INDArray b, INDArray c) {
        DataType type = a.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || b.dataType() != type || c.dataType() != type) {
            return false;
        }
        if (!(a.data() instanceof BaseCpuDataBuffer) || !(b.data() instanceof BaseCpuDataBuffer)
                || !(c.data() instanceof BaseCpuDataBuffer) || a.isEmpty() || b.isEmpty() || c.isEmpty()) {
            return false;
        }
        long m = a.size(0);
        long k = a.size(1);
        long n = b.size(1);
        if (b.size(0) != k || c.size(0) != m || c.size(1) != n || (m == 1 && k == 1 && n == 1)) {
            return false;
        }
        if (Math.max(Math.max(m, n), k) > Integer.MAX_VALUE / 2) {
            return false;
        }
        boolean aHasContiguous = aMContiguous(a) || k == 1 || a.stride(1) == 1;
        boolean bHasContiguous = k == 1 || b.stride(0) == 1 || n == 1 || b.stride(1) == 1;
        boolean cHasContiguous = m == 1 || c.stride(0) == 1 || n == 1 || c.stride(1) == 1;
        return aHasContiguous && bHasContiguous && cHasContiguous;
    }

    private static boolean aMContiguous(INDArray a) {
        return a.size(0) == 1 || a.stride(0) == 1;
    }

    @Override
    void execute() {
        if (float32) {
            openblas_nolapack.cblas_sgemm(order, transposeA, transposeB, m, n, k, 1f, floatA, lda, floatB, ldb, 0f,
                    floatC, ldc);
        } else {
            openblas_nolapack.cblas_dgemm(order, transposeA, transposeB, m, n, k, 1.0, doubleA, lda, doubleB, ldb, 0.0,
                    doubleC, ldc);
        }
    }

    @Override
    public String toString() {
        return "BLAS " + (float32 ? "sgemm" : "dgemm") + " " + m + "x" + k + "x" + n;
    }
}
