package io.github.keras4j.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.initializers.dl4j.FanMode;
import io.github.keras4j.initializers.dl4j.ScalingDistribution;
import io.github.keras4j.initializers.dl4j.VarianceScalingWeightInit;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws 400 x 300 values (fan_in 400, fan_out 300, as a Dense kernel with 400 inputs and 300 units) and checks
 * them against Keras's formulas. With 120,000 values the sample mean is within 0.003 stddev and the sample stddev
 * within 0.2% of the truth (one standard error); the tolerances are about ten standard errors.
 */
class InitializerDistributionTest {

    private static final long ROWS = 400;
    private static final long COLS = 300;
    private static final double FAN_IN = ROWS;
    private static final double FAN_OUT = COLS;
    private static final double TRUNCATED_RATIO = 0.87962566103423978;
    /** P(|z| > 1) for a standard normal truncated to [-2, 2]: 2 (Phi(2) - Phi(1)) / (Phi(2) - Phi(-2)). */
    private static final double TRUNCATED_BEYOND_ONE_SIGMA = 0.284766;

    private static double[] draw(Initializer initializer, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Initializers.generate(initializer, DataType.FLOAT, ROWS, COLS).data().asDouble();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double stddev(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double fractionBeyond(double[] values, double center, double distance) {
        int count = 0;
        for (double v : values) {
            if (Math.abs(v - center) > distance) {
                count++;
            }
        }
        return (double) count / values.length;
    }

    private static void assertNormal(double[] values, double mean, double stddev) {
        assertEquals(mean, mean(values), 0.03 * stddev, "mean");
        assertEquals(stddev, stddev(values), 0.02 * stddev, "stddev");
        // An untruncated normal has 4.55% of its values beyond 2 stddev.
        assertEquals(0.0455, fractionBeyond(values, mean, 2 * stddev), 0.006, "fraction beyond 2 stddev");
    }

    /** {@code stddevBeforeTruncation} is the stddev of the normal that was truncated at 2 of its stddevs. */
    private static void assertTruncatedNormal(double[] values, double mean, double stddevBeforeTruncation) {
        double bound = 2 * stddevBeforeTruncation * (1 + 1e-6);
        assertTrue(max(values) - mean <= bound, "max " + max(values) + " beyond mean + 2 stddev " + bound);
        assertTrue(mean - min(values) <= bound, "min " + min(values) + " beyond mean - 2 stddev " + bound);
        assertEquals(mean, mean(values), 0.03 * stddevBeforeTruncation, "mean");
        assertEquals(TRUNCATED_RATIO * stddevBeforeTruncation, stddev(values), 0.02 * stddevBeforeTruncation, "stddev");
        // The shape: redrawn (not clipped, not zeroed) values keep the truncated normal's share beyond 1 stddev.
        assertEquals(TRUNCATED_BEYOND_ONE_SIGMA, fractionBeyond(values, mean, stddevBeforeTruncation), 0.01,
                "fraction beyond 1 stddev");
        assertEquals(0.0, fractionBeyond(values, mean, -1) - fractionBeyond(values, mean, 1e-3 * stddevBeforeTruncation),
                0.002, "fraction within 0.001 stddev of the mean");
    }

    private static void assertUniform(double[] values, double low, double high) {
        // The values are floats: the bounds are compared as the floats nearest to them.
        assertTrue(min(values) >= (float) low, "min " + min(values) + " below " + low);
        assertTrue(max(values) <= (float) high, "max " + max(values) + " above " + high);
        double width = high - low;
        assertEquals((low + high) / 2, mean(values), 0.01 * width, "mean");
        assertEquals(width / Math.sqrt(12), stddev(values), 0.01 * width, "stddev");
        // Close to both ends: the whole interval is used.
        assertTrue(min(values) < low + 0.001 * width && max(values) > high - 0.001 * width, "range not covered");
    }

    @Test
    void randomNormalDefaultsAreMeanZeroStddevPoint05() {
        assertNormal(draw(new RandomNormal(), 1), 0.0, 0.05);
    }

    @Test
    void randomNormalWithArguments() {
        assertNormal(draw(new RandomNormal().mean(3.0).stddev(0.5), 2), 3.0, 0.5);
    }

    @Test
    void randomUniformDefaultsArePlusMinusPoint05() {
        assertUniform(draw(new RandomUniform(), 3), -0.05, 0.05);
    }

    @Test
    void randomUniformWithArguments() {
        assertUniform(draw(new RandomUniform(1.0, 4.0), 4), 1.0, 4.0);
    }

    @Test
    void truncatedNormalRedrawsBeyondTwoStddev() {
        assertTruncatedNormal(draw(new TruncatedNormal(), 5), 0.0, 0.05);
        assertTruncatedNormal(draw(new TruncatedNormal(-1.0, 2.0), 6), -1.0, 2.0);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "1.0, fan_in, truncated_normal",
        "2.0, fan_out, truncated_normal",
        "0.5, fan_avg, truncated_normal",
        "1.0, fan_in, untruncated_normal",
        "3.0, fan_out, untruncated_normal",
        "1.0, fan_avg, untruncated_normal",
        "1.0, fan_in, uniform",
        "0.1, fan_out, uniform",
        "1.0, fan_avg, uniform",
        "2.0, fan_in, uniform",
    })
    void varianceScalingMatchesKerasFormula(double scale, String mode, String distribution) {
        double n = switch (mode) {
            case "fan_in" -> FAN_IN;
            case "fan_out" -> FAN_OUT;
            default -> (FAN_IN + FAN_OUT) / 2;
        };
        double[] values = draw(new VarianceScaling(scale, mode, distribution), 7);
        switch (distribution) {
            case "truncated_normal" -> assertTruncatedNormal(values, 0.0, Math.sqrt(scale / n) / TRUNCATED_RATIO);
            case "untruncated_normal" -> assertNormal(values, 0.0, Math.sqrt(scale / n));
            default -> assertUniform(values, -Math.sqrt(3 * scale / n), Math.sqrt(3 * scale / n));
        }
    }

    @Test
    void varianceScalingTruncatedValuesHaveTheWantedVariance() {
        double[] values = draw(new VarianceScaling(2.0, "fan_in", "truncated_normal"), 8);
        assertEquals(Math.sqrt(2.0 / FAN_IN), stddev(values), 0.02 * Math.sqrt(2.0 / FAN_IN));
    }

    @Test
    void glorotUniformIsDl4jXavierUniformWithKerasLimit() {
        assertInstanceOf(WeightInitXavierUniform.class, new GlorotUniform().toDl4j());
        double limit = Math.sqrt(6.0 / (FAN_IN + FAN_OUT));
        assertUniform(draw(new GlorotUniform(), 9), -limit, limit);
    }

    @Test
    void heUniformIsDl4jReluUniformWithKerasLimit() {
        assertInstanceOf(WeightInitReluUniform.class, new HeUniform().toDl4j());
        double limit = Math.sqrt(6.0 / FAN_IN);
        assertUniform(draw(new HeUniform(), 10), -limit, limit);
    }

    @Test
    void lecunUniformUsesSqrtThreeOverFanIn() {
        double limit = Math.sqrt(3.0 / FAN_IN);
        assertUniform(draw(new LecunUniform(), 11), -limit, limit);
        assertEquals(new VarianceScalingWeightInit(1.0, FanMode.FAN_IN, ScalingDistribution.UNIFORM),
                new LecunUniform().toDl4j());
    }

    @Test
    void normalPresetsAreTruncatedWithTheKerasCorrection() {
        assertTruncatedNormal(draw(new GlorotNormal(), 12), 0.0, Math.sqrt(2.0 / (FAN_IN + FAN_OUT)) / TRUNCATED_RATIO);
        assertTruncatedNormal(draw(new HeNormal(), 13), 0.0, Math.sqrt(2.0 / FAN_IN) / TRUNCATED_RATIO);
        assertTruncatedNormal(draw(new LecunNormal(), 14), 0.0, Math.sqrt(1.0 / FAN_IN) / TRUNCATED_RATIO);
    }

    @Test
    void presetsAreTheirVarianceScaling() {
        assertEquals(new VarianceScaling(1.0, "fan_avg", "uniform"), new GlorotUniform().asVarianceScaling());
        assertEquals(new VarianceScaling(1.0, "fan_avg", "truncated_normal"), new GlorotNormal().asVarianceScaling());
        assertEquals(new VarianceScaling(2.0, "fan_in", "uniform"), new HeUniform().asVarianceScaling());
        assertEquals(new VarianceScaling(2.0, "fan_in", "truncated_normal"), new HeNormal().asVarianceScaling());
        assertEquals(new VarianceScaling(1.0, "fan_in", "uniform"), new LecunUniform().asVarianceScaling());
        assertEquals(new VarianceScaling(1.0, "fan_in", "truncated_normal"), new LecunNormal().asVarianceScaling());
        assertEquals(new VarianceScaling(1.0, "fan_in", "truncated_normal"), new VarianceScaling());
    }

    @Test
    void fansBelowOneCountAsOneAsInKeras() {
        // A 1 x 1 kernel with fan_avg 1: limit sqrt(3); Keras's max(1, n) keeps the variance at scale for smaller fans.
        INDArray values = Nd4j.create(DataType.DOUBLE, 20000);
        Nd4j.getRandom().setSeed(15);
        new VarianceScalingWeightInit(1.0, FanMode.FAN_OUT, ScalingDistribution.UNIFORM)
                .init(4, 0.25, new long[] {20000}, 'c', values);
        assertUniform(values.data().asDouble(), -Math.sqrt(3.0), Math.sqrt(3.0));
    }

    @Test
    void sameSeedSameValuesOtherSeedOtherValues() {
        Initializer[] initializers = {new GlorotUniform(), new GlorotNormal(), new HeNormal(), new LecunUniform(),
            new RandomNormal(), new RandomUniform(), new TruncatedNormal(), new Orthogonal(),
            new VarianceScaling(1.0, "fan_out", "untruncated_normal")};
        for (Initializer initializer : initializers) {
            double[] first = draw(initializer, 42);
            double[] again = draw(initializer, 42);
            double[] other = draw(initializer, 43);
            assertArrayEquals(first, again, initializer.toString());
            assertFalse(java.util.Arrays.equals(first, other), initializer.toString());
        }
    }

    @Test
    void constantsFillEveryValueAndExposeIt() {
        assertConstant(new Zeros(), 0.0);
        assertConstant(new Ones(), 1.0);
        assertConstant(new Constant(), 0.0);
        assertConstant(new Constant(-2.5), -2.5);
    }

    private static void assertConstant(Initializer initializer, double value) {
        assertEquals(value, initializer.constantValue().orElseThrow());
        double[] values = Initializers.generate(initializer, DataType.DOUBLE, 7, 5).data().asDouble();
        for (double v : values) {
            assertEquals(value, v, initializer.toString());
        }
    }

    @Test
    void randomInitializersHaveNoConstantValue() {
        for (Initializer initializer : new Initializer[] {new GlorotUniform(), new RandomNormal(), new Orthogonal(),
            new Identity(), new VarianceScaling(), new TruncatedNormal()}) {
            assertTrue(initializer.constantValue().isEmpty(), initializer.toString());
        }
    }

    @Test
    void generateUsesKerasFansForVectors() {
        // A bias of 50 values: Keras's fans are 50 and 50, so he_uniform's limit is sqrt(6 / 50).
        Nd4j.getRandom().setSeed(16);
        INDArray bias = Initializers.generate(new HeUniform(), DataType.DOUBLE, 50);
        assertArrayEquals(new long[] {50}, bias.shape());
        assertTrue(bias.amaxNumber().doubleValue() < Math.sqrt(6.0 / 50));
        assertArrayEquals(new double[] {1, 1}, Initializers.kerasFans());
        assertArrayEquals(new double[] {50, 50}, Initializers.kerasFans(50));
        assertArrayEquals(new double[] {4, 3}, Initializers.kerasFans(4, 3));
        assertArrayEquals(new double[] {3 * 3 * 16, 3 * 3 * 32}, Initializers.kerasFans(3, 3, 16, 32));
    }
}
