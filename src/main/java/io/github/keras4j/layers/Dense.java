package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.ActivationKernels;
import io.github.keras4j.engine.step.Buffers;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LayerParameters;
import io.github.keras4j.engine.step.LayerSetup;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.layers.dl4j.SinglePassDenseLayer;
import io.github.keras4j.layers.dl4j.SinglePassOutputLayer;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A fully connected layer, Keras's {@code keras.layers.Dense}: {@code output = activation(input . kernel + bias)}.
 *
 * <p>Keras's defaults: activation {@code linear}, {@code useBias} true, kernel initializer {@code glorot_uniform},
 * bias initializer {@code zeros}, no regularizers. {@code new Dense(16, "relu").inputDim(2)} is
 * {@code Dense(16, activation='relu', input_dim=2)}. Its weights are Keras's: kernel {@code (inputs, units)}, bias
 * {@code (units)}.
 */
public final class Dense extends KernelLayer<Dense> {

    /** Keras's {@code Dense}; Keras 1 called {@code units} {@code output_dim}. */
    public static final LayerType<Dense> TYPE = LayerType.of("Dense", Dense::fromConfig)
            .keras1Keys(KERAS1_KEYS)
            .keras1Keys("output_dim", "units")
            .firstOnSequences();

    private final int units;

    /** {@code Dense(units)}: a linear layer. */
    public Dense(int units) {
        this(units, DEFAULT_ACTIVATION);
    }

    /** {@code Dense(units, activation=name)}. */
    public Dense(int units, String activation) {
        this(units, Activations.get(activation));
    }

    /** {@code Dense(units, activation=...)}. */
    public Dense(int units, Activations activation) {
        super(activation);
        if (units < 1) {
            throw new IllegalArgumentException("Received an invalid value for `units`, expected a positive integer. "
                    + "Received: units=" + units);
        }
        this.units = units;
    }

    private static Dense fromConfig(LayerConfig config) {
        Dense dense = readKernelSettings(new Dense(config.integer("units")), config);
        config.mustBeNull("quantization_config");
        return dense;
    }

    @Override
    public LayerType<Dense> type() {
        return TYPE;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return units;
    }

    /** On a sequence, Keras's Dense maps the features of each timestep: {@code (timesteps, units)}. */
    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isKnown(-1)) {
            throw new IllegalArgumentException("layer " + this + ": the last axis of its input must be known, "
                    + "received input of shape " + inputShape.sizesText());
        }
        return inputShape.isSequence() ? inputShape.withLast(units) : super.outputShape(inputShape);
    }

    @Override
    public boolean perTimestep() {
        return true;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    public long countParams(long inputUnits) {
        return Math.addExact(Math.multiplyExact(inputUnits, (long) units), useBias() ? units : 0);
    }

    /** The number of output features. */
    public int units() {
        return units;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("units", units);
        writeKernelSettings(config);
    }

    /** Keras 3's Dense has no activity regularizer key and adds {@code quantization_config}. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        super.writeKeras3Config(config);
        config.remove("activity_regularizer");
        config.put("quantization_config", null);
    }

    @Override
    KerasWeight kernelWeight() {
        return KerasWeight.matrix("kernel", DefaultParamInitializer.WEIGHT_KEY);
    }

    /** DL4J's {@code DenseLayer}, as keras4j's single-pass form (the same numbers with less work per step). */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return withRegularizers(SinglePassDenseLayer.of(
                withKernelSettings(new DenseLayer.Builder()).nIn(inputShape.last()).nOut(units).hasBias(useBias())
                        .build()));
    }

    /** DL4J's {@code OutputLayer}: this layer and the compiled loss, as keras4j's single-pass form. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(Shape inputShape, ILossFunction loss) {
        return withRegularizers(new SinglePassOutputLayer(
                withKernelSettings(new OutputLayer.Builder(loss)).nIn(inputShape.last()).nOut(units).hasBias(useBias())));
    }

    /**
     * DL4J's dense layer (and output layer, whose activation the loss applies) as kernels.
     *
     * <p>The arrays have the orders DL4J's give them, since the matrix products' rounding depends on them: {@code xW}
     * into an f-order product that the bias add writes into the c-order pre-activation {@code z} (DL4J copies the
     * product into {@code z}, then adds the bias), the activation into a c-order output; backward, the activation's
     * gradient where DL4J's backprop leaves it, the weight gradient {@code x^T delta} and bias gradient
     * {@code sum(delta)} into DL4J's gradient views, and the input gradient {@code W delta^T} into an f-order array
     * handed on transposed, as DL4J's epsilon. The pre-activation is computed once per step: DL4J computes it again
     * in backprop.
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
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
        IActivation activation = setup.outputLayer() ? new ActivationIdentity() : layer.layerConf().getActivationFn();
        ActivationKernels.ActivationKernel activationKernel = ActivationKernels.of(activation);

        KernelList forward = new KernelList(buffers);
        INDArray product = buffers.array('f', rows, units);
        INDArray z = buffers.array('c', rows, units);
        forward.op(new Mmul(input, weights, product, 1.0, 0.0, MMulTranspose.allFalse()));
        if (bias == null) {
            forward.copy(product, z);
        } else {
            forward.add(product, bias, z);
        }
        INDArray output = z;
        if (!(activation instanceof ActivationIdentity)) {
            output = buffers.array('c', rows, units);
            forward.activate(activation, z, output);
        }
        return CompiledLayer.of(output, forward.build(), buffers, (backward, outputGradient, inputGradientNeeded) -> {
            INDArray delta = switch (activationKernel.gradientPlace()) {
                case PRE_ACTIVATION -> z;
                case NEW_ARRAY -> buffers.array('c', rows, units);
                case INCOMING -> outputGradient;
            };
            backward.backprop(activation, z, outputGradient, delta);
            if (bias != null) {
                backward.sum(delta, 0, parameters.gradient(DefaultParamInitializer.BIAS_KEY));
            }
            INDArray inputGradient = null;
            if (inputGradientNeeded) {
                INDArray transposed = buffers.array('f', weights.size(0), rows);
                backward.op(new Mmul(weights, delta.transpose(), transposed, 1.0, 0.0, MMulTranspose.allFalse()));
                inputGradient = transposed.transpose();
            }
            backward.add(Kernels.gemm(input, delta, parameters.gradient(DefaultParamInitializer.WEIGHT_KEY), true,
                    false));
            return inputGradient;
        });
    }
}
