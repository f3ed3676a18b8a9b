package io.github.keras4j.layers;

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
            .keras1Keys("output_dim", "units");

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
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(long[] inputShape) {
        return withRegularizers(SinglePassDenseLayer.of(
                withKernelSettings(new DenseLayer.Builder()).nIn(inputShape[0]).nOut(units).hasBias(useBias())
                        .build()));
    }

    /** DL4J's {@code OutputLayer}: this layer and the compiled loss, as keras4j's single-pass form. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(long[] inputShape, ILossFunction loss) {
        return withRegularizers(new SinglePassOutputLayer(
                withKernelSettings(new OutputLayer.Builder(loss)).nIn(inputShape[0]).nOut(units).hasBias(useBias())));
    }
}
