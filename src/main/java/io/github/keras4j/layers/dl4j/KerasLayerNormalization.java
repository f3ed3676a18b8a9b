package io.github.keras4j.layers.dl4j;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's configuration of Keras's {@code LayerNormalization} over the last axis: each sample's (and each timestep's or
 * pixel's) {@code features} values normalized by their own mean and variance, {@code (x - mean) / sqrt(var + epsilon)},
 * then scaled by {@code gamma} and shifted by {@code beta} (each optional). DL4J has no such layer (its dense layer's
 * "layer norm" normalizes weights, without epsilon or beta), so {@link KerasLayerNormalizationImpl} computes it with
 * ND4J operations, forward and backward.
 *
 * <p>Public with a no-argument constructor because DL4J's JSON reads layer configurations by class name.
 */
public class KerasLayerNormalization extends BaseLayer {

    private static final long serialVersionUID = 1L;

    /** The scale's parameter key. */
    public static final String GAMMA = "gamma";
    /** The offset's parameter key. */
    public static final String BETA = "beta";

    @JsonProperty private long features;
    @JsonProperty private double epsilon;
    @JsonProperty private boolean center;
    @JsonProperty private boolean scale;
    @JsonProperty private double gammaValue;
    @JsonProperty private double betaValue;

    /** For DL4J's JSON. */
    public KerasLayerNormalization() {
    }

    /**
     * Normalizes {@code features} values; {@code gammaValue} and {@code betaValue} are the weights' starting values
     * (a random initializer is drawn by keras4j's layer after).
     */
    public KerasLayerNormalization(String name, long features, double epsilon, boolean center, boolean scale,
            double gammaValue, double betaValue) {
        this.features = features;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.gammaValue = gammaValue;
        this.betaValue = betaValue;
        setLayerName(name);
    }

    public long features() {
        return features;
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean center() {
        return center;
    }

    public boolean scale() {
        return scale;
    }

    double gammaValue() {
        return gammaValue;
    }

    double betaValue() {
        return betaValue;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new KerasLayerNormalizationImpl(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return LayerNormalizationParams.INSTANCE;
    }

    /** The output has the input's shape. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // The number of features is known.
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** Keras's {@code gamma_regularizer} (DL4J's weight regularization here) and {@code beta_regularizer}. */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        List<Regularization> chosen = GAMMA.equals(paramName) ? getRegularization()
                : BETA.equals(paramName) ? getRegularizationBias() : null;
        return chosen == null ? List.of() : chosen;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasLayerNormalization that && super.equals(that) && features == that.features
                && epsilon == that.epsilon && center == that.center && scale == that.scale
                && gammaValue == that.gammaValue && betaValue == that.betaValue;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), features, epsilon, center, scale, gammaValue, betaValue);
    }
}
