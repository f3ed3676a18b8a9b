package io.github.keras4j.layers.dl4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link KerasLayerNormalization}: {@code gamma} then {@code beta}, each {@code [1, features]} and
 * present only when the layer scales (centers), started at their constant values.
 */
final class LayerNormalizationParams implements ParamInitializer {

    static final LayerNormalizationParams INSTANCE = new LayerNormalizationParams();

    private LayerNormalizationParams() {
    }

    private static KerasLayerNormalization conf(Layer layer) {
        return (KerasLayerNormalization) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return paramKeys(layer).size() * conf(layer).features();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        if (conf(layer).scale()) {
            keys.add(KerasLayerNormalization.GAMMA);
        }
        if (conf(layer).center()) {
            keys.add(KerasLayerNormalization.BETA);
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return conf(layer).scale() ? List.of(KerasLayerNormalization.GAMMA) : List.of();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return conf(layer).center() ? List.of(KerasLayerNormalization.BETA) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KerasLayerNormalization.GAMMA.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return KerasLayerNormalization.BETA.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = views(conf.getLayer(), paramsView);
        if (initializeParams) {
            KerasLayerNormalization layer = conf(conf.getLayer());
            if (layer.scale()) {
                params.get(KerasLayerNormalization.GAMMA).assign(layer.gammaValue());
            }
            if (layer.center()) {
                params.get(KerasLayerNormalization.BETA).assign(layer.betaValue());
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(Layer layer, INDArray flat) {
        Map<String, INDArray> views = new LinkedHashMap<>();
        if (flat == null) {
            // Neither center nor scale: DL4J gives a layer without parameters no view.
            return Collections.unmodifiableMap(views);
        }
        long features = conf(layer).features();
        INDArray row = flat.reshape('c', 1, flat.length());
        long offset = 0;
        for (String key : INSTANCE.paramKeys(layer)) {
            views.put(key, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + features)));
            offset += features;
        }
        return Collections.unmodifiableMap(views);
    }
}
