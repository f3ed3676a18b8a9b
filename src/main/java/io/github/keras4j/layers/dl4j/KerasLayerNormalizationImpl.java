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
 * The layer of a {@link KerasLayerNormalization}, on input of any rank whose last axis holds the features: the input
 * is seen as rows of features, each row normalized by its mean and (population) variance as Keras does,
 * {@code xHat = (x - mean) / sqrt(var + epsilon)}, {@code y = gamma xHat + beta}. Backward: {@code dBeta} and
 * {@code dGamma} summed over the rows, and {@code dx = (g - mean(g) - xHat mean(g xHat)) / sqrt(var + epsilon)} with
 * {@code g = gamma dy}, each mean over a row.
 */
public class KerasLayerNormalizationImpl extends BaseLayer<KerasLayerNormalization> {

    public KerasLayerNormalizationImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** The input as C-order rows of features. */
    private INDArray rows(INDArray array) {
        long features = layerConf().features();
        return array.castTo(dataType).dup('c').reshape('c', array.length() / features, features);
    }

    /** xHat and 1 / sqrt(var + epsilon) of each row. */
    private INDArray[] normalized(INDArray x) {
        INDArray mean = x.mean(true, 1);
        INDArray centred = x.subColumnVector(mean);
        INDArray variance = centred.mul(centred).mean(true, 1);
        INDArray inverseStd = Transforms.pow(variance.addi(layerConf().epsilon()), -0.5, false);
        return new INDArray[] {centred.muliColumnVector(inverseStd), inverseStd};
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray y = normalized(rows(input))[0];
        if (layerConf().scale()) {
            y.muliRowVector(getParam(KerasLayerNormalization.GAMMA));
        }
        if (layerConf().center()) {
            y.addiRowVector(getParam(KerasLayerNormalization.BETA));
        }
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        return output.assign(y.reshape('c', input.shape()));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray[] forward = normalized(rows(input));
        INDArray xHat = forward[0];
        INDArray inverseStd = forward[1];
        INDArray dy = rows(epsilon);
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        if (layerConf().scale()) {
            INDArray dGamma = gradientViews.get(KerasLayerNormalization.GAMMA);
            dGamma.assign(dy.mul(xHat).sum(true, 0));
            gradient.setGradientFor(KerasLayerNormalization.GAMMA, dGamma);
        }
        if (layerConf().center()) {
            INDArray dBeta = gradientViews.get(KerasLayerNormalization.BETA);
            dBeta.assign(dy.sum(true, 0));
            gradient.setGradientFor(KerasLayerNormalization.BETA, dBeta);
        }
        INDArray g = layerConf().scale() ? dy.mulRowVector(getParam(KerasLayerNormalization.GAMMA)) : dy;
        INDArray meanG = g.mean(true, 1);
        INDArray meanGxHat = g.mul(xHat).mean(true, 1);
        INDArray dx = g.subColumnVector(meanG).subi(xHat.muliColumnVector(meanGxHat)).muliColumnVector(inverseStd);
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(),
                'c');
        return new Pair<>(gradient, inputGradient.assign(dx.reshape('c', input.shape())));
    }
}
