package io.github.keras4j.initializers;

/**
 * Keras's {@code keras.initializers.GlorotUniform} ({@code "glorot_uniform"}, Xavier uniform), Keras's default
 * kernel initializer: U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)).
 * It is {@code VarianceScaling(scale=1.0, mode="fan_avg", distribution="uniform")}; DL4J counterpart:
 * {@code WeightInitXavierUniform}, which draws exactly that.
 * No arguments.
 */
public record GlorotUniform() implements VarianceScalingPreset {

    @Override
    public String className() {
        return "GlorotUniform";
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(1.0, "fan_avg", "uniform");
    }
}
