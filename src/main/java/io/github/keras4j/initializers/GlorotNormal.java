package io.github.keras4j.initializers;

/**
 * Keras's {@code keras.initializers.GlorotNormal} ({@code "glorot_normal"}, Xavier normal): a normal truncated at
 * 2 standard deviations whose values have stddev sqrt(2 / (fan_in + fan_out)).
 * It is {@code VarianceScaling(scale=1.0, mode="fan_avg", distribution="truncated_normal")}; DL4J's XAVIER is an
 * untruncated normal, so the DL4J counterpart is our {@code VarianceScalingWeightInit}.
 * No arguments.
 */
public record GlorotNormal() implements VarianceScalingPreset {

    @Override
    public String className() {
        return "GlorotNormal";
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(1.0, "fan_avg", "truncated_normal");
    }
}
