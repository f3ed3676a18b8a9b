package io.github.keras4j.layers.dl4j;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's configuration of a Keras recurrent layer (SimpleRNN, LSTM, GRU) or of a Keras {@code Bidirectional} of one:
 * one or two {@link RecurrentCell}s over {@code [samples, timesteps, features]} sequences, with a timestep mask as Keras
 * applies it (a masked step keeps the state), returning every step or the last, the two directions merged as Keras's
 * {@code merge_mode} says. DL4J has no GRU, and its LSTM orders gates and masks otherwise, so
 * {@link KerasRecurrentLayerImpl} computes these with ND4J operations: forward, and backward through time.
 *
 * <p>Public with a no-argument constructor because DL4J's JSON reads layer configurations by class name.
 */
public class KerasRecurrentLayer extends BaseLayer {

    private static final long serialVersionUID = 1L;

    /** How a bidirectional layer combines its two directions (Keras's {@code merge_mode}). */
    public enum Merge {
        /** Forward and backward outputs side by side. */
        CONCAT,
        /** Their sum. */
        SUM,
        /** Their elementwise product. */
        MUL,
        /** Their mean. */
        AVE
    }

    @JsonProperty private List<RecurrentCell> cells;
    @JsonProperty private Merge merge;
    @JsonProperty private boolean returnSequences;

    /** For DL4J's JSON. */
    public KerasRecurrentLayer() {
    }

    /**
     * One direction ({@code cells} of one) or a forward and a backward direction merged by {@code merge}.
     *
     * @param returnSequences every timestep's output, else the last one's
     */
    public KerasRecurrentLayer(String name, List<RecurrentCell> cells, Merge merge, boolean returnSequences) {
        if (cells.isEmpty() || cells.size() > 2 || (cells.size() == 2) != (merge != null)) {
            throw new IllegalArgumentException("a recurrent layer has one direction, or two and a merge mode; received "
                    + cells + " and " + merge);
        }
        if (cells.size() == 2 && merge != Merge.CONCAT && cells.get(0).units() != cells.get(1).units()) {
            throw new IllegalArgumentException("merge mode " + merge + " needs both directions of the same size, "
                    + "received " + cells);
        }
        this.cells = List.copyOf(cells);
        this.merge = merge;
        this.returnSequences = returnSequences;
        setLayerName(name);
    }

    /** The directions: the forward one, then the backward one of a bidirectional layer. */
    public List<RecurrentCell> cells() {
        return cells;
    }

    /** The merge of a bidirectional layer, or null. */
    public Merge merge() {
        return merge;
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    /** The size of each output: the units, or both directions' when concatenated. */
    public long outputSize() {
        return merge == Merge.CONCAT ? cells.get(0).units() + cells.get(1).units() : cells.get(0).units();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new KerasRecurrentLayerImpl(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return RecurrentParams.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return returnSequences ? InputType.recurrent(outputSize(), RNNFormat.NWC) : InputType.feedForward(outputSize());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // The cells know their input size.
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** Keras's regularizers per weight: the kernel's, the recurrent kernel's and the bias's, of either direction. */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        boolean backward = paramName.startsWith(RecurrentParams.BACKWARD);
        RecurrentCell cell = cells.get(backward && cells.size() == 2 ? 1 : 0);
        String key = backward ? paramName.substring(RecurrentParams.BACKWARD.length()) : paramName;
        return switch (key) {
            case RecurrentParams.KERNEL -> cell.kernelRegularization();
            case RecurrentParams.RECURRENT_KERNEL -> cell.recurrentRegularization();
            case RecurrentParams.BIAS -> cell.biasRegularization();
            default -> List.of();
        };
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
        return other instanceof KerasRecurrentLayer that && super.equals(that) && Objects.equals(cells, that.cells)
                && merge == that.merge && returnSequences == that.returnSequences;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), cells, merge, returnSequences);
    }
}
