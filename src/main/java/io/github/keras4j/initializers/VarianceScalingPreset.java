package io.github.keras4j.initializers;

import java.util.Map;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * The six Keras initializers that are {@link VarianceScaling} with fixed arguments (Keras's subclasses of
 * {@code VarianceScaling}): Glorot, He and LeCun, uniform and (truncated) normal. They take no arguments and
 * draw exactly what {@link #asVarianceScaling()} draws.
 */
public sealed interface VarianceScalingPreset extends Initializer
        permits GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal {

    /** The {@link VarianceScaling} this preset is. */
    VarianceScaling asVarianceScaling();

    /** Empty: the presets have no arguments but {@code seed}, which the model's seed replaces. */
    @Override
    default Map<String, Object> config() {
        return Map.of();
    }

    /** Keras 3.15's: a seed, and the axes its fans are computed over (null: Keras's default). */
    @Override
    default Map<String, Object> keras3Config() {
        return asVarianceScaling().keras3Config(Map.of());
    }

    @Override
    default IWeightInit toDl4j() {
        return asVarianceScaling().toDl4j();
    }
}
