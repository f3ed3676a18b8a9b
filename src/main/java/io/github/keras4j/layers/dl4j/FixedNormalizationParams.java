package io.github.keras4j.layers.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link FixedNormalizationLayer}: {@code mean} {@code [1, n]}, {@code variance} {@code [1, n]} and
 * {@code count} {@code [1, 1]}, in that order (Keras's weight order), started as Keras's initializers start them
 * (zeros, ones, zero) or at the layer's given statistics.
 */
public final class FixedNormalizationParams implements ParamInitializer {

    /** The mean's key. */
    public static final String MEAN = "mean";
    /** The variance's key. */
    public static final String VARIANCE = "variance";
    /** The sample count's key (Keras keeps it for older saved models and never reads it). */
    public static final String COUNT = "count";

    private static final FixedNormalizationParams INSTANCE = new FixedNormalizationParams();

    private FixedNormalizationParams() {
    }

    public static FixedNormalizationParams getInstance() {
        return INSTANCE;
    }

    private static FixedNormalizationLayer conf(Layer layer) {
        return (FixedNormalizationLayer) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * conf(layer).features() + 1;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(MEAN, VARIANCE, COUNT);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = views(conf.getLayer(), paramsView);
        if (initializeParams) {
            FixedNormalizationLayer layer = conf(conf.getLayer());
            double[] mean = layer.initialMean();
            INDArray meanView = params.get(MEAN);
            INDArray varianceView = params.get(VARIANCE);
            if (mean == null) {
                meanView.assign(0);
                varianceView.assign(1);
            } else {
                meanView.assign(Nd4j.createFromArray(mean).reshape(meanView.shape()).castTo(meanView.dataType()));
                varianceView.assign(Nd4j.createFromArray(layer.initialVariance()).reshape(varianceView.shape())
                        .castTo(varianceView.dataType()));
            }
            params.get(COUNT).assign(0);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(Layer layer, INDArray flat) {
        long n = conf(layer).features();
        INDArray row = flat.reshape('c', 1, flat.length());
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(MEAN, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, n)));
        views.put(VARIANCE, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(n, 2 * n)));
        views.put(COUNT, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(2 * n, 2 * n + 1)));
        return views;
    }
}
