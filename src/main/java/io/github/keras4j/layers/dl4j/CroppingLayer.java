package io.github.keras4j.layers.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code Cropping2D} on NHWC arrays, whose output (a view of its input) is placed in the activation workspace
 * ({@link ActivationWorkspace}): as a model's first layer DL4J's hands on a view of the network's own input.
 */
public class CroppingLayer extends Cropping2D {

    private static final long serialVersionUID = 1L;

    /** Crops {@code top}, {@code bottom}, {@code left} and {@code right} of NHWC images. */
    public CroppingLayer(int top, int bottom, int left, int right) {
        super(CNN2DFormat.NHWC, top, bottom, left, right);
    }

    /** For DL4J's JSON reader. */
    protected CroppingLayer() {
    }

    /** The cropping under {@code name}. */
    public static CroppingLayer named(String name, int top, int bottom, int left, int right) {
        CroppingLayer layer = new CroppingLayer(top, bottom, left, right);
        layer.setLayerName(name);
        return layer;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new CroppingLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }
}
