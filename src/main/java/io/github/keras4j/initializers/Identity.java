package io.github.keras4j.initializers;

import io.github.keras4j.initializers.dl4j.IdentityWeightInit;
import java.util.Map;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * Keras's {@code keras.initializers.Identity} ({@code "identity"}): {@code gain} on the main diagonal and 0
 * elsewhere, for 2-D weights of any shape (as {@code tf.eye(rows, cols)}). Default: gain = {@value #DEFAULT_GAIN}.
 * DL4J counterpart: {@link IdentityWeightInit} (DL4J's own accepts square matrices only).
 *
 * @param gain the value on the diagonal, finite
 */
public record Identity(double gain) implements Initializer {

    /** Keras's default {@code gain}. */
    public static final double DEFAULT_GAIN = 1.0;

    /** Validates the gain. */
    public Identity {
        Checks.finite("gain", gain);
    }

    /** Gain 1, Keras's default. */
    public Identity() {
        this(DEFAULT_GAIN);
    }

    /** A copy with another gain. */
    public Identity gain(double newGain) {
        return new Identity(newGain);
    }

    @Override
    public String className() {
        return "Identity";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("gain", gain);
    }

    /** Keras 3's Identity takes no seed. */
    @Override
    public Map<String, Object> keras3Config() {
        return config();
    }

    @Override
    public IWeightInit toDl4j() {
        return new IdentityWeightInit(gain);
    }
}
