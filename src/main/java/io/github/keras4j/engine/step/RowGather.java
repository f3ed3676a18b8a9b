package io.github.keras4j.engine.step;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.LongPointerWrapper;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueDataBuffer;

/**
 * Copies chosen rows of one matrix into the rows of another, again and again with other rows ({@code fit}'s
 * shuffled batches): libnd4j's {@code pullRows}, as {@code Nd4j.pullRows} calls it, with its arguments prepared once.
 * {@code Nd4j.pullRows} looks up both matrices' row layouts and allocates a pointer array and the index list on every
 * call (JavaCPP allocations, each of which reads the process's resident size from {@code /proc}): about 140 of
 * tutorial 004's 217 us step, which gathers two batches of 100 rows.
 */
public final class RowGather {

    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();

    // The matrices, held so that their native buffers (the opaque ones below) live as long as this.
    private final INDArray source;
    private final INDArray destination;
    private final OpaqueDataBuffer sourceData;
    private final LongPointer sourceShape;
    private final OpaqueDataBuffer destinationData;
    private final LongPointer destinationShape;
    private final LongPointer sourceRowShape;
    private final LongPointer sourceRowOffsets;
    private final LongPointer destinationRowShape;
    private final LongPointer destinationRowOffsets;
    private final PointerPointer<?> extraPointers = new PointerPointer<>(1).zero();
    private final LongPointer rowIndices;
    private final long[] rowScratch;
    // The row layouts' buffers, held so that the pointers above stay valid.
    private final Pair<DataBuffer, DataBuffer> sourceRows;
    private final Pair<DataBuffer, DataBuffer> destinationRows;

    /**
     * Gathers rows of {@code source} into {@code destination}: matrices on the CPU of the same type and row length
     * (the rows gathered fill the destination's first rows).
     *
     * @throws IllegalArgumentException where they are not such matrices
     */
    public RowGather(INDArray source, INDArray destination) {
        if (source.rank() != 2 || destination.rank() != 2 || source.size(1) != destination.size(1)
                || source.dataType() != destination.dataType() || !(source.data() instanceof BaseCpuDataBuffer)
                || !(destination.data() instanceof BaseCpuDataBuffer)) {
            throw new IllegalArgumentException("rows of " + source.shapeInfoToString() + " cannot be gathered into "
                    + destination.shapeInfoToString());
        }
        this.source = source;
        this.destination = destination;
        sourceData = ((BaseCpuDataBuffer) source.data()).getOpaqueDataBuffer();
        sourceShape = (LongPointer) source.shapeInfoDataBuffer().addressPointer();
        destinationData = ((BaseCpuDataBuffer) destination.data()).getOpaqueDataBuffer();
        destinationShape = (LongPointer) destination.shapeInfoDataBuffer().addressPointer();
        sourceRows = Nd4j.getExecutioner().getTADManager().getTADOnlyShapeInfo(source, new int[] {1});
        destinationRows = Nd4j.getExecutioner().getTADManager().getTADOnlyShapeInfo(destination, new int[] {1});
        sourceRowShape = (LongPointer) sourceRows.getFirst().addressPointer();
        sourceRowOffsets = offsets(sourceRows.getSecond());
        destinationRowShape = (LongPointer) destinationRows.getFirst().addressPointer();
        destinationRowOffsets = offsets(destinationRows.getSecond());
        int capacity = (int) destination.size(0);
        rowIndices = new LongPointer(capacity);
        rowScratch = new long[capacity];
    }

    private static LongPointer offsets(DataBuffer offsets) {
        // As Nd4j.pullRows passes them: a long pointer at the offsets' address, or one at address 0 for none.
        Pointer address = offsets == null ? null : offsets.addressPointer();
        return address == null ? new LongPointer((Pointer) null) : new LongPointerWrapper(address);
    }

    /**
     * Copies source rows {@code order[from]} to {@code order[from + count - 1]} into the destination's first
     * {@code count} rows.
     *
     * @throws IllegalArgumentException where the destination has fewer rows or a row index is out of the source
     */
    public void gather(int[] order, int from, int count) {
        if (count < 1 || count > rowScratch.length) {
            throw new IllegalArgumentException("cannot gather " + count + " rows into " + rowScratch.length);
        }
        long sourceRowCount = source.size(0);
        for (int i = 0; i < count; i++) {
            int row = order[from + i];
            if (row < 0 || row >= sourceRowCount) {
                throw new IllegalArgumentException("row " + row + " is outside the " + sourceRowCount + " rows");
            }
            rowScratch[i] = row;
        }
        rowIndices.put(rowScratch, 0, count);
        NATIVE.pullRows(extraPointers, sourceData, sourceShape, null, destinationData, destinationShape, null, count,
                rowIndices, sourceRowShape, sourceRowOffsets, destinationRowShape, destinationRowOffsets);
        if (NATIVE.lastErrorCode() != 0) {
            throw new IllegalStateException(NATIVE.lastErrorMessage());
        }
    }
}
