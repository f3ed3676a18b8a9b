package io.github.keras4j.layers.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Flatten} on sequences: {@code [samples, timesteps, features]} to {@code [samples, timesteps *
 * features]} in C order (timestep by timestep, Keras's order). A mask does not survive it, as in Keras.
 */
public class SequenceFlattenPreProcessor implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    private final long timesteps;
    private final long features;

    /** Flattens sequences of {@code timesteps} steps of {@code features} values. */
    @JsonCreator
    public SequenceFlattenPreProcessor(@JsonProperty("timesteps") long timesteps,
            @JsonProperty("features") long features) {
        this.timesteps = timesteps;
        this.features = features;
    }

    @JsonProperty("timesteps")
    public long timesteps() {
        return timesteps;
    }

    @JsonProperty("features")
    public long features() {
        return features;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3 || input.size(1) != timesteps || input.size(2) != features) {
            throw new IllegalStateException("Flatten expected sequences [samples, " + timesteps + ", " + features
                    + "], received shape " + Arrays.toString(input.shape()));
        }
        INDArray plain = input.ordering() == 'c' && Shape.hasDefaultStridesForShape(input) ? input
                : workspaceMgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS,
                plain.reshape('c', input.size(0), timesteps * features));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray plain = output.ordering() == 'c' && Shape.hasDefaultStridesForShape(output) ? output
                : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output, 'c');
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
                plain.reshape('c', output.size(0), timesteps, features));
    }

    @Override
    public SequenceFlattenPreProcessor clone() {
        return new SequenceFlattenPreProcessor(timesteps, features);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(timesteps * features);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceFlattenPreProcessor that && that.timesteps == timesteps
                && that.features == features;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timesteps * 31 + features);
    }
}
