package io.github.keras4j.layers.dl4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link DenseLayer} configuration whose layer computes each training step's pre-activation once (see
 * {@link SinglePassDenseLayerImpl}). Same parameters, same JSON apart from the class name, same numbers.
 *
 * <p>Public with a no-argument constructor because DL4J's JSON reads layer configurations by class name (Spark
 * ships configurations to its executors that way).
 */
public class SinglePassDenseLayer extends DenseLayer {

    private static final long serialVersionUID = 1L;

    public SinglePassDenseLayer() {
        // for DL4J's JSON
    }

    /** A copy of a configuration built with DL4J's {@code DenseLayer.Builder}, every setting included. */
    public static SinglePassDenseLayer of(DenseLayer built) {
        SinglePassDenseLayer copy = new SinglePassDenseLayer();
        // DenseLayer's constructor is private to its builder, so the builder's result is copied field by field
        // up its class hierarchy: a setting DL4J adds later is copied too.
        for (Class<?> type = DenseLayer.class; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    field.set(copy, field.get(built));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy DL4J's DenseLayer setting " + field.getName(), e);
                }
            }
        }
        return copy;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("DenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new SinglePassDenseLayerImpl(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }
}
