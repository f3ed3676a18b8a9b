package io.github.keras4j.initializers;

/**
 * Keras's {@code keras.initializers.HeNormal} ({@code "he_normal"}): a normal truncated at 2 standard deviations
 * whose values have stddev sqrt(2 / fan_in).
 * It is {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="truncated_normal")}; DL4J's RELU is an
 * untruncated normal, so the DL4J counterpart is our {@code VarianceScalingWeightInit}.
 * No arguments.
 */
public record HeNormal() implements VarianceScalingPreset {

    @Override
    public String className() {
        return "HeNormal";
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(2.0, "fan_in", "truncated_normal");
    }
}
