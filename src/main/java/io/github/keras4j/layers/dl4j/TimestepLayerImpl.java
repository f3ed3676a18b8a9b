package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.layers.recurrent.TimeDistributedLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link TimeDistributedLayer} on channels-last sequences, with the timestep mask reshaped in the order the data
 * is ({@link SequenceRows}): DL4J's own reshapes the data sample by sample and the mask timestep by timestep, which
 * masks the wrong rows when a batch holds several sequences.
 */
public class TimestepLayerImpl extends TimeDistributedLayer {

    /** {@code underlying} applied to every timestep. */
    public TimestepLayerImpl(Layer underlying) {
        super(underlying, RNNFormat.NWC);
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        underlying.setMaskArray(SequenceRows.maskToRows(maskArray));
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        if (maskArray == null) {
            return underlying.feedForwardMaskArray(null, currentMaskState, minibatchSize);
        }
        Pair<INDArray, MaskState> rows = underlying.feedForwardMaskArray(SequenceRows.maskToRows(maskArray),
                currentMaskState, minibatchSize);
        if (rows == null || rows.getFirst() == null) {
            return rows;
        }
        return new Pair<>(SequenceRows.maskToSequence(rows.getFirst(), maskArray.size(0)), rows.getSecond());
    }
}
