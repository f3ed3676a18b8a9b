package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The layer of a {@link FixedNormalizationLayer}: Keras's {@code Normalization.call}, {@code (x - mean) / std} with
 * {@code std = max(sqrt(variance), epsilon)} (inverted: {@code mean + x * std}), over the last axis of features
 * {@code [samples, n]} or NHWC images; backward {@code dL/dx = dL/dy / std} ({@code * std} inverted) and zero gradients
 * for the statistics.
 */
public class FixedNormalizationLayerImpl extends BaseLayer<FixedNormalizationLayer> {

    public FixedNormalizationLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** {@code max(sqrt(variance), epsilon)}, a new [1, n] array in the input's type. */
    private INDArray std() {
        INDArray variance = params.get(FixedNormalizationParams.VARIANCE).castTo(input.dataType());
        return Transforms.max(Transforms.sqrt(variance, true), layerConf().epsilon(), false);
    }

    private INDArray rows(INDArray x) {
        return x.rank() == 2 ? x : x.dup('c').reshape('c', -1, x.size(x.rank() - 1));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray mean = params.get(FixedNormalizationParams.MEAN).castTo(input.dataType());
        INDArray std = std();
        INDArray x = rows(input);
        INDArray output = layerConf().invert() ? x.mulRowVector(std).addiRowVector(mean)
                : x.subRowVector(mean).diviRowVector(std);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output.reshape('c', input.shape()));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        gradientsFlattened.assign(0);
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        INDArray std = std();
        INDArray rows = rows(epsilon);
        INDArray inputGradient = layerConf().invert() ? rows.mulRowVector(std) : rows.divRowVector(std);
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
                inputGradient.reshape('c', epsilon.shape())));
    }
}
