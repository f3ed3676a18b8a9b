package io.github.keras4j.initializers;

import java.util.Map;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/**
 * Keras's {@code keras.initializers.RandomNormal} ({@code "random_normal"}, {@code "normal"}): values drawn from
 * N(mean, stddev^2). Defaults: mean = {@value #DEFAULT_MEAN}, stddev = {@value #DEFAULT_STDDEV}.
 * The DL4J counterpart is DL4J's own normal distribution init, which draws exactly that.
 *
 * @param mean   the mean, finite
 * @param stddev the standard deviation, positive
 */
public record RandomNormal(double mean, double stddev) implements Initializer {

    /** Keras's default {@code mean}. */
    public static final double DEFAULT_MEAN = 0.0;
    /** Keras's default {@code stddev}. */
    public static final double DEFAULT_STDDEV = 0.05;

    /** Validates the arguments. */
    public RandomNormal {
        Checks.finite("mean", mean);
        Checks.positive("stddev", stddev);
    }

    /** N(0, 0.05^2), Keras's defaults. */
    public RandomNormal() {
        this(DEFAULT_MEAN, DEFAULT_STDDEV);
    }

    /** A copy with another mean. */
    public RandomNormal mean(double newMean) {
        return new RandomNormal(newMean, stddev);
    }

    /** A copy with another standard deviation. */
    public RandomNormal stddev(double newStddev) {
        return new RandomNormal(mean, newStddev);
    }

    @Override
    public String className() {
        return "RandomNormal";
    }

    @Override
    public Map<String, Object> config() {
        return Configs.of("mean", mean, "stddev", stddev);
    }

    @Override
    public IWeightInit toDl4j() {
        return new WeightInitDistribution(new NormalDistribution(mean, stddev));
    }
}
