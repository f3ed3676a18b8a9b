package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Allocates the arrays of a compiled step, once, outside any workspace: they live as long as the step that owns
 * them, whatever workspace DL4J has open when the step is built.
 */
public final class Buffers {

    private final DataType dataType;

    public Buffers(DataType dataType) {
        this.dataType = dataType;
    }

    /** The network's floating-point type, which every buffer of the step has unless asked otherwise. */
    public DataType dataType() {
        return dataType;
    }

    /** An array of the step's type, its contents undefined until a kernel writes them. */
    public INDArray array(char order, long... shape) {
        return array(dataType, order, shape);
    }

    public INDArray array(DataType type, char order, long... shape) {
        return outsideWorkspaces(type, order, shape);
    }

    /**
     * An uninitialized array outside any workspace, whatever workspace is open: for arrays that outlive the call that
     * makes them (a step's buffers, reused batch arrays, predict's result).
     */
    public static INDArray outsideWorkspaces(DataType type, char order, long... shape) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(type, shape, order);
        }
    }

    /** An array of the step's type and this shape filled with {@code value}. */
    public INDArray filled(double value, char order, long... shape) {
        INDArray array = array(order, shape);
        array.assign(value);
        return array;
    }

    /** A scalar of the step's type holding {@code value}; kernels read it, and a caller may change it between runs. */
    public INDArray scalar(double value) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.scalar(dataType, value);
        }
    }

    /** A scalar of {@code type} holding {@code value}. */
    public INDArray scalar(DataType type, double value) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.scalar(type, value);
        }
    }
}
