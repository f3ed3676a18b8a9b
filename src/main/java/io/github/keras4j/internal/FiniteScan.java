package io.github.keras4j.internal;

/**
 * Whether arrays of numbers hold only finite values (no NaN, no infinity), by their bits: a value is not finite
 * exactly when its exponent bits are all ones. Adding the exponent's lowest bit to the masked exponent then carries
 * into the sign bit, so one OR over the array says whether any value did; the loop has no branch and the JIT turns
 * it into vector instructions.
 */
final class FiniteScan {

    private static final int FLOAT_EXPONENT = 0x7f800000;
    private static final int FLOAT_EXPONENT_LOWEST_BIT = 0x00800000;
    private static final long DOUBLE_EXPONENT = 0x7ff0000000000000L;
    private static final long DOUBLE_EXPONENT_LOWEST_BIT = 0x0010000000000000L;

    private FiniteScan() {
    }

    /** Whether the first {@code length} values of {@code values} are all finite. */
    static boolean allFinite(float[] values, int length) {
        int carries = 0;
        for (int i = 0; i < length; i++) {
            carries |= (Float.floatToRawIntBits(values[i]) & FLOAT_EXPONENT) + FLOAT_EXPONENT_LOWEST_BIT;
        }
        return carries >= 0;
    }

    /** Whether the first {@code length} values of {@code values} are all finite. */
    static boolean allFinite(double[] values, int length) {
        long carries = 0;
        for (int i = 0; i < length; i++) {
            carries |= (Double.doubleToRawLongBits(values[i]) & DOUBLE_EXPONENT) + DOUBLE_EXPONENT_LOWEST_BIT;
        }
        return carries >= 0;
    }
}
