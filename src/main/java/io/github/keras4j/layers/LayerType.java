package io.github.keras4j.layers;

import io.github.keras4j.internal.KerasNamed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Keras layer type as the model reader finds it: its Keras class name (and the other names Keras reads for it),
 * its Keras 1 key names, and its reader, Keras's {@code from_config}. Each layer class declares its type as a
 * constant beside everything else about it ({@code Dense.TYPE}); {@link Layers} registers the types. The rest of the
 * protocol is the layer's own: see {@link Layer}.
 *
 * <pre>{@code
 * public static final LayerType<Dropout> TYPE = LayerType.of("Dropout", Dropout::fromConfig)
 *         .keras1Keys("p", "rate")
 *         .acceptsImages();
 * }</pre>
 *
 * @param <L> the layer class
 */
public final class LayerType<L extends Layer> implements KerasNamed {

    private final String className;
    private final Function<LayerConfig, L> reader;
    private List<String> aliases = List.of();
    private Map<String, String> keras1Keys = Map.of();
    private String imageNote;
    private boolean firstOnImages;
    private String sequenceNote;
    private boolean firstOnSequences;
    private boolean firstOnly;
    private boolean readsInputDim;
    private boolean integerInput;
    private boolean modelInput;

    private LayerType(String className, Function<LayerConfig, L> reader) {
        this.className = Objects.requireNonNull(className, "className");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * The type of Keras class {@code className}, whose reader builds a layer from the type's own config keys (the
     * keys every layer has, {@code name}, {@code trainable}, {@code dtype} and a declared input shape, are the model
     * reader's).
     */
    public static <L extends Layer> LayerType<L> of(String className, Function<LayerConfig, L> reader) {
        return new LayerType<>(className, reader);
    }

    /** Other class names Keras reads as this type ({@code MaxPool2D} for {@code MaxPooling2D}, Keras 1's names). */
    public LayerType<L> aliases(String... names) {
        LayerType<L> copy = copy();
        copy.aliases = List.of(names);
        return copy;
    }

    /**
     * Keras 1's key names of this type and their Keras 2 names, as pairs: {@code keras1Keys("p", "rate")}. The
     * model reader renames them before the reader runs; a file giving both spellings is refused.
     */
    public LayerType<L> keras1Keys(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("keras1Keys takes pairs (Keras 1 key, Keras 2 key)");
        }
        LayerType<L> copy = copy();
        Map<String, String> keys = new LinkedHashMap<>(keras1Keys);
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        copy.keras1Keys = Map.copyOf(keys);
        return copy;
    }

    /** Layers of this type take channels-last images inside a model (elementwise layers, for one). */
    public LayerType<L> acceptsImages() {
        return acceptsImages("");
    }

    /** {@link #acceptsImages()} with a restriction that error messages list: {@code "not softmax"}. */
    public LayerType<L> acceptsImages(String note) {
        LayerType<L> copy = copy();
        copy.imageNote = Objects.requireNonNull(note, "note");
        return copy;
    }

    /** Layers of this type take images and can be a model's first layer, declaring {@code inputShape(h, w, c)}. */
    public LayerType<L> firstOnImages() {
        LayerType<L> copy = acceptsImages(imageNote == null ? "" : imageNote);
        copy.firstOnImages = true;
        return copy;
    }

    /** Layers of this type take sequences {@code (timesteps, features)} inside a model. */
    public LayerType<L> acceptsSequences() {
        return acceptsSequences("");
    }

    /** {@link #acceptsSequences()} with a restriction that error messages list: {@code "not softmax"}. */
    public LayerType<L> acceptsSequences(String note) {
        LayerType<L> copy = copy();
        copy.sequenceNote = Objects.requireNonNull(note, "note");
        return copy;
    }

    /**
     * Layers of this type take sequences and can be a model's first layer, declaring {@code inputShape(timesteps,
     * features)}, where the number of timesteps may be unknown ({@code Shape.NONE}, Keras's {@code None}).
     */
    public LayerType<L> firstOnSequences() {
        LayerType<L> copy = acceptsSequences(sequenceNote == null ? "" : sequenceNote);
        copy.firstOnSequences = true;
        return copy;
    }

    /**
     * Layers of this type must be the model's first layer (after an InputLayer): they read the model's input itself
     * (an {@code Embedding}'s token indices, a {@code Masking}'s padded timesteps).
     */
    public LayerType<L> firstOnly() {
        LayerType<L> copy = copy();
        copy.firstOnly = true;
        return copy;
    }

    /**
     * The type's reader reads the {@code input_dim} key itself (an {@code Embedding}'s number of tokens; Keras 1's
     * recurrent layers' features per step, with {@code input_length}), instead of the model reader taking it as the
     * number of input features.
     */
    public LayerType<L> readsInputDim() {
        LayerType<L> copy = copy();
        copy.readsInputDim = true;
        return copy;
    }

    /**
     * Layers of this type take integer indices (an {@code Embedding}): an integer {@code dtype} in a file (Keras 1's
     * {@code input_dtype}) is their input's, and they compute in the float type.
     */
    public LayerType<L> integerInput() {
        LayerType<L> copy = copy();
        copy.integerInput = true;
        return copy;
    }

    /**
     * The type declares the model's input (Keras's {@code InputLayer}): it is not one of the model's layers, and its
     * reader reads every key of its config itself.
     */
    public LayerType<L> modelInput() {
        LayerType<L> copy = copy();
        copy.modelInput = true;
        return copy;
    }

    /** Keras's class name, which {@code to_json()} writes. */
    public String className() {
        return className;
    }

    @Override
    public String kerasName() {
        return className;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    /** Keras 1's key names of this type and their Keras 2 names. */
    public Map<String, String> keras1Keys() {
        return keras1Keys;
    }

    /** Whether layers of this type take images (see {@link Layer#acceptsImages()} for one layer). */
    public boolean acceptsImageInput() {
        return imageNote != null;
    }

    /** What error messages say after the class name among the types taking images, or "" (null: no images). */
    String imageNote() {
        return imageNote;
    }

    /** Whether a layer of this type can be a model's first layer on images. */
    public boolean isFirstOnImages() {
        return firstOnImages;
    }

    /** Whether layers of this type take sequences (see {@link Layer#acceptsSequences()} for one layer). */
    public boolean acceptsSequenceInput() {
        return sequenceNote != null;
    }

    /** What error messages say after the class name among the types taking sequences, or "" (null: none). */
    String sequenceNote() {
        return sequenceNote;
    }

    /** Whether a layer of this type can be a model's first layer on sequences. */
    public boolean isFirstOnSequences() {
        return firstOnSequences;
    }

    /** Whether layers of this type take integer indices. */
    public boolean takesIntegerInput() {
        return integerInput;
    }

    /** Whether the type's reader reads {@code input_dim} itself. */
    public boolean isReadingInputDim() {
        return readsInputDim;
    }

    /** Whether layers of this type must be the model's first layer. */
    public boolean isFirstOnly() {
        return firstOnly;
    }

    /** Whether the type declares the model's input instead of being a layer of it. */
    public boolean isModelInput() {
        return modelInput;
    }

    /** Keras's {@code from_config}: the layer of this config (the type's own keys; see {@link #of}). */
    public L fromConfig(LayerConfig config) {
        return reader.apply(config);
    }

    private LayerType<L> copy() {
        LayerType<L> copy = new LayerType<>(className, reader);
        copy.aliases = aliases;
        copy.keras1Keys = keras1Keys;
        copy.imageNote = imageNote;
        copy.firstOnImages = firstOnImages;
        copy.sequenceNote = sequenceNote;
        copy.firstOnSequences = firstOnSequences;
        copy.firstOnly = firstOnly;
        copy.readsInputDim = readsInputDim;
        copy.integerInput = integerInput;
        copy.modelInput = modelInput;
        return copy;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        names.add(className);
        names.addAll(aliases);
        return "LayerType" + names;
    }
}
