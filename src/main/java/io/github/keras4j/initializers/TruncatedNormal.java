package io.github.keras4j.initializers;

import io.github.keras4j.initializers.dl4j.TruncatedNormalWeightInit;
import java.util.Map;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * Keras's {@code keras.initializers.TruncatedNormal} ({@code "truncated_normal"}): values drawn from
 * N(mean, stddev^2), where any value more than 2 stddev from the mean is drawn again (so the values' own
 * standard deviation is about 0.88 stddev). Defaults: mean = {@value #DEFAULT_MEAN},
 * stddev = {@value #DEFAULT_STDDEV}. DL4J counterpart: {@link TruncatedNormalWeightInit}.
 *
 * @param mean   the mean, finite
 * @param stddev the standard deviation before truncation, positive
 */
public record TruncatedNormal(double mean, double stddev) implements Initializer {

    /** Keras's default {@code mean}. */
    public static final double DEFAULT_MEAN = 0.0;
    /** Keras's default {@code stddev}. */
    public static final double DEFAULT_STDDEV = 0.05;

    /** Validates the arguments. */
    public TruncatedNormal {
        Checks.finite("mean", mean);
        Checks.positive("stddev", stddev);
    }

    /** Mean 0, stddev 0.05, Keras's defaults. */
    public TruncatedNormal() {
        this(DEFAULT_MEAN, DEFAULT_STDDEV);
    }

    /** A copy with another mean. */
    public TruncatedNormal mean(double newMean) {
        return new TruncatedNormal(newMean, stddev);
    }

    /** A copy with another standard deviation (before truncation). */
    public TruncatedNormal stddev(double newStddev) {
        return new TruncatedNormal(mean, newStddev);
    }

    @Override
    public String className() {
        return "TruncatedNormal";
    }

    @Override
    public Map<String, Object> config() {
        return Configs.of("mean", mean, "stddev", stddev);
    }

    @Override
    public IWeightInit toDl4j() {
        return new TruncatedNormalWeightInit(mean, stddev);
    }
}
