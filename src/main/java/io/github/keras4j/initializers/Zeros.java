package io.github.keras4j.initializers;

import java.util.Map;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;

/** Keras's {@code keras.initializers.Zeros} ({@code "zeros"}, {@code "zero"}): every value is 0. No arguments. */
public record Zeros() implements Initializer {

    @Override
    public String className() {
        return "Zeros";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    public IWeightInit toDl4j() {
        return new WeightInitConstant(0.0);
    }

    @Override
    public OptionalDouble constantValue() {
        return OptionalDouble.of(0.0);
    }
}
