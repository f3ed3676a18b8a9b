package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's output layer computing {@code xW + b} once per training step instead of two or three times.
 *
 * <p>In {@code MultiLayerNetwork}'s training step the output layer computes its pre-activation in backprop (where
 * the loss gradient overwrites it), again for the score, and keras4j's training metrics need the layer's output
 * once more. This layer keeps an untouched copy of the backprop pre-activation, in the workspace that holds the
 * step's activations, and gives it to the score (DL4J's and keras4j's losses copy it before applying the
 * activation) and to {@link #trainingOutput()}. The copy is used only while the layer's input is the one it was
 * computed from and its memory is still valid; otherwise everything is computed as DL4J computes it.
 */
public class SinglePassOutputLayerImpl extends OutputLayer {

    private static final long serialVersionUID = 1L;

    private final KeptArray keptPreOutput = new KeptArray();

    public SinglePassOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected INDArray preOutput2d(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray kept = keptPreOutput.readFor(input);
        if (training && kept != null) {
            return kept;
        }
        INDArray z = super.preOutput2d(training, workspaceMgr);
        if (training && layerConf().getWeightNoise() == null && canKeep(workspaceMgr)) {
            // In backprop ArrayType.INPUT is the workspace of the step's activations, open until after the score.
            keptPreOutput.keep(workspaceMgr.dup(ArrayType.INPUT, z), input);
        }
        return z;
    }

    private static boolean canKeep(LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.isScopedOut(ArrayType.INPUT)
                || workspaceMgr.hasConfiguration(ArrayType.INPUT) && workspaceMgr.isWorkspaceOpen(ArrayType.INPUT);
    }

    /**
     * The layer's output (its activation applied) for the current training step's input, computed from the kept
     * pre-activation, outside any workspace; null when there is none, and the caller computes it.
     */
    public INDArray trainingOutput() {
        INDArray kept = keptPreOutput.readFor(input);
        if (kept == null) {
            return null;
        }
        INDArray output = layerConf().getActivationFn().getActivation(kept.dup(), false);
        if (maskArray != null) {
            applyMask(output);
        }
        return output;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        keptPreOutput.forget();
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        keptPreOutput.forget();
    }
}
