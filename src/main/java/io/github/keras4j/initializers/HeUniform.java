package io.github.keras4j.initializers;

/**
 * Keras's {@code keras.initializers.HeUniform} ({@code "he_uniform"}): U(-limit, limit) with
 * limit = sqrt(6 / fan_in). It is {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="uniform")};
 * DL4J counterpart: {@code WeightInitReluUniform}, which draws exactly that.
 * No arguments.
 */
public record HeUniform() implements VarianceScalingPreset {

    @Override
    public String className() {
        return "HeUniform";
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(2.0, "fan_in", "uniform");
    }
}
