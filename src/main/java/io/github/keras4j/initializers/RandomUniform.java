package io.github.keras4j.initializers;

import java.util.Map;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/**
 * Keras's {@code keras.initializers.RandomUniform} ({@code "random_uniform"}, {@code "uniform"}): values drawn
 * uniformly from [minval, maxval). Defaults: minval = {@value #DEFAULT_MINVAL}, maxval = {@value #DEFAULT_MAXVAL}.
 * The DL4J counterpart is DL4J's own uniform distribution init, which draws exactly that.
 *
 * @param minval the lower bound (inclusive)
 * @param maxval the upper bound (exclusive), greater than minval
 */
public record RandomUniform(double minval, double maxval) implements Initializer {

    /** Keras's default {@code minval}. */
    public static final double DEFAULT_MINVAL = -0.05;
    /** Keras's default {@code maxval}. */
    public static final double DEFAULT_MAXVAL = 0.05;

    /** Validates the arguments. */
    public RandomUniform {
        Checks.finite("minval", minval);
        Checks.finite("maxval", maxval);
        if (!(minval < maxval)) {
            throw new IllegalArgumentException("minval must be less than maxval, received: minval=" + minval
                    + ", maxval=" + maxval);
        }
    }

    /** U(-0.05, 0.05), Keras's defaults. */
    public RandomUniform() {
        this(DEFAULT_MINVAL, DEFAULT_MAXVAL);
    }

    /** A copy with another lower bound. */
    public RandomUniform minval(double newMinval) {
        return new RandomUniform(newMinval, maxval);
    }

    /** A copy with another upper bound. */
    public RandomUniform maxval(double newMaxval) {
        return new RandomUniform(minval, newMaxval);
    }

    @Override
    public String className() {
        return "RandomUniform";
    }

    @Override
    public Map<String, Object> config() {
        return Configs.of("minval", minval, "maxval", maxval);
    }

    @Override
    public IWeightInit toDl4j() {
        return new WeightInitDistribution(new UniformDistribution(minval, maxval));
    }
}
