package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bitwise finiteness scan against {@code Float.isFinite} and {@code Double.isFinite}, value by value. */
class FiniteScanTest {

    private static final float[] FLOATS = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Math.nextDown(Float.MAX_VALUE), Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xff800001), Float.MAX_VALUE * 2f};
    private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.longBitsToDouble(0x7ff0000000000001L),
        Double.longBitsToDouble(0xfff8000000000000L), 1e308};

    @Test
    void eachSpecialFloatAloneAndAmongFiniteValues() {
        for (float value : FLOATS) {
            assertEquals(Float.isFinite(value), FiniteScan.allFinite(new float[] {value}, 1), "alone: " + value);
            for (int at : new int[] {0, 7, 16, 37, 99}) {
                float[] values = randomFloats(100, at);
                values[at] = value;
                assertEquals(Float.isFinite(value), FiniteScan.allFinite(values, values.length),
                        value + " at " + at + " of 100");
            }
        }
    }

    @Test
    void eachSpecialDoubleAloneAndAmongFiniteValues() {
        for (double value : DOUBLES) {
            assertEquals(Double.isFinite(value), FiniteScan.allFinite(new double[] {value}, 1), "alone: " + value);
            for (int at : new int[] {0, 3, 8, 41, 99}) {
                double[] values = randomDoubles(100, at);
                values[at] = value;
                assertEquals(Double.isFinite(value), FiniteScan.allFinite(values, values.length),
                        value + " at " + at + " of 100");
            }
        }
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        float[] floats = {1f, 2f, Float.NaN};
        assertTrue(FiniteScan.allFinite(floats, 2));
        assertFalse(FiniteScan.allFinite(floats, 3));
        double[] doubles = {1, Double.POSITIVE_INFINITY};
        assertTrue(FiniteScan.allFinite(doubles, 1));
        assertFalse(FiniteScan.allFinite(doubles, 2));
        assertTrue(FiniteScan.allFinite(new float[0], 0));
    }

    @Test
    void randomBitPatternsAgreeWithTheLibrary() {
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            double d = Double.longBitsToDouble(random.nextLong());
            assertEquals(Float.isFinite(f), FiniteScan.allFinite(new float[] {1f, f}, 2), Float.toString(f));
            assertEquals(Double.isFinite(d), FiniteScan.allFinite(new double[] {d, 1.0}, 2), Double.toString(d));
        }
    }

    private static float[] randomFloats(int length, long seed) {
        Random random = new Random(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextGaussian() * 1e3);
        }
        return values;
    }

    private static double[] randomDoubles(int length, long seed) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian() * 1e300;
        }
        return values;
    }
}
