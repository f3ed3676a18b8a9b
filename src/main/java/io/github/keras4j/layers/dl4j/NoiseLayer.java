package io.github.keras4j.layers.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code DropoutLayer} with a noise of keras4j's layers (Gaussian noise, Gaussian dropout, spatial dropout),
 * whose output at inference, its input passed on, is placed in the activation workspace ({@link ActivationWorkspace}):
 * Keras's noise layers are often a model's first layer.
 */
public class NoiseLayer extends DropoutLayer {

    private static final long serialVersionUID = 1L;

    /** A layer applying {@code noise} in training. */
    public NoiseLayer(IDropout noise) {
        super(noise);
    }

    /** For DL4J's JSON reader. */
    protected NoiseLayer() {
    }

    /** {@code noise} in training, under {@code name}. */
    public static NoiseLayer named(IDropout noise, String name) {
        NoiseLayer layer = new NoiseLayer(noise);
        layer.setLayerName(name);
        return layer;
    }

    /** {@code noise} in training, under {@code name}, sized for features where {@code inputShape} is features. */
    public static NoiseLayer named(IDropout noise, String name, io.github.keras4j.Shape inputShape) {
        NoiseLayer layer = named(noise, name);
        if (inputShape.isFeatures()) {
            layer.setNIn(inputShape.last());
            layer.setNOut(inputShape.last());
        }
        return layer;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new NoiseLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NoiseLayer clone() {
        return (NoiseLayer) super.clone();
    }
}
