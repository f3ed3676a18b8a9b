package io.github.keras4j.engine;

import io.github.keras4j.layers.dl4j.SinglePassOutputLayerImpl;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the output of each training step's forward pass, which Keras's training metrics are computed on.
 *
 * <p>DL4J's training forward pass stops at the input of the output layer (the loss function applies the last
 * activation itself), so after the backward pass, while that input is still set, this listener applies the output
 * layer once more in inference mode: the same values for the output layers keras4j builds (they have no dropout),
 * at the cost of one small layer rather than a second forward pass. keras4j's own output layer
 * ({@link SinglePassOutputLayerImpl}) keeps the step's pre-activation, so then only the activation is applied.
 * A model compiled without metrics logs only the loss, so the trainer disables the capture and saves that work.
 */
final class OutputCapture extends BaseTrainingListener {

    private INDArray output;
    private boolean enabled = true;

    /** Whether each step's output is computed; the trainer turns it off when no metric reads it. */
    void enabled(boolean enabled) {
        this.enabled = enabled;
        this.output = null;
    }

    boolean enabled() {
        return enabled;
    }

    /** The output of the last training step (rows x units), outside any workspace. */
    INDArray lastOutput() {
        return output;
    }

    @Override
    public void onBackwardPass(Model model) {
        if (!enabled) {
            return;
        }
        // DL4J calls this outside workspaces, so the result outlives the step.
        org.deeplearning4j.nn.api.Layer outputLayer = ((MultiLayerNetwork) model).getOutputLayer();
        INDArray kept = outputLayer instanceof SinglePassOutputLayerImpl singlePass
                ? singlePass.trainingOutput() : null;
        output = kept != null ? kept : outputLayer.activate(false, LayerWorkspaceMgr.noWorkspacesImmutable());
    }
}
