package io.github.keras4j.engine.step;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A DL4J layer's parameter views and the views of its gradients in the network's flat gradient array. */
public final class LayerParameters {

    private final Layer layer;
    private final Map<String, INDArray> gradients;

    public LayerParameters(Layer layer) {
        this.layer = layer;
        INDArray flat = layer.getGradientsViewArray();
        this.gradients = flat == null ? Map.of()
                : layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(), flat);
        requireDefaultTraining(layer);
    }

    /** The parameter {@code key} (DL4J's view), or null when the layer has none such. */
    public INDArray parameter(String key) {
        return layer.paramTable().get(key);
    }

    /** The gradient view of parameter {@code key}. */
    public INDArray gradient(String key) {
        INDArray gradient = gradients.get(key);
        if (gradient == null) {
            throw new IllegalStateException("layer " + layer.conf().getLayer().getLayerName() + " has no gradient for "
                    + key);
        }
        return gradient;
    }

    /** Refuses what keras4j never configures and a compiled layer does not compute: weight noise, normalization. */
    private static void requireDefaultTraining(Layer layer) {
        if (layer.conf().getLayer() instanceof BaseLayer base) {
            if (base.getWeightNoise() != null) {
                throw new UnsupportedOperationException("weight noise has no compiled form");
            }
            GradientNormalization normalization = base.getGradientNormalization();
            if (normalization != null && normalization != GradientNormalization.None) {
                throw new UnsupportedOperationException("gradient normalization " + normalization
                        + " has no compiled form");
            }
            if (base.getIDropout() != null && !(layer instanceof org.deeplearning4j.nn.layers.DropoutLayer)) {
                throw new UnsupportedOperationException("dropout on a layer's input has no compiled form");
            }
        }
    }
}
