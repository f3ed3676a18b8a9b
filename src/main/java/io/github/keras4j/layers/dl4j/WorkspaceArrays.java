package io.github.keras4j.layers.dl4j;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Whether an array kept between two calls of a layer may still be read. */
final class WorkspaceArrays {

    private WorkspaceArrays() {
    }

    /**
     * True if the array's memory is still its own: not closed, and, for an array in a workspace, that workspace is
     * open in the generation the array was created in (a closed and reopened workspace reuses the memory).
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
