package io.github.keras4j.engine.step;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.NDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.LongBuffer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays {@code predict} hands back: new arrays of one plan's output shape, filled by a memory copy. ND4J's
 * {@code dup} took 20-60 us a call on this project's machines, against 25-45 us for the products of one row through
 * mnist_mlp: besides the data it makes a new shape descriptor (two JavaCPP allocations, each of which reads the
 * process's resident size from {@code /proc}, and a native one) and runs a copy operation through ND4J's executioner.
 * Shape descriptors are immutable constants in ND4J (arrays of one shape share libnd4j's), so every result of a plan
 * shares its output's; only the data buffer is new (bench/NOTES.md section 10).
 */
final class ResultArrays {

    private ResultArrays() {
    }

    /**
     * A new array holding what {@code from} (a plan's output: c order, its own data) holds now, sharing its shape
     * descriptor.
     *
     * @throws IllegalArgumentException where {@code from} is a view or not in c order
     */
    static INDArray copyOf(INDArray from) {
        if (!isWholeBuffer(from) || !(from.shapeInfoDataBuffer() instanceof LongBuffer shapeInfo)) {
            throw new IllegalArgumentException("results are copies of a c-order array with its own data, not "
                    + from.shapeInfoToString());
        }
        DataBuffer data;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            data = Nd4j.createBuffer(from.dataType(), from.length(), false);
        }
        copy(from.data(), data, 0, from.length() * from.dataType().width());
        return new NDArray(data, shapeInfo, from.shapeInfoJava());
    }

    /**
     * Copies {@code from} into {@code into} from row {@code firstRow} on: both in c order with their own data and the
     * same shape past the first dimension ({@code predict}'s batches into the whole prediction).
     */
    static void copyRows(INDArray from, INDArray into, long firstRow) {
        long rowLength = from.length() / Math.max(1, from.size(0));
        if (!isWholeBuffer(from) || !isWholeBuffer(into) || from.dataType() != into.dataType()
                || from.rank() != into.rank() || firstRow < 0 || firstRow + from.size(0) > into.size(0)
                || into.length() / Math.max(1, into.size(0)) != rowLength) {
            throw new IllegalArgumentException("cannot copy " + from.shapeInfoToString() + " into "
                    + into.shapeInfoToString() + " at row " + firstRow);
        }
        long width = from.dataType().width();
        copy(from.data(), into.data(), firstRow * rowLength * width, from.length() * width);
    }

    private static boolean isWholeBuffer(INDArray array) {
        // Element-wise stride 1 in c order: the elements lie in the buffer in c order (a one-row array's strides may
        // be [1, 1]).
        return array.ordering() == 'c' && array.elementWiseStride() == 1 && !array.isView()
                && array.data().offset() == 0 && array.data().length() == array.length();
    }

    private static void copy(DataBuffer from, DataBuffer to, long toByteOffset, long bytes) {
        // The buffers' own pointers (held since their creation; addressPointer() would ask libnd4j and wrap its answer
        // in two new objects each), as byte pointers at the same addresses: their positions count bytes.
        Pointer source = from.pointer();
        Pointer target = to.pointer();
        Pointer.memcpy(new BytePointer(target).position(target.position() * target.sizeof() + toByteOffset),
                new BytePointer(source).position(source.position() * source.sizeof()), bytes);
    }
}
