package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LayerParameters;
import io.github.keras4j.engine.step.LayerSetup;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.params.PReLUParamInitializer;
import org.deeplearning4j.nn.weights.WeightInitConstant;

/**
 * Parametric rectified linear unit: {@code x} for {@code x >= 0}, {@code alpha * x} otherwise, with {@code alpha}
 * learned per feature, or one {@code alpha} for all features when {@code shared_axes=[1]}. Keras's
 * {@code keras.layers.PReLU(alpha_initializer="zeros", shared_axes=None)}; its one weight is {@code alpha}.
 */
public final class PReLU extends FluentLayer<PReLU> {

    /** Keras's {@code PReLU} layer; Keras 1 called its {@code alpha_initializer} {@code init}. */
    public static final LayerType<PReLU> TYPE = LayerType.of("PReLU", PReLU::fromConfig)
            .keras1Keys("init", "alpha_initializer");

    private Initializer alphaInitializer = Initializers.get("zeros");
    private boolean sharedAcrossFeatures;

    /** {@code PReLU()}: alpha starts at 0, one alpha per feature. */
    public PReLU() {
    }

    private static PReLU fromConfig(LayerConfig config) {
        PReLU prelu = new PReLU().alphaInitializer(config.initializer("alpha_initializer", "zeros"));
        config.mustBeNull("alpha_regularizer", "alpha_constraint");
        Object axes = config.read("shared_axes");
        if (axes == null) {
            return prelu;
        }
        List<?> list = axes instanceof List<?> given ? given : List.of(axes);
        int[] shared = new int[list.size()];
        for (int i = 0; i < shared.length; i++) {
            if (!(list.get(i) instanceof Integer axis)) {
                throw config.wrongType("shared_axes", "a list of axis numbers");
            }
            shared[i] = axis;
        }
        return prelu.sharedAxes(shared);
    }

    @Override
    public LayerType<PReLU> type() {
        return TYPE;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    public long countParams(long inputUnits) {
        return sharedAcrossFeatures ? 1 : inputUnits;
    }

    /** The initializer of alpha; a constant (DL4J starts PReLU weights at one value). */
    public Initializer alphaInitializer() {
        return alphaInitializer;
    }

    /**
     * A copy whose alpha starts at this initializer's value (Keras's {@code alpha_initializer}); only constant
     * initializers ({@code zeros}, {@code ones}, {@code Constant(c)}) are supported.
     */
    public PReLU alphaInitializer(Initializer initializer) {
        Objects.requireNonNull(initializer, "alphaInitializer");
        if (initializer.constantValue().isEmpty()) {
            throw new UnsupportedOperationException("PReLU alpha_initializer " + initializer + " is not supported; "
                    + "DL4J starts alpha at a constant: use zeros, ones or Constant");
        }
        PReLU copy = copy();
        copy.alphaInitializer = initializer;
        return copy;
    }

    /** A copy with this alpha initializer, by Keras name. */
    public PReLU alphaInitializer(String name) {
        return alphaInitializer(Initializers.get(name));
    }

    /** Keras's {@code shared_axes}: {@code [1]} when one alpha serves every feature, else null. */
    public int[] sharedAxes() {
        return sharedAcrossFeatures ? new int[] {1} : null;
    }

    /**
     * A copy sharing alpha along these axes (Keras's {@code shared_axes}, 1-based, batch axis excluded). With one
     * feature axis, {@code sharedAxes(1)} gives one alpha for all features and {@code sharedAxes()} one per feature.
     */
    public PReLU sharedAxes(int... axes) {
        Objects.requireNonNull(axes, "sharedAxes");
        boolean shared;
        if (axes.length == 0) {
            shared = false;
        } else if (axes.length == 1 && axes[0] == 1) {
            shared = true;
        } else {
            throw new UnsupportedOperationException("PReLU shared_axes=" + Arrays.toString(axes) + " is not supported;"
                    + " keras4j's models have one feature axis: use [1] or none");
        }
        PReLU copy = copy();
        copy.sharedAcrossFeatures = shared;
        return copy;
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("alpha_initializer", kerasObject(alphaInitializer));
        config.put("alpha_regularizer", null);
        config.put("alpha_constraint", null);
        config.put("shared_axes", sharedAcrossFeatures ? List.of(1) : null);
    }

    /** Keras's {@code alpha}: one per feature, or one for all with {@code shared_axes=[1]}. */
    @Override
    public List<KerasWeight> kerasWeights() {
        return List.of(KerasWeight.vector("alpha", PReLUParamInitializer.WEIGHT_KEY));
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        long features = inputShape.last();
        PReLULayer.Builder builder = new PReLULayer.Builder().nIn(features).nOut(features).inputShape(features)
                .weightInit(new WeightInitConstant(alphaInitializer.constantValue().getAsDouble()))
                .name(name());
        return (sharedAcrossFeatures ? builder.sharedAxes(1) : builder).build();
    }

    /**
     * DL4J's {@code PReLU} layer: ND4J's {@code prelu} on the input with the weights {@code alpha} (shared axes as
     * configured), and {@code prelu_bp} giving the input gradient and alpha's gradient, copied into its view.
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        LayerParameters parameters = new LayerParameters(setup.layer());
        long[] axes = ((PReLULayer) setup.layer().conf().getLayer()).getSharedAxes();
        INDArray input = setup.input();
        INDArray alpha = parameters.parameter(PReLUParamInitializer.WEIGHT_KEY);
        KernelList forward = new KernelList(setup.buffers());
        INDArray output = forward.like(input);
        forward.op(withAxes(DynamicCustomOp.builder("prelu").addInputs(input, alpha).addOutputs(output), axes));
        return CompiledLayer.of(output, forward.build(), setup.buffers(), (backward, outputGradient, needed) -> {
            // DL4J: prelu_bp into a new array like its copy of the input, copied back into that copy.
            INDArray inputGradient = backward.like(input);
            INDArray alphaGradient = backward.like(alpha);
            backward.op(withAxes(DynamicCustomOp.builder("prelu_bp").addInputs(input, alpha, outputGradient)
                            .addOutputs(inputGradient, alphaGradient), axes))
                    .copy(alphaGradient, parameters.gradient(PReLUParamInitializer.WEIGHT_KEY));
            return needed ? inputGradient : null;
        });
    }

    private static DynamicCustomOp withAxes(DynamicCustomOp.DynamicCustomOpsBuilder op, long[] axes) {
        if (axes != null) {
            for (long axis : axes) {
                op.addIntegerArguments(axis);
            }
        }
        return op.build();
    }
}
