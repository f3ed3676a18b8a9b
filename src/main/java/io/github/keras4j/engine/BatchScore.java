package io.github.keras4j.engine;

import java.util.List;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss and the outputs of one batch at inference, from a single forward pass. DL4J's {@code score(DataSet)}
 * runs its own forward pass and then forgets the activations, so evaluating through it and {@code output()}
 * would run the network twice.
 */
record BatchScore(double loss, INDArray output) {

    static BatchScore of(MultiLayerNetwork network, INDArray features, INDArray labels) {
        List<INDArray> activations = network.feedForward(features, false);
        INDArray output = activations.get(activations.size() - 1);
        IOutputLayer outputLayer = (IOutputLayer) network.getOutputLayer();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        outputLayer.setInput(activations.get(activations.size() - 2), noWorkspaces);
        outputLayer.setLabels(labels);
        // As DL4J's own score(DataSet, false): the loss (divided by the batch size in minibatch mode) plus the
        // regularization penalty, which Keras's loss includes too.
        double loss = outputLayer.computeScore(network.calcRegularizationScore(true), false, noWorkspaces);
        network.clearLayersStates();
        return new BatchScore(loss, output);
    }
}
