package io.github.keras4j.engine;

import java.util.List;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
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
        return of(network, features, labels, null);
    }

    /** The loss and outputs of a batch whose sequences have this timestep mask ({@code [samples, timesteps]}, or null). */
    static BatchScore of(MultiLayerNetwork network, INDArray features, INDArray labels, INDArray mask) {
        List<INDArray> activations = mask == null ? network.feedForward(features, false)
                : network.feedForward(features, mask, null);
        INDArray output = activations.get(activations.size() - 1);
        IOutputLayer outputLayer = (IOutputLayer) network.getOutputLayer();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray toOutputLayer = activations.get(activations.size() - 2);
        // The output layer's own preprocessor (a sequence's timesteps as rows), as DL4J's score applies it.
        InputPreProcessor preProcessor = network.getLayerWiseConfigurations()
                .getInputPreProcess(network.getnLayers() - 1);
        if (preProcessor != null) {
            toOutputLayer = preProcessor.preProcess(toOutputLayer, (int) features.size(0), noWorkspaces);
        }
        outputLayer.setInput(toOutputLayer, noWorkspaces);
        outputLayer.setLabels(labels);
        // As DL4J's own score(DataSet, false): the loss (divided by the batch size in minibatch mode) plus the
        // regularization penalty, which Keras's loss includes too.
        double loss = outputLayer.computeScore(network.calcRegularizationScore(true), false, noWorkspaces);
        network.clearLayersStates();
        return new BatchScore(loss, output);
    }
}
