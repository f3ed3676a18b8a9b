package io.github.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.weights.IWeightInit;

/** A weight initializer (Keras's {@code keras.initializers.Initializer}). */
public interface Initializer {

    /** Keras's class name, for example {@code "GlorotUniform"}. */
    String className();

    /** The arguments under Keras's config keys ({@code seed} excluded: the model's seed applies). */
    Map<String, Object> config();

    /**
     * The config Keras 3 writes (a {@code .keras} file): {@link #config()}, after a {@code seed} of null for the
     * initializers that draw at random (keras4j's seed is the model's).
     */
    default Map<String, Object> keras3Config() {
        if (constantValue().isPresent()) {
            return config();
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", null);
        config.putAll(config());
        return config;
    }

    /** A DL4J weight initializer that draws from Keras's distribution. */
    IWeightInit toDl4j();

    /**
     * The value every element gets, for constant initializers (zeros, ones, constant); empty for random ones.
     * DL4J initializes biases only to a constant, so a random bias initializer is applied after DL4J's init.
     */
    default OptionalDouble constantValue() {
        return OptionalDouble.empty();
    }
}
