package io.github.keras4j.layers.dl4j;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hands a sequence {@code [samples, timesteps, features]} to an output layer as rows {@code [samples * timesteps,
 * features]} ({@link SequenceRows}' order), so that a per-timestep loss sees one row per timestep and keras4j gives the
 * labels in the same rows. The number of timesteps of the last input is kept for the backward pass: DL4J hands
 * {@code backprop} a batch size of 1 when the loss is a sum, so it cannot be derived from there.
 */
public class SequenceToRowsPreProcessor implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    private transient long samples = -1;

    /** For DL4J's JSON. */
    public SequenceToRowsPreProcessor() {
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        samples = input.size(0);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, SequenceRows.toRows(input));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (samples < 1) {
            throw new IllegalStateException("backprop before any forward pass through " + getClass().getSimpleName());
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, SequenceRows.toSequence(output, samples));
    }

    @Override
    public SequenceToRowsPreProcessor clone() {
        return new SequenceToRowsPreProcessor();
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent recurrent) {
            return InputType.feedForward(recurrent.getSize());
        }
        throw new IllegalStateException("expected a sequence input type, received " + inputType);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(SequenceRows.maskToRows(maskArray), currentMaskState);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
