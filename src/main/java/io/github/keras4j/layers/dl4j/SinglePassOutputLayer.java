package io.github.keras4j.layers.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link OutputLayer} configuration whose layer computes each training step's pre-activation once (see
 * {@link SinglePassOutputLayerImpl}). Same parameters, same JSON apart from the class name, same numbers.
 *
 * <p>Public with a no-argument constructor because DL4J's JSON reads layer configurations by class name.
 */
public class SinglePassOutputLayer extends OutputLayer {

    private static final long serialVersionUID = 1L;

    public SinglePassOutputLayer() {
        // for DL4J's JSON
    }

    /** The configuration DL4J's builder describes. */
    public SinglePassOutputLayer(OutputLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("OutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new SinglePassOutputLayerImpl(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }
}
