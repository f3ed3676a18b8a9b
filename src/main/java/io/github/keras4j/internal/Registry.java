package io.github.keras4j.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Name lookup shared by every registry (activations, losses, optimizers, metrics, initializers...).
 * Keras matches names exactly; so do we, but an unknown name gets an error that lists the valid
 * names and suggests the closest one, which Keras's "Could not interpret identifier" does not.
 */
public final class Registry {

    private Registry() {
    }

    /**
     * Finds the constant of {@code type} whose Keras name or alias is {@code name}.
     *
     * @param concept what is looked up, for the error message ("activation", "loss"...)
     * @throws IllegalArgumentException naming the unknown name, the closest valid one and all valid ones
     */
    public static <E extends Enum<E> & KerasNamed> E lookup(Class<E> type, String concept, String name) {
        Map<String, E> byName = namesOf(type);
        if (name != null) {
            E found = byName.get(name);
            if (found != null) {
                return found;
            }
        }
        throw unknown(concept, name, byName.keySet());
    }

    /** Every accepted name of the constants of {@code type}, canonical names first, in declaration order. */
    public static <E extends Enum<E> & KerasNamed> Map<String, E> namesOf(Class<E> type) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            byName.put(constant.kerasName(), constant);
        }
        for (E constant : type.getEnumConstants()) {
            for (String alias : constant.aliases()) {
                byName.putIfAbsent(alias, constant);
            }
        }
        return byName;
    }

    /** The canonical Keras names of the constants of {@code type}, in declaration order. */
    public static <E extends Enum<E> & KerasNamed> List<String> canonicalNames(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.kerasName());
        }
        return names;
    }

    /**
     * The error for a name that is not among {@code validNames}:
     * {@code unknown loss 'mean_sqared_error'; did you mean 'mean_squared_error'? valid: ...}.
     */
    public static IllegalArgumentException unknown(String concept, String name, Iterable<String> validNames) {
        return unknown(concept, name, validNames, closest(name, validNames));
    }

    /** {@link #unknown(String, String, Iterable)} with the suggestion chosen by the caller (null for none). */
    public static IllegalArgumentException unknown(String concept, String name, Iterable<String> validNames,
            String suggestion) {
        StringBuilder message = new StringBuilder("unknown ").append(concept).append(" '").append(name).append("'");
        if (suggestion != null) {
            message.append("; did you mean '").append(suggestion).append("'?");
        }
        message.append(suggestion == null ? "; valid: " : " valid: ").append(String.join(", ", validNames));
        return new IllegalArgumentException(message.toString());
    }

    /**
     * The valid name that {@code name} spells differently only in case and underscores ({@code max_pooling2d} for
     * {@code MaxPooling2D}), or null. For names where a near spelling is another thing ({@code Conv1D} is not a
     * misspelt {@code Conv2D}, nor QKeras's {@code QDense} a {@code Dense}), this is the only safe suggestion.
     */
    public static String respelling(String name, Iterable<String> validNames) {
        if (name == null) {
            return null;
        }
        String wanted = name.replace("_", "").toLowerCase(Locale.ROOT);
        for (String candidate : validNames) {
            if (candidate.replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return candidate;
            }
        }
        return null;
    }

    /** The valid name with the smallest case-insensitive edit distance to {@code name}, or null if none is close. */
    static String closest(String name, Iterable<String> validNames) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : validNames) {
            int distance = editDistance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        // Beyond about a third of the word, a suggestion is noise rather than help.
        int tolerance = Math.max(2, wanted.length() / 3);
        return bestDistance <= tolerance ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
