package io.github.keras4j.internal;

import java.util.Locale;

/** Keras 3's {@code naming.to_snake_case}, which names layers' weight groups and optimizers in Keras 3's files. */
public final class SnakeCase {

    private SnakeCase() {
    }

    /** {@code BatchNormalization} gives {@code batch_normalization}, {@code PReLU} {@code p_re_lu}, {@code SGD} {@code sgd}. */
    public static String of(String className) {
        String name = className.replaceAll("\\W+", "");
        name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
