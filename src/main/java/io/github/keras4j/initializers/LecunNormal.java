package io.github.keras4j.initializers;

/**
 * Keras's {@code keras.initializers.LecunNormal} ({@code "lecun_normal"}): a normal truncated at 2 standard
 * deviations whose values have stddev sqrt(1 / fan_in).
 * It is {@code VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal")}; DL4J's LECUN_NORMAL is
 * an untruncated normal, so the DL4J counterpart is our {@code VarianceScalingWeightInit}.
 * No arguments.
 */
public record LecunNormal() implements VarianceScalingPreset {

    @Override
    public String className() {
        return "LecunNormal";
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(1.0, "fan_in", "truncated_normal");
    }
}
