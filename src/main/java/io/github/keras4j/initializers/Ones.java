package io.github.keras4j.initializers;

import java.util.Map;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;

/** Keras's {@code keras.initializers.Ones} ({@code "ones"}, {@code "one"}): every value is 1. No arguments. */
public record Ones() implements Initializer {

    @Override
    public String className() {
        return "Ones";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    public IWeightInit toDl4j() {
        return new WeightInitConstant(1.0);
    }

    @Override
    public OptionalDouble constantValue() {
        return OptionalDouble.of(1.0);
    }
}
