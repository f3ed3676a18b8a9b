package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.KerasRecurrentLayer;
import io.github.keras4j.layers.dl4j.RecurrentParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recurrent layer run over the sequence in both directions, Keras's {@code keras.layers.Bidirectional(layer,
 * merge_mode='concat')}: a forward copy and a backward copy ({@code go_backwards} flipped; or the layer given as
 * {@link #backwardLayer}) whose outputs, put back in time order, are merged by {@code concat} (the default), {@code sum},
 * {@code mul} or {@code ave}. {@code new Bidirectional(new LSTM(16).returnSequences(true))} is
 * {@code Bidirectional(LSTM(16, return_sequences=True))}. Keras's {@code merge_mode=None} (two outputs) is refused: a
 * layer of a Sequential model has one output. Its weights are Keras's: the forward layer's, then the backward layer's.
 */
public final class Bidirectional extends FluentLayer<Bidirectional> {

    /** Keras's {@code Bidirectional}. */
    public static final LayerType<Bidirectional> TYPE = LayerType.of("Bidirectional", Bidirectional::fromConfig)
            .firstOnSequences();

    /** Keras's {@code merge_mode}. */
    public enum MergeMode {
        /** The two outputs side by side: twice the units (Keras's default). */
        CONCAT,
        /** Their sum. */
        SUM,
        /** Their elementwise product. */
        MUL,
        /** Their mean. */
        AVE;

        /** Keras's name: {@code "concat"}, {@code "sum"}, {@code "mul"}, {@code "ave"}. */
        public String kerasName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The merge mode of a Keras name; {@code null} (Keras's two outputs) is refused. */
        public static MergeMode of(String name) {
            if (name == null) {
                throw new UnsupportedOperationException("merge_mode=None (the two directions as two outputs) is not "
                        + "supported: a layer of a Sequential model has one output; use 'concat', 'sum', 'mul' or "
                        + "'ave'");
            }
            for (MergeMode mode : values()) {
                if (mode.kerasName().equals(name)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("Invalid merge mode. Received: " + name + ". Merge mode should be one "
                    + "of {\"sum\", \"mul\", \"ave\", \"concat\", None}");
        }
    }

    private RecurrentLayer<?> forward;
    private RecurrentLayer<?> backward;
    private MergeMode mergeMode = MergeMode.CONCAT;

    /** {@code Bidirectional(layer)}: both directions concatenated. */
    public Bidirectional(RecurrentLayer<?> layer) {
        this(layer, MergeMode.CONCAT);
    }

    /** {@code Bidirectional(layer, merge_mode=name)}. */
    public Bidirectional(RecurrentLayer<?> layer, String mergeMode) {
        this(layer, MergeMode.of(mergeMode));
    }

    /** {@code Bidirectional(layer, merge_mode=...)}. */
    public Bidirectional(RecurrentLayer<?> layer, MergeMode mergeMode) {
        Objects.requireNonNull(layer, "layer");
        if (layer.declaredShape() != null) {
            throw new IllegalArgumentException("give the input shape to the Bidirectional, not to the layer it wraps");
        }
        String name = layer.named().name();
        this.forward = layer.name("forward_" + name);
        this.backward = layer.goBackwards(!layer.goBackwards()).name("backward_" + name);
        this.mergeMode = Objects.requireNonNull(mergeMode, "mergeMode");
    }

    private static Bidirectional fromConfig(LayerConfig config) {
        RecurrentLayer<?> forward = recurrent(config, "layer");
        Shape declared = forward.declaredShape();
        Bidirectional bidirectional = new Bidirectional(withoutShape(forward),
                MergeMode.of((String) config.optional("merge_mode", MergeMode.CONCAT.kerasName())));
        // The forward layer keeps the name Keras gave it.
        bidirectional.forward = withoutShape(forward);
        if (config.has("backward_layer") && config.read("backward_layer") != null) {
            bidirectional = bidirectional.backwardLayer(withoutShape(recurrent(config, "backward_layer")));
        } else {
            bidirectional.backward = bidirectional.backward.name("backward_" + stripped(forward.name()));
        }
        // Keras 1's weights argument (initial weights) is not a setting.
        config.mustBeNull("weights");
        return declared == null ? bidirectional : bidirectional.inputShape(declared.sizes());
    }

    private static String stripped(String name) {
        return name.startsWith("forward_") ? name.substring("forward_".length()) : name;
    }

    private static RecurrentLayer<?> recurrent(LayerConfig config, String key) {
        Layer layer = config.layer(key);
        if (layer == null) {
            throw new IllegalArgumentException(config.where() + ": missing \"" + key + "\", the recurrent layer");
        }
        if (!(layer instanceof RecurrentLayer<?> recurrent)) {
            throw new UnsupportedOperationException(config.where() + ": Bidirectional(" + layer.className() + ") is "
                    + "not supported; only Bidirectional(SimpleRNN, LSTM or GRU)");
        }
        return recurrent;
    }

    private static RecurrentLayer<?> withoutShape(RecurrentLayer<?> layer) {
        if (layer.declaredShape() == null) {
            return layer;
        }
        RecurrentLayer<?> copy = layer.copy();
        copy.clearDeclaredShape();
        return copy;
    }

    @Override
    public LayerType<Bidirectional> type() {
        return TYPE;
    }

    /** The forward layer. */
    public RecurrentLayer<?> forwardLayer() {
        return forward;
    }

    /** The backward layer (reading the sequence the other way). */
    public RecurrentLayer<?> backwardLayer() {
        return backward;
    }

    public MergeMode mergeMode() {
        return mergeMode;
    }

    /**
     * A copy with this backward layer (Keras's {@code backward_layer}): it must read the sequence the other way
     * ({@code go_backwards}) and return the same (sequences or not); {@code sum}, {@code mul} and {@code ave} need the
     * same number of units.
     */
    public Bidirectional backwardLayer(RecurrentLayer<?> backwardLayer) {
        Objects.requireNonNull(backwardLayer, "backwardLayer");
        if (backwardLayer.goBackwards() == forward.goBackwards()) {
            throw new IllegalArgumentException("Forward layer and backward layer should have different `go_backwards` "
                    + "value. Received: forward_layer.go_backwards " + forward.goBackwards()
                    + ", backward_layer.go_backwards=" + backwardLayer.goBackwards());
        }
        if (backwardLayer.returnSequences() != forward.returnSequences()) {
            throw new IllegalArgumentException("Forward layer and backward layer are expected to have the same value "
                    + "for attribute \"return_sequences\", got \"" + forward.returnSequences() + "\" for forward layer "
                    + "and \"" + backwardLayer.returnSequences() + "\" for backward layer");
        }
        checkUnits(forward, backwardLayer, mergeMode);
        Bidirectional copy = copy();
        copy.backward = (RecurrentLayer<?>) backwardLayer.named();
        return copy;
    }

    private static void checkUnits(RecurrentLayer<?> forward, RecurrentLayer<?> backward, MergeMode mode) {
        if (mode != MergeMode.CONCAT && forward.units() != backward.units()) {
            throw new IllegalArgumentException("merge_mode '" + mode.kerasName() + "' needs both directions of the "
                    + "same units; received " + forward.units() + " and " + backward.units());
        }
    }

    @Override
    public long outputUnits(long inputUnits) {
        return forward.outputUnits(inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        Shape forwardShape = forward.outputShape(inputShape);
        Shape backwardShape = backward.outputShape(inputShape);
        return mergeMode == MergeMode.CONCAT ? forwardShape.withLast(forwardShape.last() + backwardShape.last())
                : forwardShape;
    }

    @Override
    public long countParams(Shape inputShape) {
        return Math.addExact(forward.countParams(inputShape), backward.countParams(inputShape));
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return countParams(inputShape);
    }

    @Override
    public boolean maskedOutput(boolean maskedInput) {
        return forward.maskedOutput(maskedInput);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("layer", entry(forward));
        config.put("merge_mode", mergeMode.kerasName());
        config.put("backward_layer", entry(backward));
    }

    private static Map<String, Object> entry(Layer layer) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", layer.className());
        entry.put("config", layer.config());
        return entry;
    }

    /** The forward layer's weights (kernel, recurrent_kernel, bias), then the backward layer's, named by direction. */
    @Override
    public List<KerasWeight> kerasWeights() {
        List<KerasWeight> weights = new ArrayList<>();
        for (KerasWeight weight : forward.kerasWeights("")) {
            weights.add(weight.renamed("forward_" + weight.name()));
        }
        for (KerasWeight weight : backward.kerasWeights(RecurrentParams.BACKWARD)) {
            weights.add(weight.renamed("backward_" + weight.name()));
        }
        return weights;
    }

    /** Keras 3 keeps each direction's weights in its layer's cell. */
    @Override
    public List<Keras3Vars> keras3Vars() {
        List<Keras3Vars> vars = new ArrayList<>();
        vars.add(new Keras3Vars("", name(), 0));
        for (Keras3Vars inner : forward.keras3Vars()) {
            vars.add(new Keras3Vars(inner.path().isEmpty() ? "forward_layer" : "forward_layer/" + inner.path(),
                    inner.name(), inner.count()));
        }
        for (Keras3Vars inner : backward.keras3Vars()) {
            vars.add(new Keras3Vars(inner.path().isEmpty() ? "backward_layer" : "backward_layer/" + inner.path(),
                    inner.name(), inner.count()));
        }
        return vars;
    }

    /** Keras 3's config: the two layers as Keras 3 objects, masked outputs zeroed where they return sequences. */
    @Override
    public Map<String, Object> keras3Config() {
        return keras3Config(null);
    }

    /** {@link #keras3Config()} with each inner layer's {@code build_config} for this input shape. */
    @Override
    public Map<String, Object> keras3Config(Shape inputShape) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("trainable", true);
        config.put("dtype", keras3DtypePolicy(dtype()));
        config.put("merge_mode", mergeMode.kerasName());
        config.put("layer", keras3Inner(forward, inputShape));
        config.put("backward_layer", keras3Inner(backward, inputShape));
        return config;
    }

    private static Map<String, Object> keras3Inner(RecurrentLayer<?> layer, Shape inputShape) {
        Map<String, Object> inner = layer.keras3Config();
        // Keras's Bidirectional zeroes the outputs at masked timesteps of layers returning sequences.
        inner.put("zero_output_for_mask", layer.returnSequences());
        Map<String, Object> entry = keras3Object("keras.layers", layer.className(), inner);
        if (inputShape != null) {
            entry.put("build_config", Map.of("input_shape", keras3BatchShape(inputShape)));
        }
        return entry;
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    public List<INDArray> kerasWeightsFrom(List<INDArray> saved) {
        int half = saved.size() / 2;
        List<INDArray> weights = new ArrayList<>(forward.kerasWeightsFrom(saved.subList(0, half)));
        weights.addAll(backward.kerasWeightsFrom(saved.subList(half, saved.size())));
        return weights;
    }

    @Override
    public void initializeParams(Map<String, INDArray> params) {
        forward.initializeBias(params.get(RecurrentParams.BIAS));
        backward.initializeBias(params.get(RecurrentParams.BACKWARD + RecurrentParams.BIAS));
    }

    /** keras4j's DL4J recurrent layer with both directions. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return new KerasRecurrentLayer(name(), List.of(forward.cell(inputShape.last(), forward.goBackwards()),
                backward.cell(inputShape.last(), backward.goBackwards())),
                KerasRecurrentLayer.Merge.valueOf(mergeMode.name()), forward.returnSequences());
    }
}
