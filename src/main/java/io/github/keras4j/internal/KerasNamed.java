package io.github.keras4j.internal;

import java.util.List;

/**
 * Something a Keras user can name with a string: {@code "relu"}, {@code "adam"}, {@code "mse"}.
 * Registries are enums implementing this interface; {@link Registry} looks them up by name or alias.
 */
public interface KerasNamed {

    /** The canonical Keras name, for example {@code "mean_squared_error"}. */
    String kerasName();

    /** Other names Keras accepts for the same thing, for example {@code "mse"} and {@code "MeanSquaredError"}. */
    default List<String> aliases() {
        return List.of();
    }
}
