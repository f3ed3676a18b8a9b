package io.github.keras4j.layers.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A feed-forward DL4J layer (dense, dropout, activation, batch normalization) applied to every timestep of a
 * sequence {@code [samples, timesteps, features]}, as Keras's {@code Dense} and {@code TimeDistributed} work on
 * sequences: DL4J's {@link TimeDistributed} on channels-last sequences, whose layer ({@link TimestepLayerImpl}) orders
 * a timestep mask as it orders the data.
 */
public class TimestepLayer extends TimeDistributed {

    private static final long serialVersionUID = 1L;

    /** {@code underlying} on each timestep of {@code [samples, timesteps, features]} sequences. */
    @JsonCreator
    public TimestepLayer(@JsonProperty("underlying") Layer underlying,
            @JsonProperty("rnnDataFormat") RNNFormat rnnDataFormat) {
        super(underlying, RNNFormat.NWC);
        if (rnnDataFormat != null && rnnDataFormat != RNNFormat.NWC) {
            throw new IllegalArgumentException("keras4j's sequences are [samples, timesteps, features] (NWC), not "
                    + rnnDataFormat);
        }
    }

    /** {@code underlying} on each timestep. */
    public TimestepLayer(Layer underlying) {
        this(underlying, RNNFormat.NWC);
    }

    /** {@code underlying} on each timestep, under its name (the model's layer names DL4J's layers). */
    public static TimestepLayer named(Layer underlying) {
        TimestepLayer layer = new TimestepLayer(underlying);
        layer.setLayerName(underlying.getLayerName());
        return layer;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(((TimeDistributed) inner.getLayer()).getUnderlying());
        return new TimestepLayerImpl(getUnderlying().instantiate(inner, trainingListeners, layerIndex,
                layerParamsView, initializeParams, networkDataType));
    }
}
