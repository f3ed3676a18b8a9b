package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Keras's padding, cropping, upsampling and spatial dropout layers share: their (before, after) arguments, read
 * in every Keras version's spelling, and their input checks (sequences for the 1-D ones, channels-last images for the
 * 2-D ones).
 */
final class SpatialLayers {

    private SpatialLayers() {
    }

    /** Keras's (before, after) of one axis from one integer or two, each at least 0. */
    static int[] sides(String what, int... values) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw new IllegalArgumentException("`" + what + "` must be one integer or two (before, after), received: "
                    + Arrays.toString(values));
        }
        int[] sides = values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
        checkNotNegative(what, values, sides);
        return sides;
    }

    /**
     * Keras's ((top, bottom), (left, right)) from one integer (all four), two (height, width: each on both sides) or
     * four (top, bottom, left, right, Keras 1's order), each at least 0.
     */
    static int[][] sides2D(String what, int... values) {
        if (values == null || !(values.length == 1 || values.length == 2 || values.length == 4)) {
            throw new IllegalArgumentException("`" + what + "` must be one integer, two (height, width) or four (top, "
                    + "bottom, left, right), received: " + Arrays.toString(values));
        }
        int[] all = switch (values.length) {
            case 1 -> new int[] {values[0], values[0], values[0], values[0]};
            case 2 -> new int[] {values[0], values[0], values[1], values[1]};
            default -> values.clone();
        };
        checkNotNegative(what, values, all);
        return new int[][] {{all[0], all[1]}, {all[2], all[3]}};
    }

    private static void checkNotNegative(String what, int[] given, int[] values) {
        for (int value : values) {
            if (value < 0) {
                throw new IllegalArgumentException("`" + what + "` cannot be negative, received: "
                        + Arrays.toString(given));
            }
        }
    }

    /** A positive integer argument ({@code size}, {@code n}), as Keras checks it. */
    static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Argument `" + what + "` should be a positive integer. Received: "
                    + what + "=" + value);
        }
        return value;
    }

    /**
     * A 1-D (before, after) argument from a config: one integer, a pair, or Keras 1's dictionary of
     * {@code beforeKey}/{@code afterKey} ({@code left_pad}, {@code right_pad}); {@code otherwise} when absent.
     */
    static int[] readSides(LayerConfig config, String key, int[] otherwise, String beforeKey, String afterKey) {
        Object value = config.read(key);
        if (value == null) {
            return otherwise.clone();
        }
        try {
            if (value instanceof Map<?, ?> keras1) {
                return sides(key, dictionary(config, key, keras1, beforeKey, afterKey));
            }
            return sides(key, integers(config, key, value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A 2-D ((top, bottom), (left, right)) argument from a config: one integer, a pair of integers or of pairs, Keras
     * 1's four integers or its dictionary of {@code dictionaryKeys} (top, bottom, left, right); {@code otherwise} when
     * absent.
     */
    static int[][] readSides2D(LayerConfig config, String key, int[][] otherwise, String... dictionaryKeys) {
        Object value = config.read(key);
        if (value == null) {
            return new int[][] {otherwise[0].clone(), otherwise[1].clone()};
        }
        try {
            if (value instanceof Map<?, ?> keras1 && dictionaryKeys.length == 4) {
                return sides2D(key, dictionary(config, key, keras1, dictionaryKeys));
            }
            if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof List<?>
                    && list.get(1) instanceof List<?>) {
                int[] height = sides(key + "[0]", integers(config, key, list.get(0)));
                int[] width = sides(key + "[1]", integers(config, key, list.get(1)));
                return new int[][] {height, width};
            }
            return sides2D(key, integers(config, key, value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage(), e);
        }
    }

    private static int[] integers(LayerConfig config, String key, Object value) {
        List<?> list = value instanceof List<?> values ? values : List.of(value);
        int[] result = new int[list.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(list.get(i) instanceof Integer integer)) {
                throw config.wrongType(key, "an integer, a pair of integers or a pair of pairs");
            }
            result[i] = integer;
        }
        return result;
    }

    private static int[] dictionary(LayerConfig config, String key, Map<?, ?> values, String... keys) {
        if (!values.keySet().equals(Set.of((Object[]) keys))) {
            throw new IllegalArgumentException("\"" + key + "\" as a dictionary must have the keys "
                    + String.join(", ", keys) + ", found " + config.json(values));
        }
        int[] result = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (!(values.get(keys[i]) instanceof Integer integer)) {
                throw config.wrongType(key, "a dictionary of integers");
            }
            result[i] = integer;
        }
        return result;
    }

    /** Keras's list of a 2-D argument: {@code [[1, 1], [2, 0]]}. */
    static List<Object> pairList(int[][] pairs) {
        return List.of(Layer.intList(pairs[0]), Layer.intList(pairs[1]));
    }

    /** Refuses any input but sequences, as Keras's {@code InputSpec(ndim=3)}. */
    static void requireSequences(Layer layer, Shape inputShape) {
        if (!inputShape.isSequence()) {
            throw new UnsupportedOperationException(layer.className() + " layer " + layer.name() + " takes "
                    + "sequences of shape (timesteps, features), received input of shape " + inputShape.sizesText());
        }
    }

    /** Refuses any input but channels-last images, as Keras's {@code InputSpec(ndim=4)}. */
    static void requireImages(Layer layer, Shape inputShape) {
        if (!inputShape.isImage()) {
            throw new UnsupportedOperationException(layer.className() + " layer " + layer.name() + " takes images "
                    + "of shape (height, width, channels), received input of shape " + inputShape.sizesText());
        }
    }

    /** The error for a layer taking sequences or images given features. */
    static UnsupportedOperationException noFeatures(Layer layer, String takes, long inputUnits) {
        return new UnsupportedOperationException(layer.className() + " layer " + layer.name() + " takes " + takes
                + ", not " + inputUnits + " features");
    }

    /** A size changed by {@code change}, or unknown when it is unknown. */
    static long resized(long size, java.util.function.LongUnaryOperator change) {
        return size == Shape.NONE ? Shape.NONE : change.applyAsLong(size);
    }
}
