package io.github.keras4j.layers.dl4j;

import java.util.Arrays;
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
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's configuration of Keras's {@code Normalization} layer: {@code (x - mean) / max(sqrt(variance), epsilon)} per
 * feature (the last axis), or its inverse {@code mean + x * max(sqrt(variance), epsilon)}. Its parameters, in the
 * network's flat parameter array like any layer's, are the statistics Keras keeps as non-trainable weights: {@code mean},
 * {@code variance} and {@code count} ({@link FixedNormalizationParams}); training never changes them (no updater, zero
 * gradients), as Keras's {@code fit} does not.
 *
 * <p>Public with a no-argument constructor because DL4J's JSON reads layer configurations by class name.
 */
public class FixedNormalizationLayer extends BaseLayer {

    private static final long serialVersionUID = 1L;

    @JsonProperty private long features;
    @JsonProperty private double[] initialMean;
    @JsonProperty private double[] initialVariance;
    @JsonProperty private boolean invert;
    @JsonProperty private double epsilon;

    /** For DL4J's JSON. */
    public FixedNormalizationLayer() {
    }

    /**
     * @param features the size of the last axis, one statistic each
     * @param initialMean the statistics the parameters start with (Keras's {@code mean} argument), or null for
     *     Keras's initializers (mean 0, variance 1)
     * @param epsilon the smallest standard deviation divided by (Keras's {@code backend.epsilon()})
     */
    public FixedNormalizationLayer(String name, long features, double[] initialMean, double[] initialVariance,
            boolean invert, double epsilon) {
        if ((initialMean == null) != (initialVariance == null) || initialMean != null
                && (initialMean.length != features || initialVariance.length != features)) {
            throw new IllegalArgumentException("a normalization of " + features + " features needs " + features
                    + " means and variances, or none");
        }
        this.features = features;
        this.initialMean = initialMean == null ? null : initialMean.clone();
        this.initialVariance = initialVariance == null ? null : initialVariance.clone();
        this.invert = invert;
        this.epsilon = epsilon;
        setLayerName(name);
    }

    public long features() {
        return features;
    }

    /** Keras's {@code mean} argument, one value per feature, or null (then the statistics are weights set later). */
    public double[] initialMean() {
        return initialMean == null ? null : initialMean.clone();
    }

    public double[] initialVariance() {
        return initialVariance == null ? null : initialVariance.clone();
    }

    public boolean invert() {
        return invert;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new FixedNormalizationLayerImpl(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return FixedNormalizationParams.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // The layer knows its feature count.
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** Statistics are not trained: no optimizer state, whatever the network's optimizer. */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return new NoOp();
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
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
        return other instanceof FixedNormalizationLayer that && super.equals(that) && features == that.features
                && Arrays.equals(initialMean, that.initialMean) && Arrays.equals(initialVariance, that.initialVariance)
                && invert == that.invert && epsilon == that.epsilon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), features, Arrays.hashCode(initialMean), Arrays.hashCode(initialVariance),
                invert, epsilon);
    }
}
