package io.github.keras4j.layers;

import io.github.keras4j.internal.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of Keras layer types keras4j has, as {@code keras.layers} is Keras's: the model reader finds a type
 * by its Keras class name here, and the lists of supported layers in error messages and in
 * docs/keras-compatibility.md come from here. Adding a layer type is one line below (and its class; see docs/DESIGN.md, "Adding a layer").
 */
public final class Layers {

    /** Every type, in the order error messages and docs/keras-compatibility.md list them. */
    private static final List<LayerType<?>> TYPES = List.of(
            Dense.TYPE,
            Conv2D.TYPE,
            MaxPooling2D.TYPE,
            AveragePooling2D.TYPE,
            Conv1D.TYPE,
            MaxPooling1D.TYPE,
            AveragePooling1D.TYPE,
            GlobalAveragePooling1D.TYPE,
            GlobalMaxPooling1D.TYPE,
            GlobalAveragePooling2D.TYPE,
            GlobalMaxPooling2D.TYPE,
            LayerNormalization.TYPE,
            Flatten.TYPE,
            Dropout.TYPE,
            Activation.TYPE,
            BatchNormalization.TYPE,
            Normalization.TYPE,
            ELU.TYPE,
            LeakyReLU.TYPE,
            ReLU.TYPE,
            Softmax.TYPE,
            ThresholdedReLU.TYPE,
            PReLU.TYPE,
            Embedding.TYPE,
            Masking.TYPE,
            SimpleRNN.TYPE,
            LSTM.TYPE,
            GRU.TYPE,
            Bidirectional.TYPE,
            TimeDistributed.TYPE,
            Reshape.TYPE,
            Permute.TYPE,
            RepeatVector.TYPE,
            ZeroPadding1D.TYPE,
            ZeroPadding2D.TYPE,
            UpSampling1D.TYPE,
            UpSampling2D.TYPE,
            Cropping1D.TYPE,
            Cropping2D.TYPE,
            SpatialDropout1D.TYPE,
            SpatialDropout2D.TYPE,
            GaussianNoise.TYPE,
            GaussianDropout.TYPE,
            InputLayer.TYPE);

    private static final Map<String, LayerType<?>> BY_NAME = byName();

    private Layers() {
    }

    private static Map<String, LayerType<?>> byName() {
        Map<String, LayerType<?>> byName = new LinkedHashMap<>();
        for (LayerType<?> type : TYPES) {
            byName.put(type.className(), type);
        }
        for (LayerType<?> type : TYPES) {
            for (String alias : type.aliases()) {
                byName.putIfAbsent(alias, type);
            }
        }
        return byName;
    }

    /** Every registered type, in registration order. */
    public static List<LayerType<?>> types() {
        return TYPES;
    }

    /** The Keras class names of the registered types, in registration order (aliases excluded). */
    public static List<String> classNames() {
        return TYPES.stream().map(LayerType::className).toList();
    }

    /** The type of this Keras class name or alias, matched exactly as Keras does; empty when keras4j has none. */
    public static Optional<LayerType<?>> find(String className) {
        return Optional.ofNullable(className == null ? null : BY_NAME.get(className));
    }

    /**
     * The type of this Keras class name or alias.
     *
     * @throws IllegalArgumentException listing the supported types, and the one meant when only case or underscores
     *     differ
     */
    public static LayerType<?> get(String className) {
        return find(className).orElseThrow(() -> Registry.unknown("layer type", className, BY_NAME.keySet(),
                suggestion(className)));
    }

    /** The registered class name {@code className} spells differently only in case or underscores, or null. */
    public static String suggestion(String className) {
        return Registry.respelling(className, BY_NAME.keySet());
    }

    /** The types taking images inside a model, for messages: {@code "Conv2D, Flatten, Activation (not softmax)"}. */
    public static String imageTypes() {
        List<String> names = new ArrayList<>();
        for (LayerType<?> type : TYPES) {
            if (type.acceptsImageInput() && !type.isModelInput()) {
                names.add(type.className() + (type.imageNote().isEmpty() ? "" : " (" + type.imageNote() + ")"));
            }
        }
        return String.join(", ", names);
    }

    /** The types that can be a model's first layer on images, for messages: {@code "Conv2D or Flatten"}. */
    public static String firstOnImagesTypes() {
        return either(TYPES.stream().filter(type -> type.isFirstOnImages() && !type.isModelInput())
                .map(LayerType::className).toList());
    }

    /** The types taking sequences inside a model, for messages: {@code "LSTM, Dense, Activation (not softmax)"}. */
    public static String sequenceTypes() {
        List<String> names = new ArrayList<>();
        for (LayerType<?> type : TYPES) {
            if (type.acceptsSequenceInput() && !type.isModelInput()) {
                names.add(type.className() + (type.sequenceNote().isEmpty() ? "" : " (" + type.sequenceNote() + ")"));
            }
        }
        return String.join(", ", names);
    }

    /** The types that can be a model's first layer on sequences, for messages: {@code "LSTM, GRU or Masking"}. */
    public static String firstOnSequencesTypes() {
        return either(TYPES.stream().filter(type -> type.isFirstOnSequences() && !type.isModelInput())
                .map(LayerType::className).toList());
    }

    private static String either(List<String> names) {
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
