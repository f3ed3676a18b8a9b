package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer without the matrix products per training step whose results DL4J already has or discards.
 *
 * <p>DL4J's {@code BaseLayer} applies the activation in place on the pre-activation {@code z = xW + b}, so its
 * backward pass computes {@code xW + b} a second time; and the first layer of a network computes the gradient with
 * respect to the network's input, which {@code MultiLayerNetwork.fit} then throws away. This layer keeps {@code z}
 * from the training forward pass (one copy, in the same workspace as the layer's output, so it lives exactly as
 * long as the activations backprop reads) and, when told that nobody reads the input gradient, skips that product.
 * For the 784-1024-1024-10 MLP of bench/ that is 3 of DL4J's 11 large matrix products per step; for tiny networks, a
 * matrix product and a bias add per layer, for one copy. Everything else, and every number, is DL4J's: the
 * backward pass below is {@code BaseLayer.backpropGradient} for a layer without layer normalization.
 */
public class SinglePassDenseLayerImpl extends DenseLayer {

    private static final long serialVersionUID = 1L;

    private final KeptArray preActivation = new KeptArray();
    private boolean inputGradientNeeded = true;

    public SinglePassDenseLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Whether backprop computes the gradient with respect to this layer's input. Only the first layer of a network
     * may skip it, and only while the network's caller discards it (keras4j's own fit loop).
     */
    public void inputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    public boolean inputGradientNeeded() {
        return inputGradientNeeded;
    }

    private boolean keepsPreActivation() {
        return !hasLayerNorm() && layerConf().getWeightNoise() == null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        preActivation.forget();
        if (!training || !keepsPreActivation()) {
            return super.activate(training, workspaceMgr);
        }
        INDArray z = preOutput(true, workspaceMgr);
        INDArray output = layerConf().getActivationFn().getActivation(workspaceMgr.dup(ArrayType.ACTIVATIONS, z), true);
        if (maskArray != null) {
            applyMask(output);
        }
        // preOutput replaced the input by its dropped-out copy, which backprop reads: z belongs to that array.
        preActivation.keep(z, input);
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        // Read once: backprop overwrites z with the activation's derivative.
        INDArray z = preActivation.readFor(input);
        preActivation.forget();
        if (!keepsPreActivation() || (z == null && inputGradientNeeded)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        if (z == null) {
            z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
        }
        assertInputSet(true);
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        if (maskArray != null) {
            applyMask(delta);
        }
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray epsilonNext = null;
        if (inputGradientNeeded) {
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {weights.size(0), delta.size(0)}, 'f');
            epsilonNext = weights.mmuli(delta.transpose(), epsilonNext).transpose();
        }
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsilonNext == null ? null : backpropDropOutIfPresent(epsilonNext));
    }

    @Override
    public void clear() {
        super.clear();
        preActivation.forget();
    }
}
