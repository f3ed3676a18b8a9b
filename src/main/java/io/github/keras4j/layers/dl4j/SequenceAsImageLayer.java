package io.github.keras4j.layers.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A parameterless DL4J layer for NHWC images ({@code ZeroPaddingLayer}, {@code Cropping2D}, {@code Upsampling2D}, a
 * {@code DropoutLayer}) applied to channels-last sequences {@code [samples, timesteps, features]}, seen as images
 * one pixel wide, {@code [samples, timesteps, 1, features]}: Keras's 1-D padding, cropping, upsampling and spatial
 * dropout are the 2-D ones along the height. DL4J's own 1-D layers take {@code [samples, features, timesteps]} (NCW)
 * only. A timestep mask passes by the inner layer unchanged (only layers keeping the timesteps take one).
 */
public class SequenceAsImageLayer extends BaseWrapperLayer {

    private static final long serialVersionUID = 1L;

    /** {@code underlying}, an NHWC layer without parameters, on sequences. */
    @JsonCreator
    public SequenceAsImageLayer(@JsonProperty("underlying") Layer underlying) {
        super(underlying);
    }

    /** {@code underlying} on sequences, under its name (the model's layer names DL4J's layers). */
    public static SequenceAsImageLayer named(Layer underlying) {
        SequenceAsImageLayer layer = new SequenceAsImageLayer(underlying);
        layer.setLayerName(underlying.getLayerName());
        return layer;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(((SequenceAsImageLayer) inner.getLayer()).getUnderlying());
        return new SequenceAsImageLayerImpl(getUnderlying().instantiate(inner, trainingListeners, layerIndex,
                layerParamsView, initializeParams, networkDataType));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent sequence)) {
            throw new IllegalStateException("layer " + getLayerName() + " takes sequences, received " + inputType);
        }
        if (sequence.getTimeSeriesLength() < 1) {
            return InputType.recurrent(sequence.getSize(), RNNFormat.NWC);
        }
        InputType.InputTypeConvolutional image = (InputType.InputTypeConvolutional) getUnderlying().getOutputType(
                layerIndex, InputType.convolutional(sequence.getTimeSeriesLength(), 1, sequence.getSize(),
                        CNN2DFormat.NHWC));
        return InputType.recurrent(image.getChannels(), image.getHeight(), RNNFormat.NWC);
    }

    /** The inner layers have no size to set, and their NHWC format is fixed when built. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }
}
