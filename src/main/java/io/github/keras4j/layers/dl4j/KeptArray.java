package io.github.keras4j.layers.dl4j;

import java.io.Serializable;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array a layer computed from one input and reads again later in the same training step, instead of computing
 * it a second time. It is handed out only for that same input object and while its memory is still its own.
 */
final class KeptArray implements Serializable {

    private static final long serialVersionUID = 1L;

    // DL4J's layers are Serializable; what is kept belongs to one training step and is never written.
    private transient INDArray array;
    private transient INDArray input;

    void keep(INDArray array, INDArray input) {
        this.array = array;
        this.input = input;
    }

    /** The kept array if it was computed from {@code currentInput} and may still be read; otherwise null. */
    INDArray readFor(INDArray currentInput) {
        if (array != null && (input != currentInput || !usable(array))) {
            forget();
        }
        return array;
    }

    void forget() {
        array = null;
        input = null;
    }

    /**
     * True if the array's memory is still its own: not closed, and, for an array in a workspace, that workspace is
     * open in the generation the array was created in (a closed and reopened workspace reuses the memory, and
     * ND4J's {@code wasClosed()} does not see that).
     */
    static boolean usable(INDArray array) {
        if (array == null || array.wasClosed()) {
            return false;
        }
        if (!array.isAttached()) {
            return true;
        }
        MemoryWorkspace workspace = array.data().getParentWorkspace();
        return workspace != null && workspace.isScopeActive()
                && workspace.getGenerationId() == array.data().getGenerationId();
    }
}
