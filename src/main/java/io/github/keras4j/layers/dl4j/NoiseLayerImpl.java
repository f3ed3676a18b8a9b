package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The layer of {@link NoiseLayer}: DL4J's {@code DropoutLayer}, its output in the activation workspace. */
public class NoiseLayerImpl extends DropoutLayer {

    /** The layer of {@code conf}. */
    public NoiseLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return ActivationWorkspace.place(ArrayType.ACTIVATIONS, super.activate(training, workspaceMgr), workspaceMgr);
    }
}
