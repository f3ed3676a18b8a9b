package io.github.keras4j.engine.step;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a layer type needs to compile one layer of a step.
 *
 * @param layer the DL4J layer, whose parameter and gradient views the compiled layer reads and writes
 * @param preProcessor DL4J's preprocessor in front of the layer, or null
 * @param input the array holding the layer's input when {@code forward} runs
 * @param mask the array holding the batch's timestep mask {@code [samples, timesteps]} (1: counts, 0: padding) when
 *     {@code forward} runs, or null when the model does not mask; a layer that cannot take a mask refuses it
 * @param outputLayer whether this is the network's output layer, whose activation the loss applies
 * @param training a training step (dropout active, batch statistics, a backward pass) rather than inference
 * @param counters the network's iteration and epoch counts, read when the step runs
 */
public record LayerSetup(Layer layer, InputPreProcessor preProcessor, INDArray input, INDArray mask, boolean outputLayer,
        boolean training, Buffers buffers, StepCounters counters) {

    /** Refuses a timestep mask, for a layer whose compiled form cannot skip padded timesteps. */
    public void refuseMask(String what) {
        if (mask != null) {
            throw new UnsupportedOperationException(what + " has no compiled form with a timestep mask");
        }
    }

    /** This setup without the timestep mask, for a layer after the layer that consumed it. */
    public LayerSetup withoutMask() {
        return mask == null ? this : new LayerSetup(layer, preProcessor, input, null, outputLayer, training, buffers,
                counters);
    }

    /** The number of samples in the batch. */
    public long rows() {
        return input.size(0);
    }
}
