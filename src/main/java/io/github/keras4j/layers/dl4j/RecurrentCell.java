package io.github.keras4j.layers.dl4j;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * One direction of a recurrent layer as Keras computes it: the kind of cell, its sizes, functions, dropout and
 * initializers, with Keras's weight layout ({@code kernel (inputs, gates * units)}, {@code recurrent_kernel (units,
 * gates * units)}, {@code bias}) and gate order (LSTM: i, f, c, o; GRU: z, r, h). A plain value that DL4J's JSON and Java
 * serialization carry; {@link KerasRecurrentLayerImpl} computes it.
 */
public final class RecurrentCell implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of cells, with their number of gate blocks in the kernels. */
    public enum Kind {
        /** Keras's SimpleRNN: {@code h = activation(x W + h U + b)}. */
        SIMPLE_RNN(1),
        /** Keras's LSTM: gates i, f, c, o. */
        LSTM(4),
        /** Keras's GRU: gates z, r, h. */
        GRU(3);

        private final int gates;

        Kind(int gates) {
            this.gates = gates;
        }

        /** The number of blocks of {@code units} columns in the kernels. */
        public int gates() {
            return gates;
        }
    }

    @JsonProperty private Kind kind;
    @JsonProperty private long inputSize;
    @JsonProperty private long units;
    @JsonProperty private IActivation activation;
    @JsonProperty private IActivation recurrentActivation;
    @JsonProperty private boolean useBias;
    @JsonProperty private boolean resetAfter;
    @JsonProperty private boolean unitForgetBias;
    @JsonProperty private boolean goBackwards;
    @JsonProperty private double dropout;
    @JsonProperty private double recurrentDropout;
    @JsonProperty private IWeightInit kernelInitializer;
    @JsonProperty private IWeightInit recurrentInitializer;
    @JsonProperty private double biasValue;
    @JsonProperty private List<Regularization> kernelRegularization;
    @JsonProperty private List<Regularization> recurrentRegularization;
    @JsonProperty private List<Regularization> biasRegularization;

    private RecurrentCell() {
        // for DL4J's JSON
    }

    /**
     * A cell of {@code kind}: {@code inputSize} features in, {@code units} out.
     *
     * @param recurrentActivation the gates' activation (null for SimpleRNN, which has none)
     * @param resetAfter GRU only: the reset gate after the recurrent matrix product (Keras 2.3+'s default), with a
     *     second, recurrent bias
     * @param unitForgetBias LSTM only: the forget gate's bias starts at 1
     * @param biasValue the bias's initial value (a random bias initializer is applied by the keras4j layer)
     */
    public RecurrentCell(Kind kind, long inputSize, long units, IActivation activation, IActivation recurrentActivation,
            boolean useBias, boolean resetAfter, boolean unitForgetBias, boolean goBackwards, double dropout,
            double recurrentDropout, IWeightInit kernelInitializer, IWeightInit recurrentInitializer, double biasValue,
            List<Regularization> kernelRegularization, List<Regularization> recurrentRegularization,
            List<Regularization> biasRegularization) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.inputSize = inputSize;
        this.units = units;
        this.activation = Objects.requireNonNull(activation, "activation");
        this.recurrentActivation = kind == Kind.SIMPLE_RNN ? null
                : Objects.requireNonNull(recurrentActivation, "recurrentActivation");
        this.useBias = useBias;
        this.resetAfter = kind == Kind.GRU && resetAfter;
        this.unitForgetBias = kind == Kind.LSTM && unitForgetBias;
        this.goBackwards = goBackwards;
        this.dropout = dropout;
        this.recurrentDropout = recurrentDropout;
        this.kernelInitializer = Objects.requireNonNull(kernelInitializer, "kernelInitializer");
        this.recurrentInitializer = Objects.requireNonNull(recurrentInitializer, "recurrentInitializer");
        this.biasValue = biasValue;
        this.kernelRegularization = kernelRegularization == null ? List.of() : List.copyOf(kernelRegularization);
        this.recurrentRegularization = recurrentRegularization == null ? List.of()
                : List.copyOf(recurrentRegularization);
        this.biasRegularization = biasRegularization == null ? List.of() : List.copyOf(biasRegularization);
    }

    public Kind kind() {
        return kind;
    }

    public long inputSize() {
        return inputSize;
    }

    public long units() {
        return units;
    }

    /** The number of columns of the kernels: gates times units. */
    public long gateColumns() {
        return kind.gates() * units;
    }

    public IActivation activation() {
        return activation;
    }

    /** The gates' activation, or null for SimpleRNN. */
    public IActivation recurrentActivation() {
        return recurrentActivation;
    }

    public boolean useBias() {
        return useBias;
    }

    public boolean resetAfter() {
        return resetAfter;
    }

    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    public double dropout() {
        return dropout;
    }

    public double recurrentDropout() {
        return recurrentDropout;
    }

    public IWeightInit kernelInitializer() {
        return kernelInitializer;
    }

    public IWeightInit recurrentInitializer() {
        return recurrentInitializer;
    }

    public double biasValue() {
        return biasValue;
    }

    public List<Regularization> kernelRegularization() {
        return kernelRegularization;
    }

    public List<Regularization> recurrentRegularization() {
        return recurrentRegularization;
    }

    public List<Regularization> biasRegularization() {
        return biasRegularization;
    }

    /** The bias's rows: 2 (input and recurrent biases) for a GRU with the reset gate after, else 1. */
    public long biasRows() {
        return resetAfter ? 2 : 1;
    }

    /** The number of parameters (kernel, recurrent kernel and bias), with overflow checks: a config may be hostile. */
    public long paramCount() {
        long columns = Math.multiplyExact((long) kind.gates(), units);
        long kernels = Math.multiplyExact(Math.addExact(inputSize, units), columns);
        return Math.addExact(kernels, useBias ? Math.multiplyExact(biasRows(), columns) : 0);
    }

    /**
     * Keras 3's per-gate dropout masks (its implementation 1, which recurrent dropout forces): one mask per gate, else
     * one mask shared by the gates.
     */
    public int dropoutMasks() {
        return recurrentDropout > 0 ? kind.gates() : 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecurrentCell that && kind == that.kind && inputSize == that.inputSize
                && units == that.units && activation.equals(that.activation)
                && Objects.equals(recurrentActivation, that.recurrentActivation) && useBias == that.useBias
                && resetAfter == that.resetAfter && unitForgetBias == that.unitForgetBias
                && goBackwards == that.goBackwards && dropout == that.dropout
                && recurrentDropout == that.recurrentDropout && kernelInitializer.equals(that.kernelInitializer)
                && recurrentInitializer.equals(that.recurrentInitializer) && biasValue == that.biasValue
                && kernelRegularization.equals(that.kernelRegularization)
                && recurrentRegularization.equals(that.recurrentRegularization)
                && biasRegularization.equals(that.biasRegularization);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, inputSize, units, activation, useBias, goBackwards);
    }

    @Override
    public String toString() {
        return kind + "(" + inputSize + " -> " + units + (goBackwards ? ", backwards" : "") + ")";
    }
}
