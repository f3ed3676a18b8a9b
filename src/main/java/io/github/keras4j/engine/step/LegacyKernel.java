package io.github.keras4j.engine.step;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.TransformOp;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueDataBuffer;

/**
 * An ND4J legacy operation (elementwise transforms such as {@code Sigmoid}, scalar and pairwise operations, random
 * draws) created once with its input and output arrays and run again on them: ND4J's executioner runs such an
 * object without creating arrays. (Legacy broadcasts and reductions do create arrays on every run; compiled steps use
 * the custom {@code add}, {@code reduce_sum}... operations for those.)
 *
 * <p>Scalar operations and transforms are called as ND4J's CPU executioner calls them ({@code execScalar},
 * {@code execTransformStrict}, {@code execPairwiseTransform}...: the same native function with the same arguments,
 * so the same numbers), but with the arrays' native pointers taken once instead of on every run: the executioner's
 * run creates several Java pointer objects per operation, most of a compiled step's garbage. Random draws and
 * anything else go through the executioner.
 */
public final class LegacyKernel extends NativeKernel {

    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();
    /**
     * The transforms' "extra pointers" argument, as the executioner passes it: libnd4j reads its first two as an
     * along-dimension layout, which these operations have none of, so they are null (JavaCPP does not zero new
     * memory). Only read, so shared.
     */
    static final PointerPointer EXTRA_POINTERS = new PointerPointer(32).zero();

    private final Op op;
    private final OpExecutioner executioner = Nd4j.getExecutioner();
    private final Call call;
    /** The arrays the bound pointers belong to; rebound when the caller sets another x (a batch's features). */
    private INDArray boundX;
    private DataType boundXType;
    private DataBuffer boundXShapeInfo;
    private OpaqueDataBuffer x;
    private LongPointer xShape;
    private OpaqueDataBuffer y;
    private LongPointer yShape;
    private OpaqueDataBuffer z;
    private LongPointer zShape;
    private OpaqueDataBuffer scalarValue;
    private LongPointer scalarShape;
    private Pointer extraArguments;

    /** The native entry point a legacy operation runs through, as ND4J's CPU executioner chooses it. */
    private enum Call {
        SCALAR, SCALAR_BOOL, TRANSFORM_FLOAT, TRANSFORM_STRICT, TRANSFORM_SAME, TRANSFORM_ANY, TRANSFORM_BOOL,
        PAIRWISE, PAIRWISE_BOOL, EXECUTIONER
    }

    private LegacyKernel(Op op) {
        super(KernelThreads.forLoop(op.z()));
        this.op = op;
        this.call = callOf(op);
    }

    private static Call callOf(Op op) {
        if (!(Nd4j.getExecutioner() instanceof org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner)) {
            return Call.EXECUTIONER;
        }
        if (op instanceof ScalarOp scalar && scalar.dimensions() == null) {
            return switch (scalar.getOpType()) {
                case SCALAR -> Call.SCALAR;
                case SCALAR_BOOL -> Call.SCALAR_BOOL;
                default -> Call.EXECUTIONER;
            };
        }
        // Pow with a scalar y and IsMax get special treatment from the executioner; they keep its path.
        if (op instanceof TransformOp transform && op.opNum() != 31 && !op.opName().equalsIgnoreCase("ismax")) {
            if (op.y() != null) {
                return switch (transform.getOpType()) {
                    case TRANSFORM_ANY, TRANSFORM_FLOAT, TRANSFORM_STRICT, TRANSFORM_SAME -> Call.PAIRWISE;
                    case TRANSFORM_BOOL -> Call.TRANSFORM_BOOL;
                    case PAIRWISE_BOOL -> Call.PAIRWISE_BOOL;
                    default -> Call.EXECUTIONER;
                };
            }
            return switch (transform.getOpType()) {
                case TRANSFORM_FLOAT -> Call.TRANSFORM_FLOAT;
                case TRANSFORM_STRICT -> Call.TRANSFORM_STRICT;
                case TRANSFORM_SAME -> Call.TRANSFORM_SAME;
                case TRANSFORM_ANY -> Call.TRANSFORM_ANY;
                case TRANSFORM_BOOL -> Call.TRANSFORM_BOOL;
                default -> Call.EXECUTIONER;
            };
        }
        return Call.EXECUTIONER;
    }

    /**
     * Takes the arrays' native pointers after checking their types as the executioner does. Only x's change between
     * runs ({@link #runOn}: a batch's features), so the others are taken once; x's shape descriptor is usually the
     * one libnd4j keeps for its shape, the same object call after call, and its pointer is taken again only when it
     * changes (each {@code addressPointer()} is a native call and two new objects).
     */
    private void bind() {
        INDArray xArray = op.x();
        INDArray zArray = op.z();
        if (op instanceof TransformOp transform) {
            transform.validateDataTypes(null, false);
            if (call == Call.PAIRWISE && op.x().dataType() != op.y().dataType() && op.y().dataType() != DataType.BOOL) {
                throw new IllegalArgumentException("Op.X and Op.Y must have the same data type, but got "
                        + op.x().dataType() + " vs. " + op.y().dataType());
            }
        }
        boolean typedByX = call == Call.SCALAR_BOOL || call == Call.TRANSFORM_ANY || call == Call.TRANSFORM_BOOL
                || call == Call.PAIRWISE_BOOL;
        if (z == null || (typedByX && xArray.dataType() != boundXType)) {
            z = opaque(zArray);
            zShape = (LongPointer) zArray.shapeInfoDataBuffer().addressPointer();
            if (op.y() != null) {
                y = opaque(op.y());
                yShape = (LongPointer) op.y().shapeInfoDataBuffer().addressPointer();
            }
            if (op instanceof ScalarOp scalar) {
                scalarValue = opaque(scalar.scalar());
                scalarShape = (LongPointer) scalar.scalar().shapeInfoDataBuffer().addressPointer();
            }
            DataBuffer extra = op.extraArgs() == null ? null
                    : op.extraArgsDataBuff((typedByX ? xArray : zArray).dataType());
            extraArguments = extra == null ? null : extra.addressPointer();
            boundXType = xArray.dataType();
        }
        x = opaque(xArray);
        DataBuffer xShapeInfo = xArray.shapeInfoDataBuffer();
        if (xShapeInfo != boundXShapeInfo) {
            xShape = (LongPointer) xShapeInfo.addressPointer();
            boundXShapeInfo = xShapeInfo;
        }
        boundX = xArray;
    }

    private static OpaqueDataBuffer opaque(INDArray array) {
        return ((BaseCpuDataBuffer) array.data()).getOpaqueDataBuffer();
    }

    /** Runs {@code op}, which must have its output array set. */
    public static LegacyKernel of(Op op) {
        if (op.z() == null) {
            throw new IllegalArgumentException(op.opName() + " has no output array: a compiled step writes into "
                    + "arrays allocated once");
        }
        return new LegacyKernel(op);
    }

    /** The operation, whose scalar a caller may change between runs. */
    public Op op() {
        return op;
    }

    /**
     * Sets the number a scalar operation applies for the next runs ({@code x.muli(value)} with a value that changes
     * from step to step), rounded to the operation's type as a new operation object would round it.
     */
    public void scalar(double value) {
        ((ScalarOp) op).scalar().putScalar(0, value);
    }

    /** Runs once with {@code input} as x (a batch's features), keeping no reference to it afterwards. */
    public void runOn(INDArray input) {
        op.setX(input);
        try {
            run();
        } finally {
            op.setX(null);
            boundX = null;
            x = null;
        }
    }

    @Override
    void execute() {
        if (call == Call.EXECUTIONER) {
            if (op instanceof RandomOp random) {
                executioner.exec(random, Nd4j.getRandom());
            } else {
                executioner.exec(op);
            }
            return;
        }
        if (op.x() != boundX) {
            bind();
        }
        switch (call) {
            case SCALAR -> NATIVE.execScalar(null, op.opNum(), x, xShape, null, z, zShape, null, scalarValue,
                    scalarShape, null, extraArguments);
            case SCALAR_BOOL -> NATIVE.execScalarBool(null, op.opNum(), x, xShape, null, z, zShape, null,
                    scalarValue, scalarShape, null, extraArguments);
            case TRANSFORM_FLOAT -> NATIVE.execTransformFloat(EXTRA_POINTERS, op.opNum(), x, xShape, null, z, zShape,
                    null, extraArguments);
            case TRANSFORM_STRICT -> NATIVE.execTransformStrict(EXTRA_POINTERS, op.opNum(), x, xShape, null, z,
                    zShape, null, extraArguments);
            case TRANSFORM_SAME -> NATIVE.execTransformSame(EXTRA_POINTERS, op.opNum(), x, xShape, null, z, zShape,
                    null, extraArguments);
            case TRANSFORM_ANY -> NATIVE.execTransformAny(EXTRA_POINTERS, op.opNum(), x, xShape, null, z, zShape,
                    null, extraArguments);
            case TRANSFORM_BOOL -> NATIVE.execTransformBool(EXTRA_POINTERS, op.opNum(), x, xShape, null, z, zShape,
                    null, extraArguments);
            case PAIRWISE -> NATIVE.execPairwiseTransform(EXTRA_POINTERS, op.opNum(), x, xShape, null, y, yShape,
                    null, z, zShape, null, extraArguments);
            case PAIRWISE_BOOL -> NATIVE.execPairwiseTransformBool(EXTRA_POINTERS, op.opNum(), x, xShape, null, y,
                    yShape, null, z, zShape, null, extraArguments);
            default -> throw new IllegalStateException(call.toString());
        }
        if (NATIVE.lastErrorCode() != 0) {
            throw new IllegalStateException("ND4J operation " + op.opName() + " failed: " + NATIVE.lastErrorMessage());
        }
    }

    @Override
    public String toString() {
        return op.opName();
    }
}
