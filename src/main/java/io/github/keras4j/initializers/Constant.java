package io.github.keras4j.initializers;

import java.util.Map;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;

/**
 * Keras's {@code keras.initializers.Constant} ({@code "constant"}): every value is {@code value}.
 * Default: value = {@value #DEFAULT_VALUE}.
 *
 * @param value the value of every element, finite
 */
public record Constant(double value) implements Initializer {

    /** Keras's default {@code value}. */
    public static final double DEFAULT_VALUE = 0.0;

    /** Validates the value. */
    public Constant {
        Checks.finite("value", value);
    }

    /** A constant initializer with Keras's default value, 0. */
    public Constant() {
        this(DEFAULT_VALUE);
    }

    @Override
    public String className() {
        return "Constant";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("value", value);
    }

    @Override
    public IWeightInit toDl4j() {
        return new WeightInitConstant(value);
    }

    @Override
    public OptionalDouble constantValue() {
        return OptionalDouble.of(value);
    }
}
