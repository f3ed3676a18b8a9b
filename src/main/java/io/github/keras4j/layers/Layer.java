package io.github.keras4j.layers;

import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.ElementwiseLayers;
import io.github.keras4j.engine.step.LayerSetup;

import io.github.keras4j.Backend;
import io.github.keras4j.Shape;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.internal.SnakeCase;
import io.github.keras4j.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A layer of a {@link io.github.keras4j.Sequential} model (Keras's {@code keras.layers.Layer}).
 *
 * <p>Layers are immutable values: {@code new Dense(16, "relu").inputDim(2)} returns a new {@code Dense}. A layer
 * records {@link Backend#floatx()} when it is created, as Keras layers take their dtype from the global policy.
 * Its name is the one given with {@link #name(String)}, or a session-unique one ({@code dense}, {@code dense_1}...)
 * assigned when it is added to a model.
 *
 * <p>Each subclass is one Keras layer type and holds everything keras4j knows about it (the per-type protocol;
 * nothing else switches over layer types):
 * <ul>
 * <li>its type, {@link #type()}: Keras's class names, Keras 1's key names and the config reader
 * ({@code from_config}), declared as the class's {@code TYPE} constant and registered in {@link Layers};</li>
 * <li>its Keras config out, {@link #config()} ({@code get_config()}) through {@link #writeConfig(Map)};</li>
 * <li>its shapes and parameter counts: {@link #outputShape(Shape)}, {@link #countParams(Shape)},
 * {@link #countTrainableParams(Shape)};</li>
 * <li>its weights' layout, {@link #kerasWeights()} (Keras's names and shapes against DL4J's parameter keys and
 * layouts) and {@link #initializeParams(Map)} (what DL4J's configuration cannot initialize);</li>
 * <li>its DL4J form: {@link #toDl4j(Shape)}, {@link #toDl4jOutput(Shape, ILossFunction)},
 * {@link #dl4jPreProcessor(Shape)} and {@link #acceptsImages()}, which {@code engine.Dl4jTranslator} assembles into
 * one network configuration;</li>
 * <li>(with the engine's compiled step, issue 14) its compiled forward and backward: see the section at the end of
 * this class.</li>
 * </ul>
 */
public abstract class Layer implements Cloneable {

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.\\-/]+");

    private String name;
    private String dtype = Backend.floatx();
    private Shape inputShape;

    /** The layer's Keras type: its class names, Keras 1 keys and config reader (the class's {@code TYPE}). */
    public abstract LayerType<?> type();

    /** Keras's class name, for example {@code "Dense"}; {@code model.summary()} shows it. */
    public String className() {
        return type().className();
    }

    /** The number of features this layer outputs for {@code inputUnits} input features. */
    public abstract long outputUnits(long inputUnits);

    /**
     * The number of weights (trainable or not) for {@code inputUnits} input features, computed with
     * {@code Math.*Exact}: a config from elsewhere may declare any size.
     *
     * @throws ArithmeticException when the count does not fit a {@code long}
     */
    public long countParams(long inputUnits) {
        return 0;
    }

    /** The number of weights that training changes, for {@code inputUnits} input features. */
    public long countTrainableParams(long inputUnits) {
        return countParams(inputUnits);
    }

    /**
     * Keras's output shape (without the batch axis) for this input shape: {@code (units)} for features, or
     * {@code (height, width, channels)} for images. Layers that take only features refuse images.
     */
    public Shape outputShape(Shape inputShape) {
        if (inputShape.isFeatures()) {
            return Shape.of(outputUnits(inputShape.last()));
        }
        if (elementwise()) {
            return inputShape;
        }
        throw new UnsupportedOperationException("layer " + this + " takes features (shape [n]) only, not input of "
                + "shape " + inputShape.sizesText() + "; put a Flatten layer before it");
    }

    /**
     * The number of weights (trainable or not) for this input shape (without the batch axis), computed with
     * {@code Math.*Exact}; {@code internal.ModelSize} sums the layers' counts before any weight exists.
     *
     * @throws ArithmeticException when the count does not fit a {@code long}
     * @throws IllegalArgumentException when the layer cannot take this shape (a kernel larger than its input)
     * @throws UnsupportedOperationException when the layer takes features only and this shape is an image's
     */
    public long countParams(Shape inputShape) {
        // Elementwise layers with weights (BatchNormalization) hold them per channel, the last axis, as Keras's axis=-1.
        return countParams(featureAxis(inputShape));
    }

    /** The number of weights that training changes, for this input shape (without the batch axis). */
    public long countTrainableParams(Shape inputShape) {
        return countTrainableParams(featureAxis(inputShape));
    }

    private long featureAxis(Shape inputShape) {
        outputShape(inputShape);
        return inputShape.last();
    }

    /**
     * Whether the layer works on each value (or each channel, on the last axis) alone, so that it keeps any input
     * shape, images included.
     */
    protected boolean elementwise() {
        return false;
    }

    /**
     * The Keras activation this layer applies last to its output (a {@code Dense}'s or {@code Activation}'s, the
     * {@code Softmax} layer's), or null: what the model checks a classifier's output against (one softmax unit, a
     * decision-region plot's classes).
     */
    public Activations outputActivation() {
        return null;
    }

    /** Whether the layer can be the first of a model taking images ({@code inputShape(height, width, channels)}). */
    protected boolean takesImages() {
        return type().isFirstOnImages();
    }

    /**
     * On a sequence, whether the layer computes each timestep alone (Dense, Dropout, the activations), so that DL4J
     * gets the timesteps as the rows of one matrix; a layer working on whole sequences (a recurrent layer) gets them
     * as one {@code [samples, timesteps, features]} array. Elementwise layers do.
     */
    public boolean perTimestep() {
        return elementwise();
    }

    // ---------------------------------------------------------------------------------------------------------
    // masks (Keras's supports_masking and compute_mask)

    /**
     * Keras's {@code compute_mask} on the model's input, for a first layer that masks timesteps (an
     * {@code Embedding} with {@code mask_zero}, a {@code Masking}): {@code [samples, timesteps]} of 1 for the steps
     * that count and 0 for padding, or null when the layer masks nothing (the default).
     */
    public INDArray computeMask(INDArray input) {
        return null;
    }

    /**
     * Whether this layer's output is masked when its input is ({@code maskedInput}), as Keras propagates masks: layers
     * working on each timestep pass the mask on, a recurrent layer returning only its last output consumes it, a
     * mask-making first layer makes one.
     *
     * @throws UnsupportedOperationException when the input is masked and the layer cannot take a mask
     */
    public boolean maskedOutput(boolean maskedInput) {
        if (maskedInput && !supportsMasking()) {
            throw new UnsupportedOperationException("layer " + this + " does not support masking, but its input is "
                    + "masked (by an Embedding with mask_zero or a Masking layer before it): let a recurrent layer "
                    + "(SimpleRNN, LSTM, GRU, Bidirectional) use the mask first, or leave the mask out");
        }
        return maskedInput;
    }

    /** Keras's {@code supports_masking}: the layer passes a mask on unchanged. Elementwise layers do. */
    protected boolean supportsMasking() {
        return elementwise();
    }

    /**
     * Checks the model's input when this is the model's first layer, beyond its shape (an {@code Embedding} takes
     * token indices below its input dimension); {@code what} names the data in messages. Does nothing by default.
     *
     * @throws IllegalArgumentException naming the data, the sample and the value
     */
    public void checkInput(String what, INDArray input) {
    }

    /** The layer's name, or null until a model assigns one. */
    public String name() {
        return name;
    }

    /** A copy with this name (Keras's {@code name=} argument); names must be unique within a model. */
    public Layer name(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a layer name must be letters, digits, '_', '.', '-' or '/', received: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        Layer copy = copy();
        copy.name = name;
        return copy;
    }

    /** The float type, {@code "float32"} or {@code "float64"}, taken from {@link Backend#floatx()} at creation. */
    public String dtype() {
        return dtype;
    }

    /** A copy computing in another float type (Keras's {@code dtype=} argument). */
    public Layer dtype(String dtype) {
        Backend.toDataType(dtype);
        Layer copy = copy();
        copy.dtype = dtype;
        return copy;
    }

    /**
     * The input shape without the batch axis, when this layer declares one (Keras's {@code input_shape=}); an unknown
     * size is {@link Shape#NONE}.
     */
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.sizes();
    }

    /** The declared input shape as a {@link Shape}, or null. */
    public Shape declaredShape() {
        return inputShape;
    }

    /** A copy declaring the input shape without the batch axis: Keras's {@code input_shape=(2,)}. */
    public Layer inputShape(long... shape) {
        Layer copy = copy();
        copy.declareInputShape(shape);
        return copy;
    }

    /** Forgets the declared input shape of this instance; for a wrapper taking over its inner layer's, on a copy. */
    final void clearDeclaredShape() {
        inputShape = null;
    }

    /**
     * Validates and records the input shape of this instance; for constructors and copies only. The number of
     * timesteps of a first layer on sequences may be unknown ({@link Shape#NONE}).
     */
    protected final void declareInputShape(long... shape) {
        boolean sequences = type().isFirstOnSequences();
        if (shape == null || !(shape.length == 1 || shape.length == 2 && sequences
                || shape.length == 3 && takesImages())) {
            throw new UnsupportedOperationException("only 1-D input shapes (a number of features) are supported"
                    + " here, (timesteps, features) on a first " + Layers.firstOnSequencesTypes() + " layer and"
                    + " (height, width, channels) on a first " + Layers.firstOnImagesTypes() + " layer; received: "
                    + (shape == null ? "null" : Arrays.toString(shape).replace(String.valueOf(Shape.NONE), "None"))
                    + " on " + className());
        }
        for (int axis = 0; axis < shape.length; axis++) {
            boolean unknownSteps = shape[axis] == Shape.NONE && axis == 0 && sequences;
            if (shape[axis] < 1 && !unknownSteps) {
                throw new IllegalArgumentException("the input size must be positive, received: "
                        + Arrays.toString(shape));
            }
        }
        inputShape = Shape.of(shape);
    }

    /**
     * The input shape this layer takes as a model's first layer when it declares none: null (the model needs one),
     * or, for a layer Keras builds for any input length (an {@code Embedding}), that shape.
     */
    public Shape defaultInputShape() {
        return null;
    }

    /** A copy declaring {@code inputDim} input features: Keras's {@code input_dim=2}. */
    public Layer inputDim(long inputDim) {
        return inputShape(inputDim);
    }

    /**
     * The name this layer gets in a model: its own, or a new session-unique one derived from its class name.
     * Only {@link io.github.keras4j.Sequential} calls this.
     */
    public final Layer named() {
        return name != null ? this : name(Backend.uniqueName(defaultNamePrefix()));
    }

    /**
     * Keras's default name prefix: the class name in Keras's snake case ({@code BatchNormalization} gives
     * {@code batch_normalization}, {@code Conv2D} {@code conv2d}, {@code PReLU} {@code p_re_lu}).
     */
    protected String defaultNamePrefix() {
        return SnakeCase.of(className());
    }

    /** A shallow copy for the fluent setters of subclasses, which then change only the copy. */
    @SuppressWarnings("unchecked")
    protected <T extends Layer> T copy() {
        try {
            return (T) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keras config out

    /**
     * Keras's {@code get_config()}: the layer's config as tf.keras 2.x's {@code to_json()} writes it, key order
     * included: {@code name}, {@code trainable}, {@code dtype}, then the type's own keys ({@link #writeConfig}).
     */
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("trainable", true);
        config.put("dtype", dtype());
        writeConfig(config);
        return config;
    }

    /** Adds the type's own keys to {@code config}, every argument with its value, in Keras's order. */
    protected abstract void writeConfig(Map<String, Object> config);

    /**
     * Keras 3's {@code get_config()}, as a {@code .keras} file's {@code config.json} holds it (checked against Keras
     * 3.15): {@link #config()} with the float type as Keras 3's dtype policy and each initializer, regularizer and
     * constraint as Keras 3 serializes objects ({@link #keras3Object}); a type whose Keras 3 keys differ changes them
     * in {@link #writeKeras3Config}.
     *
     * @throws UnsupportedOperationException for a layer type Keras 3 does not have
     */
    public Map<String, Object> keras3Config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config().forEach((key, value) -> config.put(key, key.equals("dtype") ? keras3DtypePolicy(dtype())
                : key.endsWith("activation") && value instanceof String name ? keras3Activation(key, name)
                : keras3Value(key, value)));
        writeKeras3Config(config);
        return config;
    }

    /**
     * An activation's name in Keras 3: keras4j's {@code keras3_hard_sigmoid} is Keras 3's {@code hard_sigmoid}; Keras 1
     * and 2's {@code hard_sigmoid} ({@code 0.2x + 0.5}) has no Keras 3 name, and Keras 3 would read the name as its own
     * function, so it is refused.
     */
    private String keras3Activation(String key, String name) {
        if (name.equals(Activations.KERAS3_HARD_SIGMOID.kerasName())) {
            return Activations.HARD_SIGMOID.kerasName();
        }
        if (name.equals(Activations.HARD_SIGMOID.kerasName())) {
            throw new UnsupportedOperationException("layer " + this + " has " + key + " hard_sigmoid as Keras 1 and 2 "
                    + "define it, clip(0.2x + 0.5, 0, 1), which Keras 3 does not have (its hard_sigmoid is "
                    + "clip(x/6 + 0.5, 0, 1), keras4j's keras3_hard_sigmoid): save it as .h5 or keras4j's own file");
        }
        return name;
    }

    /**
     * {@link #keras3Config()} of the layer built for {@code inputShape}: a wrapper's inner layers carry their own
     * {@code build_config}, which needs the shape.
     */
    public Map<String, Object> keras3Config(Shape inputShape) {
        return keras3Config();
    }

    /** Keras's batch shape of a sample shape: None for the batch axis and for an unknown size. */
    public static List<Object> keras3BatchShape(Shape shape) {
        List<Object> batch = new ArrayList<>();
        batch.add(null);
        for (long size : shape.sizes()) {
            batch.add(size == Shape.NONE ? null : size);
        }
        return batch;
    }

    /** Changes {@code config} (tf.keras 2.x's keys, objects in Keras 3's form) where this type's Keras 3 keys differ. */
    protected void writeKeras3Config(Map<String, Object> config) {
    }

    /**
     * Whether Keras 3 records the input shape this type was built for ({@code build_config}): the types whose
     * {@code build()} creates weights or checks the shape.
     */
    public boolean keras3Builds() {
        return false;
    }

    /** Keras 3's {@code DTypePolicy} object for a float type, which its configs hold in place of the dtype's name. */
    public static Map<String, Object> keras3DtypePolicy(String dtype) {
        return keras3Object("keras", "DTypePolicy", Map.of("name", dtype));
    }

    /** Keras 3's serialization of a built-in Keras object: {@code module}, {@code class_name}, {@code config}, {@code registered_name}. */
    public static Map<String, Object> keras3Object(String module, String className, Map<String, Object> config) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("module", module);
        entry.put("class_name", className);
        entry.put("config", new LinkedHashMap<>(config));
        entry.put("registered_name", null);
        return entry;
    }

    /** Keras 3's serialization of an initializer, with its Keras 3 config. */
    protected static Map<String, Object> keras3Object(Initializer initializer) {
        return keras3Object("keras.initializers", initializer.className(), initializer.keras3Config());
    }

    /** A tf.keras 2.x {@code {"class_name", "config"}} object of a layer's key in Keras 3's form (module by key). */
    private static Object keras3Value(String key, Object value) {
        if (!(value instanceof Map<?, ?> object && object.containsKey("class_name") && object.containsKey("config"))) {
            return value;
        }
        String module = key.endsWith("_initializer") ? "keras.initializers" : key.endsWith("_regularizer")
                ? "keras.regularizers" : key.endsWith("_constraint") ? "keras.constraints" : null;
        if (module == null) {
            throw new IllegalStateException("no Keras 3 module known for the object under '" + key + "'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) object.get("config");
        return keras3Object(module, (String) object.get("class_name"), config);
    }

    /** Keras's {@code {"class_name": ..., "config": ...}} of an object with arguments (an initializer, a regularizer). */
    protected static Map<String, Object> kerasObject(String className, Map<String, Object> config) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", className);
        entry.put("config", new LinkedHashMap<>(config));
        return entry;
    }

    /** Keras's {@code {"class_name", "config"}} of an initializer. */
    protected static Map<String, Object> kerasObject(Initializer initializer) {
        return kerasObject(initializer.className(), initializer.config());
    }

    /** Keras's {@code {"class_name", "config"}} of a regularizer, or null for none. */
    protected static Map<String, Object> kerasObject(Regularizer regularizer) {
        return regularizer == null ? null : kerasObject(regularizer.className(), regularizer.config());
    }

    /** Keras's list of a tuple argument: {@code (3, 3)} as {@code [3, 3]}. */
    protected static List<Object> intList(int[] values) {
        List<Object> list = new ArrayList<>();
        for (int value : values) {
            list.add(value);
        }
        return list;
    }

    // ---------------------------------------------------------------------------------------------------------
    // weights

    /**
     * The layer's weights in Keras's {@code get_weights()} order, each with its Keras name and its DL4J parameter key
     * and layout; empty for a layer without weights. Depends on the layer's settings ({@code use_bias}...).
     */
    public List<KerasWeight> kerasWeights() {
        return List.of();
    }

    /**
     * One {@code vars} group of a Keras 3 weights file ({@code .weights.h5}, inside {@code .keras}) under the layer's
     * group: its path below the layer's group ({@code ""} for the layer's own), the {@code name} attribute Keras gives
     * it and how many of the layer's weights it holds.
     */
    public record Keras3Vars(String path, String name, int count) {
    }

    /**
     * The {@code vars} groups Keras 3 writes for this layer, holding its weights in {@link #kerasWeights()} order: the
     * layer's own (the default); a recurrent layer's own (empty) and its {@code cell}'s; a wrapper's own and its inner
     * layers'.
     */
    public List<Keras3Vars> keras3Vars() {
        return List.of(new Keras3Vars("", name(), kerasWeights().size()));
    }

    /**
     * This layer's weights in {@link #kerasWeights()} order from the arrays a Keras file holds for it, in the file's
     * order: the same arrays, unless an older Keras laid them out otherwise (Keras 1's recurrent layers keep each
     * gate's arrays apart). Shapes are checked after, against {@link #kerasWeights()}.
     */
    public List<INDArray> kerasWeightsFrom(List<INDArray> saved) {
        return saved;
    }

    /**
     * Initializes what DL4J's configuration cannot express, after DL4J initialized the layer's parameters
     * ({@code params}: DL4J's parameter views by key): a random bias initializer, for one. Called once, when the
     * weights are created.
     */
    public void initializeParams(Map<String, INDArray> params) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // DL4J form (engine.Dl4jTranslator assembles these into one MultiLayerConfiguration)

    /**
     * Whether the layer takes channels-last images {@code (height, width, channels)} inside a model; the type says
     * so for all its layers ({@link LayerType#acceptsImages()}), a layer may refuse for its settings.
     */
    public boolean acceptsImages() {
        return type().acceptsImageInput();
    }

    /**
     * Whether the layer takes sequences {@code (timesteps, features)} inside a model; the type says so for all its
     * layers ({@link LayerType#acceptsSequences()}), a layer may refuse for its settings.
     */
    public boolean acceptsSequences() {
        return type().acceptsSequenceInput();
    }

    /**
     * DL4J's configuration of this layer for input of {@code inputShape} (without the batch axis): {@code (features)};
     * {@code (timesteps, features)}, held by DL4J as {@code [samples, timesteps, features]} arrays, or as
     * {@code [samples * timesteps, features]} rows for a layer working {@link #perTimestep()}; or
     * {@code (height, width, channels)} held by DL4J as NHWC arrays.
     */
    public abstract org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape);

    /**
     * DL4J's output layer computing this layer and the compiled {@code loss} together, when this is the model's last
     * layer and DL4J has such a layer (Keras's last {@code Dense} becomes DL4J's {@code OutputLayer}); null otherwise,
     * and the translator appends a parameterless {@code LossLayer} after {@link #toDl4j(Shape)}.
     */
    public org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(Shape inputShape, ILossFunction loss) {
        return null;
    }

    /** The DL4J preprocessor this layer's input needs (Flatten after images: NHWC to features), or null. */
    public InputPreProcessor dl4jPreProcessor(Shape inputShape) {
        return null;
    }

    /** DL4J's parameterless layer applying {@code activation} to each value, under this layer's name. */
    protected final org.deeplearning4j.nn.conf.layers.Layer dl4jActivationLayer(IActivation activation) {
        return new ActivationLayer.Builder().activation(activation).name(name()).build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    /**
     * This layer's part of keras4j's compiled training and inference step (see {@code engine.step}): its forward and
     * backward pass as ND4J kernels on arrays allocated once for one batch size, reading and writing the parameter
     * and gradient views of the DL4J layer {@link #toDl4j} built, and computing exactly what that DL4J layer computes.
     *
     * @throws UnsupportedOperationException for a layer (or a setting of it) without a compiled form: DL4J's fit then
     *     trains the model
     */
    public CompiledLayer compile(LayerSetup setup) {
        throw new UnsupportedOperationException("layer " + this + " has no compiled step");
    }

    /**
     * Whether this layer's compiled form takes sequences {@code (timesteps, features)}, with a timestep mask when
     * {@code maskedInput}: the engine compiles a model on sequences only when every layer on them says so, and trains
     * it through DL4J's fit otherwise (a layer's compiled form for features would not see the timesteps or the mask).
     */
    public boolean compilesSequences(boolean maskedInput) {
        return false;
    }

    /** The compiled form of {@link #dl4jActivationLayer}: the activation DL4J's layer applies, to each value. */
    protected static CompiledLayer compiledActivationLayer(LayerSetup setup) {
        return ElementwiseLayers.activation(setup,
                ((ActivationLayer) setup.layer().conf().getLayer()).getActivationFn());
    }

    @Override
    public String toString() {
        return (name == null ? "" : name + " ") + "(" + className() + ")";
    }
}
