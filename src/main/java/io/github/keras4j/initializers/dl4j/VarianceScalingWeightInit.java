package io.github.keras4j.initializers.dl4j;

import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code VarianceScaling} as a DL4J weight initializer: variance = scale / max(1, n), n chosen by
 * {@link FanMode}; truncated_normal draws N(0, sqrt(variance) / 0.8796...) redrawn beyond 2 of its standard
 * deviations, untruncated_normal draws N(0, sqrt(variance)), uniform draws U(-sqrt(3 variance), sqrt(3 variance)).
 * <p>
 * DL4J's VAR_SCALING_NORMAL_* use its truncated normal op without the 0.8796 correction (and that op is faulty,
 * see {@link RandomFill}); its XAVIER, RELU and LECUN_NORMAL are untruncated; its LECUN_UNIFORM uses the bound
 * 3 / sqrt(fanIn) instead of sqrt(3 / fanIn). Hence this class.
 *
 * @param scale        positive scaling factor
 * @param mode         which fan divides the scale
 * @param distribution what the values are drawn from
 */
public record VarianceScalingWeightInit(
        @JsonProperty("scale") double scale,
        @JsonProperty("mode") FanMode mode,
        @JsonProperty("distribution") ScalingDistribution distribution) implements IWeightInit {

    /**
     * The standard deviation of a standard normal truncated to [-2, 2] ({@code scipy.stats.truncnorm.std(-2, 2)},
     * the constant Keras divides by).
     */
    public static final double TRUNCATED_STDDEV_RATIO = 0.87962566103423978;

    /** Validates the arguments. */
    @JsonCreator
    public VarianceScalingWeightInit {
        if (!(scale > 0.0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive, received: " + scale);
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(distribution, "distribution");
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        double variance = scale / mode.divisor(fanIn, fanOut);
        switch (distribution) {
            case TRUNCATED_NORMAL -> RandomFill.truncatedNormal(paramView, 0.0, Math.sqrt(variance) / TRUNCATED_STDDEV_RATIO);
            case UNTRUNCATED_NORMAL -> RandomFill.normal(paramView, 0.0, Math.sqrt(variance));
            case UNIFORM -> {
                double limit = Math.sqrt(3.0 * variance);
                RandomFill.uniform(paramView, -limit, limit);
            }
            default -> throw new IllegalStateException("unhandled distribution " + distribution);
        }
        return paramView.reshape(order, shape);
    }
}
