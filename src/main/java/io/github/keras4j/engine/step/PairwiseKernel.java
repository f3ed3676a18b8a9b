package io.github.keras4j.engine.step;

import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueDataBuffer;

/**
 * {@code z = x op y} elementwise for three arrays of one shape and type, through libnd4j's legacy pairwise entry point
 * ({@code execPairwiseTransform}) with the pointers taken once. ND4J's Java classes for these operations ({@code AddOp},
 * {@code MulOp}, {@code SubOp}) are custom operations, whose every run pays for libnd4j's shape function and
 * op-context checks, many times the arithmetic on a recurrent step's small arrays; one IEEE addition, product or
 * difference per element either way, so the same bits ({@code PairwiseKernelTest}).
 */
final class PairwiseKernel extends NativeKernel {

    /** libnd4j's legacy pairwise operation numbers ({@code PAIRWISE_TRANSFORM_OPS}). */
    enum Operation {
        ADD(0), MULTIPLY(3), SUBTRACT(6);

        final int number;

        Operation(int number) {
            this.number = number;
        }
    }

    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();

    private final Operation operation;
    private final OpaqueDataBuffer x;
    private final LongPointer xShape;
    private final OpaqueDataBuffer y;
    private final LongPointer yShape;
    private final OpaqueDataBuffer z;
    private final LongPointer zShape;
    // The arrays whose native memory the pointers above point into.
    private final INDArray[] arrays;

    private PairwiseKernel(Operation operation, INDArray x, INDArray y, INDArray z) {
        super(KernelThreads.forLoop(z));
        this.operation = operation;
        this.x = opaque(x);
        this.xShape = (LongPointer) x.shapeInfoDataBuffer().addressPointer();
        this.y = opaque(y);
        this.yShape = (LongPointer) y.shapeInfoDataBuffer().addressPointer();
        this.z = opaque(z);
        this.zShape = (LongPointer) z.shapeInfoDataBuffer().addressPointer();
        this.arrays = new INDArray[] {x, y, z};
    }

    /** Whether the three arrays suit a pairwise kernel: one shape and one floating-point type, on ND4J's CPU build. */
    static boolean applies(INDArray x, INDArray y, INDArray z) {
        return x.equalShapes(y) && x.equalShapes(z) && x.dataType() == y.dataType() && x.dataType() == z.dataType()
                && x.dataType().isFPType() && !x.isEmpty() && x.data() instanceof BaseCpuDataBuffer
                && y.data() instanceof BaseCpuDataBuffer && z.data() instanceof BaseCpuDataBuffer;
    }

    static PairwiseKernel of(Operation operation, INDArray x, INDArray y, INDArray z) {
        if (!applies(x, y, z)) {
            throw new IllegalArgumentException("a pairwise kernel needs three arrays of one shape and type");
        }
        return new PairwiseKernel(operation, x, y, z);
    }

    private static OpaqueDataBuffer opaque(INDArray array) {
        return ((BaseCpuDataBuffer) array.data()).getOpaqueDataBuffer();
    }

    @Override
    void execute() {
        NATIVE.execPairwiseTransform(LegacyKernel.EXTRA_POINTERS, operation.number, x, xShape, null, y, yShape, null,
                z, zShape, null, null);
        if (NATIVE.lastErrorCode() != 0) {
            throw new IllegalStateException("ND4J pairwise " + operation + " failed: " + NATIVE.lastErrorMessage());
        }
    }

    @Override
    public String toString() {
        return operation.toString().toLowerCase(java.util.Locale.ROOT) + arrays.length;
    }
}
