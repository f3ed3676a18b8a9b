package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Places a layer's output in the workspace DL4J expects it in. A layer that passes its input on unchanged (a reshape, a
 * noise layer at inference) hands on the network's own input when it is the first layer, an array outside every
 * workspace, and DL4J's {@code MultiLayerNetwork} refuses such an array after the first layer ("array is defined in
 * incorrect workspace") when the next layer or preprocessor passes it on too: so it is copied in.
 */
final class ActivationWorkspace {

    private ActivationWorkspace() {
    }

    /** {@code array} in the open workspace of {@code type}: leveraged there, or copied in when it is in none. */
    static INDArray place(ArrayType type, INDArray array, LayerWorkspaceMgr workspaceMgr) {
        if (!array.isAttached() && !workspaceMgr.isScopedOut(type) && workspaceMgr.hasConfiguration(type)
                && workspaceMgr.isWorkspaceOpen(type)) {
            return workspaceMgr.dup(type, array);
        }
        return workspaceMgr.leverageTo(type, array);
    }
}
