package io.github.keras4j.layers.dl4j;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J layer seen from outside in keras4j's layouts: sequences {@code [samples, timesteps, features]} (NWC) and
 * channels-last images. {@code channelsFirstInside}: the underlying layer computes on DL4J's default sequence layout
 * {@code [samples, features, timesteps]} (NCW), its input and output permuted (DL4J 1.0.0-M2.1's
 * {@code Convolution1DLayer} with {@code RNNFormat.NWC} gives the activation gradient to its backward op in NWC
 * under an NCW configuration, and reads its weight gradient in another layout than its weights; NCW is its tested
 * path, and that of {@code Subsampling1DLayer} and the masked global pooling). {@code keepDims}: the underlying
 * layer's {@code [samples, channels]} output is handed on with the pooled axes kept as size 1 (Keras's
 * {@code keepdims=True}: {@code [samples, 1, channels]} after sequences, {@code [samples, 1, 1, channels]} after
 * images).
 *
 * <p>Public with a no-argument constructor because DL4J's JSON reads layer configurations by class name.
 */
public class ChannelsLastLayer extends BaseWrapperLayer {

    private static final long serialVersionUID = 1L;

    @JsonProperty private boolean channelsFirstInside;
    @JsonProperty private boolean keepDims;

    /** For DL4J's JSON. */
    public ChannelsLastLayer() {
    }

    /** {@code underlying}, under its name, computing on NCW sequences ({@code channelsFirstInside}) or as it is. */
    public ChannelsLastLayer(Layer underlying, boolean channelsFirstInside, boolean keepDims) {
        super(Objects.requireNonNull(underlying, "underlying"));
        this.channelsFirstInside = channelsFirstInside;
        this.keepDims = keepDims;
        setLayerName(underlying.getLayerName());
    }

    public boolean isChannelsFirstInside() {
        return channelsFirstInside;
    }

    public boolean isKeepDims() {
        return keepDims;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(((BaseWrapperLayer) inner.getLayer()).getUnderlying());
        return new ChannelsLastLayerImpl(getUnderlying().instantiate(inner, trainingListeners, layerIndex,
                layerParamsView, initializeParams, networkDataType), channelsFirstInside, keepDims);
    }

    /** DL4J's shape checks (on images): the pooled axes kept as size 1 with {@code keepDims}. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType output = getUnderlying().getOutputType(layerIndex, inputType);
        if (keepDims && inputType instanceof InputType.InputTypeConvolutional image) {
            return InputType.convolutional(1, 1, image.getChannels(), CNN2DFormat.NHWC);
        }
        if (keepDims && inputType instanceof InputType.InputTypeRecurrent sequence) {
            return InputType.recurrent(sequence.getSize(), 1, RNNFormat.NWC);
        }
        return output;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelsLastLayer that && super.equals(that)
                && channelsFirstInside == that.channelsFirstInside && keepDims == that.keepDims;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), channelsFirstInside, keepDims);
    }
}
