package io.github.keras4j.engine.step;

import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.blas.params.MMulTranspose;

/**
 * Keras's {@code Dense}: DL4J's dense layer (and output layer, whose activation the loss applies) as kernels.
 *
 * <p>The arrays have the orders DL4J's give them, since the matrix products' rounding depends on them: {@code xW}
 * into an f-order product that the bias add writes into the c-order pre-activation {@code z} (DL4J copies the product
 * into {@code z}, then adds the bias), the activation into a c-order output; backward, the activation's gradient into
 * {@code z}, the weight gradient {@code x^T delta} and bias gradient {@code sum(delta)} into DL4J's gradient views,
 * and the input gradient {@code W delta^T} into the f-order transpose of the previous layer's c-order output gradient
 * (DL4J's f-order epsilon, transposed). The pre-activation is computed once per step: DL4J computes it again in
 * backprop.
 */
final class DenseStep implements LayerStep {

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return new Compiled(setup);
    }

    private static final class Compiled implements CompiledLayer {
        private final Kernel forward;
        private final Kernel backward;
        private final INDArray output;
        private final INDArray outputGradient;

        Compiled(LayerSetup setup) {
            if (setup.preProcessor() != null) {
                throw new UnsupportedOperationException("a preprocessor before a dense layer has no compiled form");
            }
            BaseLayer<?> layer = (BaseLayer<?>) setup.layer();
            LayerParameters parameters = new LayerParameters(layer);
            Buffers buffers = setup.buffers();
            INDArray input = setup.input();
            INDArray weights = parameters.parameter(DefaultParamInitializer.WEIGHT_KEY);
            INDArray bias = parameters.parameter(DefaultParamInitializer.BIAS_KEY);
            long rows = setup.rows();
            long units = weights.size(1);
            IActivation activation = setup.outputLayer() ? new ActivationIdentity()
                    : layer.layerConf().getActivationFn();
            ActivationKernels.ActivationKernel activationKernel = ActivationKernels.of(activation);
            boolean identity = activation instanceof ActivationIdentity;

            INDArray product = buffers.array('f', rows, units);
            INDArray z = buffers.array('c', rows, units);
            Kernel preActivation = Kernel.sequence(
                    Kernels.of(new Mmul(input, weights, product, 1.0, 0.0, MMulTranspose.allFalse())),
                    bias == null ? Kernels.copy(product, z) : Kernels.of(new AddOp(product, bias, z)));
            if (identity) {
                output = z;
                forward = preActivation;
            } else {
                output = buffers.array('c', rows, units);
                forward = Kernel.sequence(preActivation, activationKernel.forward(z, output, buffers));
            }

            if (!setup.training()) {
                outputGradient = null;
                backward = Kernel.NONE;
                return;
            }
            outputGradient = buffers.array('c', rows, units);
            // DL4J's identity backprop hands the incoming gradient on as it is.
            INDArray delta = identity ? outputGradient : z;
            Kernel activationGradient = identity ? Kernel.NONE
                    : activationKernel.backward(z, outputGradient, delta, buffers);
            Kernel biasGradient = bias == null ? Kernel.NONE
                    : Reductions.sum(delta, 0, parameters.gradient(DefaultParamInitializer.BIAS_KEY));
            Kernel inputGradient = setup.inputGradient() == null ? Kernel.NONE
                    : Kernels.of(new Mmul(weights, delta.transpose(), setup.inputGradient().transpose(), 1.0, 0.0,
                            MMulTranspose.allFalse()));
            Kernel weightGradient = Kernels.gemm(input, delta,
                    parameters.gradient(DefaultParamInitializer.WEIGHT_KEY), true, false);
            backward = Kernel.sequence(activationGradient, biasGradient, inputGradient, weightGradient);
        }

        @Override
        public INDArray output() {
            return output;
        }

        @Override
        public INDArray outputGradient() {
            return outputGradient;
        }

        @Override
        public void forward() {
            forward.run();
        }

        @Override
        public void backward() {
            backward.run();
        }
    }
}
