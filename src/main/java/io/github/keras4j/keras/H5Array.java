package io.github.keras4j.keras;

/**
 * A dataset's values as read: {@code float[]} for float32 (and float16) datasets, {@code double[]} for float64,
 * {@code long[]} for integers, in row-major order of {@code shape}.
 */
record H5Array(long[] shape, Object values) {

    /** The kinds of values, as {@link NativeH5File.NativeValues} and the helper's answers name them. */
    static final byte FLOAT = 'F';
    static final byte DOUBLE = 'D';
    static final byte LONG = 'L';
}
