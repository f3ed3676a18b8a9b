package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.RecurrentSteps;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.internal.SnakeCase;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.layers.dl4j.KerasRecurrentLayer;
import io.github.keras4j.layers.dl4j.RecurrentCell;
import io.github.keras4j.layers.dl4j.RecurrentParams;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What Keras's recurrent layers share (Keras's {@code RNN} with its cell): {@code units}, an activation, a bias, the
 * kernel, recurrent kernel and bias initializers and regularizers, input and recurrent dropout, whether every timestep's
 * output is returned ({@code return_sequences}) and whether the sequence is read from its end ({@code go_backwards}).
 * Keras's defaults: activation {@code tanh}, {@code use_bias} true, initializers {@code glorot_uniform},
 * {@code orthogonal} and {@code zeros}, no regularizers, no dropout, the last output only, forwards. The fluent setters
 * return a copy of the concrete layer.
 *
 * <p>A recurrent layer takes sequences {@code (timesteps, features)}; a timestep mask before it (an {@code Embedding}
 * with {@code mask_zero}, a {@code Masking}) makes it skip padded steps, keeping its state through them, as Keras's do.
 * Not supported, refused when asked: {@code return_state} (a Sequential layer has one output), {@code stateful} (state
 * kept between batches), {@code time_major}, constraints and activity regularizers.
 *
 * @param <T> the concrete layer
 */
public abstract class RecurrentLayer<T extends RecurrentLayer<T>> extends FluentLayer<T> {

    /** Keras's default activation. */
    public static final Activations DEFAULT_ACTIVATION = Activations.TANH;
    /** Keras's default initializer names. */
    public static final String DEFAULT_KERNEL_INITIALIZER = "glorot_uniform";
    public static final String DEFAULT_RECURRENT_INITIALIZER = "orthogonal";
    public static final String DEFAULT_BIAS_INITIALIZER = "zeros";

    /** Keras 1's names of the keys the recurrent layers share, as {@link LayerType#keras1Keys} pairs. */
    static final String[] KERAS1_KEYS = {"output_dim", "units", "init", "kernel_initializer",
        "inner_init", "recurrent_initializer", "W_regularizer", "kernel_regularizer",
        "U_regularizer", "recurrent_regularizer", "b_regularizer", "bias_regularizer",
        "dropout_W", "dropout", "dropout_U", "recurrent_dropout", "inner_activation", "recurrent_activation",
        "consume_less", "implementation"};

    private final int units;
    private Activations activation = DEFAULT_ACTIVATION;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get(DEFAULT_KERNEL_INITIALIZER);
    private Initializer recurrentInitializer = Initializers.get(DEFAULT_RECURRENT_INITIALIZER);
    private Initializer biasInitializer = Initializers.get(DEFAULT_BIAS_INITIALIZER);
    private Regularizer kernelRegularizer;
    private Regularizer recurrentRegularizer;
    private Regularizer biasRegularizer;
    private double dropout;
    private double recurrentDropout;
    private boolean returnSequences;
    private boolean goBackwards;

    RecurrentLayer(int units, Activations activation) {
        if (units < 1) {
            throw new IllegalArgumentException("Received an invalid value for argument `units`, expected a positive "
                    + "integer, got " + units + ".");
        }
        this.units = units;
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** The kind of cell DL4J's side computes. */
    abstract RecurrentCell.Kind kind();

    /** The number of output features (of each timestep). */
    public int units() {
        return units;
    }

    public Activations activation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Initializer recurrentInitializer() {
        return recurrentInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    /** The kernel's regularizer, or null. */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /** The recurrent kernel's regularizer, or null. */
    public Regularizer recurrentRegularizer() {
        return recurrentRegularizer;
    }

    /** The bias's regularizer, or null. */
    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    /** The fraction of the inputs dropped during training (one mask per sequence). */
    public double dropout() {
        return dropout;
    }

    /** The fraction of the recurrent state dropped during training (one mask per sequence). */
    public double recurrentDropout() {
        return recurrentDropout;
    }

    /** Whether every timestep's output is returned, else the last one's. */
    public boolean returnSequences() {
        return returnSequences;
    }

    /** Whether the sequence is read from its last timestep (its outputs then come in that order). */
    public boolean goBackwards() {
        return goBackwards;
    }

    /** A copy with this activation, by Keras name. */
    public T activation(String name) {
        return activation(Activations.get(name));
    }

    /** A copy with this activation (of the candidate state and, for an LSTM, of the carry). */
    public T activation(Activations activation) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).activation = Objects.requireNonNull(activation, "activation");
        return copy;
    }

    /** A copy with or without biases (Keras's {@code use_bias}). */
    public T useBias(boolean useBias) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).useBias = useBias;
        return copy;
    }

    /** A copy with this kernel initializer, by Keras name. */
    public T kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** A copy with this kernel initializer. */
    public T kernelInitializer(Initializer initializer) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
        return copy;
    }

    /** A copy with this recurrent kernel initializer, by Keras name. */
    public T recurrentInitializer(String name) {
        return recurrentInitializer(Initializers.get(name));
    }

    /** A copy with this recurrent kernel initializer. */
    public T recurrentInitializer(Initializer initializer) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).recurrentInitializer = Objects.requireNonNull(initializer, "recurrentInitializer");
        return copy;
    }

    /** A copy with this bias initializer, by Keras name. */
    public T biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** A copy with this bias initializer. */
    public T biasInitializer(Initializer initializer) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
        return copy;
    }

    /** A copy with this kernel regularizer, by Keras name. */
    public T kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** A copy with this kernel regularizer (null for none). */
    public T kernelRegularizer(Regularizer regularizer) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).kernelRegularizer = regularizer;
        return copy;
    }

    /** A copy with this recurrent kernel regularizer, by Keras name. */
    public T recurrentRegularizer(String name) {
        return recurrentRegularizer(Regularizers.get(name));
    }

    /** A copy with this recurrent kernel regularizer (null for none). */
    public T recurrentRegularizer(Regularizer regularizer) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).recurrentRegularizer = regularizer;
        return copy;
    }

    /** A copy with this bias regularizer, by Keras name. */
    public T biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /** A copy with this bias regularizer (null for none). */
    public T biasRegularizer(Regularizer regularizer) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).biasRegularizer = regularizer;
        return copy;
    }

    /** A copy dropping this fraction of the inputs during training (Keras's {@code dropout}), in [0, 1). */
    public T dropout(double rate) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).dropout = checkedRate("dropout", rate);
        return copy;
    }

    /** A copy dropping this fraction of the recurrent state during training, in [0, 1). */
    public T recurrentDropout(double rate) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).recurrentDropout = checkedRate("recurrent_dropout", rate);
        return copy;
    }

    /** A copy returning every timestep's output (Keras's {@code return_sequences=True}), or the last one's. */
    public T returnSequences(boolean returnSequences) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).returnSequences = returnSequences;
        return copy;
    }

    /** A copy reading the sequence from its end (Keras's {@code go_backwards=True}), or not. */
    public T goBackwards(boolean goBackwards) {
        T copy = copy();
        ((RecurrentLayer<T>) copy).goBackwards = goBackwards;
        return copy;
    }

    /**
     * Keras's {@code return_state}: only {@code false}.
     *
     * @throws UnsupportedOperationException for {@code true}: a layer of a Sequential model has one output
     */
    public T returnState(boolean returnState) {
        if (returnState) {
            throw new UnsupportedOperationException(returnStateRefused(className()));
        }
        return copy();
    }

    /**
     * Keras's {@code stateful}: only {@code false}.
     *
     * @throws UnsupportedOperationException for {@code true}: keras4j starts every batch from a zero state
     */
    public T stateful(boolean stateful) {
        if (stateful) {
            throw new UnsupportedOperationException(statefulRefused(className()));
        }
        return copy();
    }

    private static String returnStateRefused(String className) {
        return className + " with return_state=True is not supported: a layer of a Sequential model has one output "
                + "(the states are the last output, return_sequences=False, for SimpleRNN and GRU)";
    }

    private static String statefulRefused(String className) {
        return className + " with stateful=True is not supported: keras4j starts every batch of sequences from a zero "
                + "state (give whole sequences, padded and masked)";
    }

    private static double checkedRate(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("`" + name + "` must be in [0, 1), received: " + rate);
        }
        return rate;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keras config

    /** Reads the keys every recurrent layer has into {@code layer} (built from its units). */
    static <T extends RecurrentLayer<T>> T readRecurrent(T layer, LayerConfig config) {
        T read = layer.activation(config.activation("activation", DEFAULT_ACTIVATION))
                .useBias(config.bool("use_bias", true))
                .kernelInitializer(config.initializer("kernel_initializer", DEFAULT_KERNEL_INITIALIZER))
                .recurrentInitializer(config.initializer("recurrent_initializer", DEFAULT_RECURRENT_INITIALIZER))
                .biasInitializer(config.initializer("bias_initializer", DEFAULT_BIAS_INITIALIZER))
                .kernelRegularizer(config.regularizer("kernel_regularizer"))
                .recurrentRegularizer(config.regularizer("recurrent_regularizer"))
                .biasRegularizer(config.regularizer("bias_regularizer"))
                .dropout(config.number("dropout", 0))
                .recurrentDropout(config.number("recurrent_dropout", 0))
                .returnSequences(config.bool("return_sequences", false))
                .goBackwards(config.bool("go_backwards", false));
        if (config.bool("return_state", false)) {
            throw new UnsupportedOperationException(config.where() + ": " + returnStateRefused(layer.className()));
        }
        if (config.bool("stateful", false)) {
            throw new UnsupportedOperationException(config.where() + ": " + statefulRefused(layer.className()));
        }
        config.mustBe("time_major", false);
        config.mustBeNull("activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint");
        // Unrolling, the implementation (Keras 1's consume_less), cuDNN and the seed change how Keras computes, not
        // what. Outputs at masked timesteps are not defined in keras4j (see KerasRecurrentLayerImpl), so neither is
        // zero_output_for_mask.
        config.accept("unroll", "implementation", "use_cudnn", "seed", "zero_output_for_mask");
        // Keras 1 and 2.0 put the input's sizes on a first recurrent layer as input_dim and input_length.
        Object inputDim = config.read("input_dim");
        Object inputLength = config.read("input_length");
        if (inputDim instanceof Number features) {
            read = read.inputShape(inputLength instanceof Number steps ? steps.longValue() : Shape.NONE,
                    features.longValue());
        } else if (inputDim != null || inputLength != null && !(inputLength instanceof Number)) {
            throw config.wrongType(inputDim != null ? "input_dim" : "input_length", "an integer or null");
        }
        return read;
    }

    /**
     * Keras 3's keys (checked against Keras 3.15): no {@code time_major} or {@code implementation},
     * {@code zero_output_for_mask} after {@code unroll} (false; a Bidirectional's layers returning sequences write
     * true), the initializers in Keras 3's form, and a {@code seed} (for dropout) for the types that have one.
     */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        Map<String, Object> keras2 = new LinkedHashMap<>(config);
        config.clear();
        keras2.forEach((key, value) -> {
            if (!key.equals("time_major") && !key.equals("implementation")) {
                config.put(key, value);
            }
            if (key.equals("unroll")) {
                config.put("zero_output_for_mask", false);
            }
        });
        config.put("kernel_initializer", keras3Object(kernelInitializer));
        config.put("recurrent_initializer", keras3Object(recurrentInitializer));
        config.put("bias_initializer", keras3Object(biasInitializer));
        if (keras3Seeded()) {
            config.put("seed", null);
        }
    }

    /** Whether Keras 3's config of this type has a {@code seed} (LSTM and GRU; SimpleRNN's has none). */
    boolean keras3Seeded() {
        return true;
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    /** Writes the keys every recurrent layer has, before the cell's, in tf.keras 2.x's order. */
    void writeRecurrentBase(Map<String, Object> config) {
        config.put("return_sequences", returnSequences);
        config.put("return_state", false);
        config.put("go_backwards", goBackwards);
        config.put("stateful", false);
        config.put("unroll", false);
        config.put("time_major", false);
        config.put("units", units);
        config.put("activation", activation.kerasName());
    }

    /**
     * Writes the initializer, regularizer, constraint and dropout keys in tf.keras 2.x's order ({@code unitForgetBias}:
     * an LSTM's, null for the others).
     */
    void writeWeightSettings(Map<String, Object> config, Boolean unitForgetBias) {
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kerasObject(kernelInitializer));
        config.put("recurrent_initializer", kerasObject(recurrentInitializer));
        config.put("bias_initializer", kerasObject(biasInitializer));
        if (unitForgetBias != null) {
            config.put("unit_forget_bias", unitForgetBias);
        }
        config.put("kernel_regularizer", kerasObject(kernelRegularizer));
        config.put("recurrent_regularizer", kerasObject(recurrentRegularizer));
        config.put("bias_regularizer", kerasObject(biasRegularizer));
        config.put("activity_regularizer", null);
        config.put("kernel_constraint", null);
        config.put("recurrent_constraint", null);
        config.put("bias_constraint", null);
        config.put("dropout", dropout);
        config.put("recurrent_dropout", recurrentDropout);
    }

    // ---------------------------------------------------------------------------------------------------------
    // shapes and masks

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException(className() + " layer " + name() + " takes sequences (timesteps, "
                + "features), not " + inputUnits + " features; give it inputShape(timesteps, features)");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isSequence() || !inputShape.isKnown(-1)) {
            throw new UnsupportedOperationException(className() + " layer " + name() + " takes sequences of shape "
                    + "(timesteps, features), received input of shape " + inputShape.sizesText());
        }
        return returnSequences ? inputShape.withLast(units) : Shape.of(units);
    }

    @Override
    public long countParams(Shape inputShape) {
        outputShape(inputShape);
        return cell(inputShape.last(), goBackwards).paramCount();
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return countParams(inputShape);
    }

    /** Skips padded timesteps; returning every step it passes the mask on, else it consumes it. */
    @Override
    public boolean maskedOutput(boolean maskedInput) {
        return maskedInput && returnSequences;
    }

    // ---------------------------------------------------------------------------------------------------------
    // weights and DL4J form

    @Override
    public List<KerasWeight> kerasWeights() {
        return kerasWeights("");
    }

    /** The weights under DL4J keys with this prefix ("" or a bidirectional layer's backward one). */
    List<KerasWeight> kerasWeights(String prefix) {
        KerasWeight kernel = KerasWeight.matrix("kernel", prefix + RecurrentParams.KERNEL);
        KerasWeight recurrent = KerasWeight.matrix("recurrent_kernel", prefix + RecurrentParams.RECURRENT_KERNEL);
        if (!useBias) {
            return List.of(kernel, recurrent);
        }
        KerasWeight bias = biasRows() == 1 ? KerasWeight.vector("bias", prefix + RecurrentParams.BIAS)
                : KerasWeight.matrix("bias", prefix + RecurrentParams.BIAS);
        return List.of(kernel, recurrent, bias);
    }

    /** Keras 3 keeps a recurrent layer's weights in its cell ({@code lstm_cell}), under the layer's (empty) own. */
    @Override
    public List<Keras3Vars> keras3Vars() {
        return List.of(new Keras3Vars("", name(), 0),
                new Keras3Vars("cell", SnakeCase.of(className()) + "_cell", kerasWeights().size()));
    }

    /**
     * Keras 1 keeps each gate's kernel, recurrent kernel and bias apart (an LSTM's in the order i, c, f, o); fused here
     * in Keras 2's layout and gate order. Other layouts are returned as they are.
     */
    @Override
    public List<INDArray> kerasWeightsFrom(List<INDArray> saved) {
        int gates = kind().gates();
        if (gates == 1 || saved.size() != 3 * gates) {
            return saved;
        }
        int[] order = kind() == RecurrentCell.Kind.LSTM ? new int[] {0, 2, 1, 3} : new int[] {0, 1, 2};
        INDArray[][] parts = new INDArray[3][gates];
        for (int k = 0; k < gates; k++) {
            for (int part = 0; part < 3; part++) {
                INDArray array = saved.get(3 * order[k] + part);
                parts[part][k] = part == 2 ? array.reshape(1, array.length()) : array;
            }
        }
        INDArray bias = Nd4j.hstack(parts[2]);
        return List.of(Nd4j.hstack(parts[0]), Nd4j.hstack(parts[1]), bias.reshape(bias.length()));
    }

    /** The bias's rows: a GRU with the reset gate after has two (input and recurrent biases). */
    long biasRows() {
        return 1;
    }

    @Override
    public void initializeParams(Map<String, INDArray> params) {
        initializeBias(params.get(RecurrentParams.BIAS));
    }

    /**
     * Draws the bias when its Keras initializer is random, as Keras builds it: an LSTM with {@code unit_forget_bias}
     * draws the input gate's block and the last two blocks apart, the forget gate's block being ones.
     */
    void initializeBias(INDArray bias) {
        if (bias == null || biasInitializer.constantValue().isPresent()) {
            return;
        }
        long columns = bias.columns();
        INDArray row = bias.reshape('c', bias.length());
        if (unitForgetBiasApplies()) {
            draw(row.get(NDArrayIndex.interval(0, units)), units);
            row.get(NDArrayIndex.interval(units, 2 * units)).assign(1);
            draw(row.get(NDArrayIndex.interval(2 * units, columns)), 2L * units);
        } else {
            draw(row, bias.length());
        }
    }

    private void draw(INDArray target, long length) {
        INDArray values = target.dup('c');
        biasInitializer.toDl4j().init(length, length, new long[] {length}, 'c', values);
        target.assign(values);
    }

    /** Whether an LSTM's forget gate's bias starts at 1 (only LSTM has the choice). */
    boolean unitForgetBiasApplies() {
        return false;
    }

    /** The gates' activation, or null for SimpleRNN. */
    Activations gateActivation() {
        return null;
    }

    /** DL4J's side of this layer for {@code inputSize} features per timestep. */
    RecurrentCell cell(long inputSize, boolean backwards) {
        Activations gates = gateActivation();
        return new RecurrentCell(kind(), inputSize, units, activation.toDl4j(), gates == null ? null : gates.toDl4j(),
                useBias, biasRows() == 2, unitForgetBiasApplies(), backwards, dropout, recurrentDropout,
                kernelInitializer.toDl4j(), recurrentInitializer.toDl4j(),
                biasInitializer.constantValue().orElse(0.0),
                kernelRegularizer == null ? null : kernelRegularizer.toDl4j(),
                recurrentRegularizer == null ? null : recurrentRegularizer.toDl4j(),
                biasRegularizer == null ? null : biasRegularizer.toDl4j());
    }

    /** keras4j's DL4J layer computing Keras's cell step by step (DL4J's LSTM orders gates and masks otherwise). */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return new KerasRecurrentLayer(name(), List.of(cell(inputShape.last(), goBackwards)), null, returnSequences);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    /** The type's compiled cell step on {@link RecurrentSteps}, or null where DL4J's fit trains the layer. */
    RecurrentSteps.CellFactory compiledCell() {
        return null;
    }

    /** Compiled on sequences, masked or not, where the type has a compiled cell (its dropout in training is DL4J's). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return compiledCell() != null;
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        RecurrentSteps.CellFactory cell = compiledCell();
        if (cell == null) {
            throw new UnsupportedOperationException(className() + " layer " + name() + " has no compiled form with "
                    + "these settings");
        }
        return RecurrentSteps.compile(setup, cell);
    }
}
