package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer of {@link ChannelsLastLayer}: NWC sequences permuted to NCW for the underlying layer and back (views,
 * no copies), and a pooled {@code [samples, channels]} output reshaped to keep the pooled axes.
 */
public class ChannelsLastLayerImpl extends BaseWrapperLayer {

    private final boolean channelsFirstInside;
    private final boolean keepDims;
    private long[] inputShape;

    /** {@code underlying} seen in keras4j's layouts. */
    public ChannelsLastLayerImpl(Layer underlying, boolean channelsFirstInside, boolean keepDims) {
        super(underlying);
        this.channelsFirstInside = channelsFirstInside;
        this.keepDims = keepDims;
    }

    private INDArray inside(INDArray array) {
        return channelsFirstInside && array != null && array.rank() == 3 ? array.permute(0, 2, 1) : array;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        inputShape = input == null ? null : input.shape();
        underlying.setInput(inside(input), workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray output = underlying.activate(training, workspaceMgr);
        if (keepDims && output.rank() == 2) {
            return inputShape.length == 3 ? output.reshape(output.size(0), 1, output.size(1))
                    : output.reshape(output.size(0), 1, 1, output.size(1));
        }
        return inside(output);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray gradient = keepDims && epsilon.rank() > 2 ? epsilon.reshape(epsilon.size(0),
                epsilon.size(epsilon.rank() - 1)) : inside(epsilon);
        Pair<Gradient, INDArray> result = underlying.backpropGradient(gradient, workspaceMgr);
        return new Pair<>(result.getFirst(), inside(result.getSecond()));
    }
}
