package io.github.keras4j;

import java.util.Arrays;

/**
 * The shape of one sample, without the batch axis, as Keras prints it with the batch axis it leaves unknown:
 * {@code (None, 20, 32)} is {@code Shape.of(20, 32)}. Its rank says what a sample is: {@code (features)},
 * {@code (timesteps, features)} (a sequence) or {@code (height, width, channels)} (channels-last images). A size may be
 * unknown too, {@link #NONE} (Keras's {@code None}): {@code input_shape=(None, 1)} is a sequence of any length,
 * {@code Shape.of(Shape.NONE, 1)}. Immutable.
 */
public final class Shape {

    /** An unknown size, Keras's {@code None} ({@code input_shape=(None, 8)}: sequences of any length). */
    public static final long NONE = -1;

    private final long[] sizes;

    private Shape(long[] sizes) {
        this.sizes = sizes;
    }

    /**
     * The shape of samples of these sizes, each positive or {@link #NONE}.
     *
     * @throws IllegalArgumentException for no sizes, or a size that is neither positive nor {@code NONE}
     */
    public static Shape of(long... sizes) {
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("a shape needs at least one size, received: "
                    + (sizes == null ? "null" : "[]"));
        }
        for (long size : sizes) {
            if (size < 1 && size != NONE) {
                throw new IllegalArgumentException("the input size must be positive, received: "
                        + Arrays.toString(sizes));
            }
        }
        return new Shape(sizes.clone());
    }

    /** The number of axes of a sample (the batch axis not counted): 1 for features, 2 for sequences, 3 for images. */
    public int rank() {
        return sizes.length;
    }

    /** The size of {@code axis}; a negative axis counts from the end ({@code -1}: the last). {@link #NONE} if unknown. */
    public long size(int axis) {
        return sizes[axis < 0 ? sizes.length + axis : axis];
    }

    /** The size of the last axis: features, or channels. */
    public long last() {
        return sizes[sizes.length - 1];
    }

    /** The sizes, {@link #NONE} where unknown. */
    public long[] sizes() {
        return sizes.clone();
    }

    /** Whether the size of {@code axis} is known. */
    public boolean isKnown(int axis) {
        return size(axis) != NONE;
    }

    /** Whether every size is known. */
    public boolean isFullyKnown() {
        return Arrays.stream(sizes).noneMatch(size -> size == NONE);
    }

    /** Whether a sample is a vector of features, {@code (features)}. */
    public boolean isFeatures() {
        return sizes.length == 1;
    }

    /** Whether a sample is a sequence, {@code (timesteps, features)}. */
    public boolean isSequence() {
        return sizes.length == 2;
    }

    /** Whether a sample is a channels-last image, {@code (height, width, channels)}. */
    public boolean isImage() {
        return sizes.length == 3;
    }

    /**
     * The number of values in one sample.
     *
     * @throws UnsupportedOperationException when a size is unknown
     */
    public long elementCount() {
        if (!isFullyKnown()) {
            throw new UnsupportedOperationException("shape " + this + " has an unknown size, so no element count");
        }
        return Arrays.stream(sizes).reduce(1, Math::multiplyExact);
    }

    /** This shape with {@code axis} of another size. */
    public Shape withSize(int axis, long size) {
        long[] changed = sizes.clone();
        changed[axis < 0 ? changed.length + axis : axis] = size;
        return of(changed);
    }

    /** This shape with the last axis of another size: a layer that maps the features of each step or pixel. */
    public Shape withLast(long size) {
        return withSize(-1, size);
    }

    /**
     * Whether an array of shape {@code arrayShape} (batch axis first) holds samples of this shape: one axis more, and
     * every known size equal.
     */
    public boolean matches(long[] arrayShape) {
        if (arrayShape.length != sizes.length + 1) {
            return false;
        }
        for (int axis = 0; axis < sizes.length; axis++) {
            if (sizes[axis] != NONE && sizes[axis] != arrayShape[axis + 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether samples of {@code other}'s shape fit this one: the same rank, and every size this shape knows equal
     * ({@code (None, 8)} accepts {@code (20, 8)}).
     */
    public boolean accepts(Shape other) {
        long[] withBatch = new long[other.sizes.length + 1];
        withBatch[0] = 1;
        System.arraycopy(other.sizes, 0, withBatch, 1, other.sizes.length);
        return matches(withBatch);
    }

    /** The sizes as Java prints an array, unknown ones as {@code None}: {@code [28, 28, 1]}, {@code [None, 1]}. */
    public String sizesText() {
        StringBuilder text = new StringBuilder("[");
        appendSizes(text, 0);
        return text.append(']').toString();
    }

    /** Keras's text of the shape with the batch axis, as Python prints the tuple: {@code (None, 8, 8, 1)}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("(None");
        appendSizes(text, 1);
        return text.append(')').toString();
    }

    private void appendSizes(StringBuilder text, int alreadyWritten) {
        for (int axis = 0; axis < sizes.length; axis++) {
            if (axis > 0 || alreadyWritten > 0) {
                text.append(", ");
            }
            text.append(sizes[axis] == NONE ? "None" : String.valueOf(sizes[axis]));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape that && Arrays.equals(sizes, that.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }
}
