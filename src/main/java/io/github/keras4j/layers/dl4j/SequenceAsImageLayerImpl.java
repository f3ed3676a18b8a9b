package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The layer of {@link SequenceAsImageLayer}: {@code [samples, timesteps, features]} to {@code [samples, timesteps, 1,
 * features]} for the inner NHWC layer and back, forward and backward (C-order reshapes: the same values in the same
 * order). The timestep mask stays here and is passed on unchanged.
 */
public class SequenceAsImageLayerImpl extends BaseWrapperLayer {

    private INDArray mask;

    /** {@code underlying} on sequences. */
    public SequenceAsImageLayerImpl(Layer underlying) {
        super(underlying);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return activate(underlying.input(), training, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray image = input.rank() == 4 ? input : plain(input).reshape('c', input.size(0), input.size(1), 1,
                input.size(2));
        INDArray output = underlying.activate(image, training, workspaceMgr);
        return toSequence(output, ArrayType.ACTIVATIONS, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray image = plain(epsilon).reshape('c', epsilon.size(0), epsilon.size(1), 1, epsilon.size(2));
        Pair<Gradient, INDArray> gradients = underlying.backpropGradient(image, workspaceMgr);
        gradients.setSecond(toSequence(gradients.getSecond(), ArrayType.ACTIVATION_GRAD, workspaceMgr));
        return gradients;
    }

    private static INDArray plain(INDArray array) {
        return array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array) ? array : array.dup('c');
    }

    private static INDArray toSequence(INDArray image, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        INDArray plain = image.ordering() == 'c' && Shape.hasDefaultStridesForShape(image) ? image
                : workspaceMgr.dup(type, image, 'c');
        return ActivationWorkspace.place(type, plain.reshape('c', image.size(0), image.size(1), image.size(3)),
                workspaceMgr);
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        mask = maskArray;
        underlying.setMaskArray(null);
    }

    @Override
    public INDArray getMaskArray() {
        return mask;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        mask = maskArray;
        return new Pair<>(maskArray, currentMaskState);
    }
}
