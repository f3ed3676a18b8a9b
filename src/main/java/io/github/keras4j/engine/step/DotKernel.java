package io.github.keras4j.engine.step;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueDataBuffer;

/**
 * {@code sum(x * y)} over every element into a scalar, by ND4J's legacy {@code Dot} reduction, called the way ND4J's
 * executioner calls it for a scalar result but with its pointers taken once: the executioner creates arrays each time
 * it runs a legacy reduction, and ND4J has no custom operation computing the same sum.
 */
final class DotKernel extends NativeKernel {

    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();

    private final int opNum;
    private final OpaqueDataBuffer x;
    private final LongPointer xShape;
    private final OpaqueDataBuffer y;
    private final LongPointer yShape;
    private final OpaqueDataBuffer z;
    private final LongPointer zShape;
    private final Pointer extraArguments;
    // The arrays whose native memory the pointers above point into.
    private final INDArray[] arrays;

    DotKernel(INDArray x, INDArray y, INDArray scalar) {
        // A sum over every element: on one thread, its order and bits do not depend on the machine's cores.
        super(KernelThreads.AS_SET);
        if (!scalar.isScalar() || !x.equalShapes(y)) {
            throw new IllegalArgumentException("dot needs two arrays of one shape and a scalar result");
        }
        Dot op = new Dot(x, y, scalar);
        this.opNum = op.opNum();
        this.x = ((BaseCpuDataBuffer) x.data()).getOpaqueDataBuffer();
        this.xShape = (LongPointer) x.shapeInfoDataBuffer().addressPointer();
        this.y = ((BaseCpuDataBuffer) y.data()).getOpaqueDataBuffer();
        this.yShape = (LongPointer) y.shapeInfoDataBuffer().addressPointer();
        this.z = ((BaseCpuDataBuffer) scalar.data()).getOpaqueDataBuffer();
        this.zShape = (LongPointer) scalar.shapeInfoDataBuffer().addressPointer();
        DataBuffer extra = op.extraArgs() == null ? null : op.extraArgsDataBuff(scalar.dataType());
        this.extraArguments = extra == null ? null : extra.addressPointer();
        this.arrays = new INDArray[] {x, y, scalar};
    }

    @Override
    void execute() {
        NATIVE.execReduce3Scalar(null, opNum, x, xShape, null, extraArguments, y, yShape, null, z, zShape, null);
        if (NATIVE.lastErrorCode() != 0) {
            throw new IllegalStateException("ND4J dot failed: " + NATIVE.lastErrorMessage());
        }
    }

    @Override
    public String toString() {
        return "dot" + arrays.length;
    }
}
