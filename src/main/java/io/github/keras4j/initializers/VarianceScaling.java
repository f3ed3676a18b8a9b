package io.github.keras4j.initializers;

import io.github.keras4j.initializers.dl4j.FanMode;
import io.github.keras4j.initializers.dl4j.ScalingDistribution;
import io.github.keras4j.initializers.dl4j.VarianceScalingWeightInit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;

/**
 * Keras's {@code keras.initializers.VarianceScaling} ({@code "variance_scaling"}): with n = max(1, fan) where the
 * fan is chosen by {@code mode} ({@code fan_in}, {@code fan_out} or {@code fan_avg}, the mean of both), values have
 * variance scale / n. {@code truncated_normal} draws from a normal truncated at 2 standard deviations with
 * stddev = sqrt(scale / n) / 0.87962566103423978 (so that the truncated values have the wanted variance),
 * {@code untruncated_normal} from N(0, scale / n), {@code uniform} from U(-sqrt(3 scale / n), sqrt(3 scale / n)).
 * Defaults: scale = {@value #DEFAULT_SCALE}, mode = {@value #DEFAULT_MODE},
 * distribution = {@value #DEFAULT_DISTRIBUTION}. For a Dense kernel, fan_in is the number of inputs and fan_out
 * the number of units.
 * <p>
 * As Keras does, {@code distribution} is read case-insensitively and {@code "normal"} means
 * {@code "truncated_normal"}; {@code mode} is case-sensitive.
 *
 * @param scale        the scaling factor, positive
 * @param mode         {@code "fan_in"}, {@code "fan_out"} or {@code "fan_avg"}
 * @param distribution {@code "truncated_normal"}, {@code "untruncated_normal"} or {@code "uniform"}
 */
public record VarianceScaling(double scale, String mode, String distribution) implements Initializer {

    /** Keras's default {@code scale}. */
    public static final double DEFAULT_SCALE = 1.0;
    /** Keras's default {@code mode}. */
    public static final String DEFAULT_MODE = "fan_in";
    /** Keras's default {@code distribution}. */
    public static final String DEFAULT_DISTRIBUTION = "truncated_normal";

    /** Validates the arguments and normalizes the distribution's spelling as Keras does. */
    public VarianceScaling {
        Checks.positive("scale", scale);
        FanMode.fromKerasName(mode);
        distribution = ScalingDistribution.fromKerasName(distribution).kerasName();
    }

    /** Scale 1, fan_in, truncated_normal: Keras's defaults (the same draws as {@link LecunNormal}). */
    public VarianceScaling() {
        this(DEFAULT_SCALE, DEFAULT_MODE, DEFAULT_DISTRIBUTION);
    }

    /** A copy with another scale. */
    public VarianceScaling scale(double newScale) {
        return new VarianceScaling(newScale, mode, distribution);
    }

    /** A copy with another mode: {@code "fan_in"}, {@code "fan_out"} or {@code "fan_avg"}. */
    public VarianceScaling mode(String newMode) {
        return new VarianceScaling(scale, newMode, distribution);
    }

    /** A copy with another distribution: {@code "truncated_normal"}, {@code "untruncated_normal"} or {@code "uniform"}. */
    public VarianceScaling distribution(String newDistribution) {
        return new VarianceScaling(scale, mode, newDistribution);
    }

    /** The mode as the DL4J side's enum. */
    public FanMode fanMode() {
        return FanMode.fromKerasName(mode);
    }

    /** The distribution as the DL4J side's enum. */
    public ScalingDistribution scalingDistribution() {
        return ScalingDistribution.fromKerasName(distribution);
    }

    @Override
    public String className() {
        return "VarianceScaling";
    }

    @Override
    public Map<String, Object> config() {
        return Configs.of("scale", scale, "mode", mode, "distribution", distribution);
    }

    /** Keras 3.15's: a seed, the arguments, and the axes its fans are computed over (null: Keras's default). */
    @Override
    public Map<String, Object> keras3Config() {
        return keras3Config(config());
    }

    /** Keras 3.15's config of a variance-scaling initializer with these arguments. */
    Map<String, Object> keras3Config(Map<String, Object> arguments) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", null);
        config.putAll(arguments);
        config.put("input_axes", null);
        config.put("output_axes", null);
        return config;
    }

    /**
     * DL4J's own initializer where it draws exactly this distribution: {@code WeightInitXavierUniform}
     * (U(+-sqrt(6 / (fanIn + fanOut))), glorot_uniform) and {@code WeightInitReluUniform} (U(+-sqrt(6 / fanIn)),
     * he_uniform); those two skip Keras's max(1, n), which only matters for fans below 1, impossible for Dense.
     * {@link VarianceScalingWeightInit} otherwise.
     */
    @Override
    public IWeightInit toDl4j() {
        FanMode fanMode = fanMode();
        ScalingDistribution scalingDistribution = scalingDistribution();
        if (scalingDistribution == ScalingDistribution.UNIFORM) {
            if (scale == 1.0 && fanMode == FanMode.FAN_AVG) {
                return new WeightInitXavierUniform();
            }
            if (scale == 2.0 && fanMode == FanMode.FAN_IN) {
                return new WeightInitReluUniform();
            }
        }
        return new VarianceScalingWeightInit(scale, fanMode, scalingDistribution);
    }
}
