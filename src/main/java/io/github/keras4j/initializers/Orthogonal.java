package io.github.keras4j.initializers;

import io.github.keras4j.initializers.dl4j.OrthogonalWeightInit;
import java.util.Map;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * Keras's {@code keras.initializers.Orthogonal} ({@code "orthogonal"}): a random orthogonal matrix times
 * {@code gain}, by Keras's algorithm (QR decomposition of a normal matrix, signs fixed by R's diagonal): a tall
 * matrix gets orthonormal columns, a wide one orthonormal rows. Default: gain = {@value #DEFAULT_GAIN}.
 * DL4J counterpart: {@link OrthogonalWeightInit}, for 2-D weights (Dense kernels) only.
 *
 * @param gain the factor applied to the orthogonal matrix, finite
 */
public record Orthogonal(double gain) implements Initializer {

    /** Keras's default {@code gain}. */
    public static final double DEFAULT_GAIN = 1.0;

    /** Validates the gain. */
    public Orthogonal {
        Checks.finite("gain", gain);
    }

    /** Gain 1, Keras's default. */
    public Orthogonal() {
        this(DEFAULT_GAIN);
    }

    /** A copy with another gain. */
    public Orthogonal gain(double newGain) {
        return new Orthogonal(newGain);
    }

    @Override
    public String className() {
        return "Orthogonal";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("gain", gain);
    }

    @Override
    public IWeightInit toDl4j() {
        return new OrthogonalWeightInit(gain);
    }
}
