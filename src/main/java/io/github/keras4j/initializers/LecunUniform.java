package io.github.keras4j.initializers;

/**
 * Keras's {@code keras.initializers.LecunUniform} ({@code "lecun_uniform"}): U(-limit, limit) with
 * limit = sqrt(3 / fan_in). It is {@code VarianceScaling(scale=1.0, mode="fan_in", distribution="uniform")};
 * DL4J's LECUN_UNIFORM uses the limit 3 / sqrt(fan_in), so the DL4J counterpart is our
 * {@code VarianceScalingWeightInit}.
 * No arguments.
 */
public record LecunUniform() implements VarianceScalingPreset {

    @Override
    public String className() {
        return "LecunUniform";
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(1.0, "fan_in", "uniform");
    }
}
