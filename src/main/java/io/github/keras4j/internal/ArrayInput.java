package io.github.keras4j.internal;

import io.github.keras4j.Shape;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns the arrays users pass ({@code float[][]}, {@code double[][]}, {@code float[][][]} sequences, {@code int[][]}
 * token indices, {@link INDArray}) into checked arrays. Every problem is reported with the argument's name and the
 * offending row and column (sample, timestep, feature), never silently fixed.
 */
public final class ArrayInput {

    /** Arrays up to this many values are checked for NaN and infinity in place rather than by a native sum. */
    static final long IN_PLACE_CHECK_LIMIT = 4096;
    /** Each thread's copy of a small array being checked, so that the check allocates nothing. */
    private static final ThreadLocal<float[]> FLOAT_SCRATCH =
            ThreadLocal.withInitial(() -> new float[(int) IN_PLACE_CHECK_LIMIT]);
    private static final ThreadLocal<double[]> DOUBLE_SCRATCH =
            ThreadLocal.withInitial(() -> new double[(int) IN_PLACE_CHECK_LIMIT]);

    private ArrayInput() {
    }

    /** A {@code rows x columns} array from a rectangular {@code float[][]}. */
    public static INDArray toArray(String what, float[][] rows) {
        checkRectangular(what, rows, r -> r.length);
        return Nd4j.createFromArray(rows);
    }

    /** A {@code rows x columns} array from a rectangular {@code double[][]}. */
    public static INDArray toArray(String what, double[][] rows) {
        checkRectangular(what, rows, r -> r.length);
        return Nd4j.createFromArray(rows);
    }

    /**
     * A {@code samples x timesteps x features} array from a {@code float[][][]} whose samples all have the same
     * number of timesteps and every timestep the same number of features (pad shorter sequences, and mask them).
     */
    public static INDArray toArray(String what, float[][][] samples) {
        checkRectangular(what, samples, sample -> sample.length);
        for (int i = 0; i < samples.length; i++) {
            checkRectangular(what + " sample " + i, samples[i], step -> step.length);
            if (samples[i][0].length != samples[0][0].length) {
                throw new IllegalArgumentException(what + " is not rectangular: sample " + i + " has "
                        + samples[i][0].length + " features per timestep but sample 0 has " + samples[0][0].length);
            }
        }
        return Nd4j.createFromArray(samples);
    }

    /** A {@code samples x timesteps} array of token indices (for an {@code Embedding}) from a rectangular {@code int[][]}. */
    public static INDArray toArray(String what, int[][] rows) {
        checkRectangular(what, rows, r -> r.length);
        return Nd4j.createFromArray(rows);
    }

    private interface RowLength<R> {
        int of(R row);
    }

    private static <R> void checkRectangular(String what, R[] rows, RowLength<R> length) {
        if (rows == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + " has no rows: at least one sample is needed");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException(what + " row " + i + " is null");
            }
            if (length.of(rows[i]) != length.of(rows[0])) {
                throw new IllegalArgumentException(what + " is not rectangular: row " + i + " has "
                        + length.of(rows[i]) + " values but row 0 has " + length.of(rows[0]));
            }
        }
        if (length.of(rows[0]) == 0) {
            throw new IllegalArgumentException(what + " has rows of length 0: at least one feature is needed");
        }
    }

    /**
     * Checks that {@code array} is a non-empty matrix of finite numbers and returns it in {@code dataType}
     * ('c' order, a copy only when the type or layout differs).
     */
    public static INDArray checkedMatrix(String what, INDArray array, DataType dataType) {
        if (array == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (array.rank() == 1) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(array.shape())
                    + " (rank 1): give a matrix of samples x features, e.g. reshape(" + array.length() + ", 1)");
        }
        if (array.rank() != 2) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(array.shape())
                    + " (rank " + array.rank() + "): only matrices of samples x features are supported");
        }
        if (array.rows() == 0 || array.columns() == 0) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(array.shape())
                    + ": at least one sample and one feature are needed");
        }
        if (!array.dataType().isFPType() && !array.dataType().isIntType()) {
            throw new IllegalArgumentException(what + " has data type " + array.dataType() + ": numbers are needed");
        }
        checkFinite(what, array);
        INDArray typed = array.dataType() == dataType ? array : array.castTo(dataType);
        return typed.ordering() == 'c' && !typed.isView() ? typed : typed.dup('c');
    }

    /**
     * Samples of a shape other than features (sequences: samples x timesteps x features; images: samples x height x
     * width x channels) as {@code dataType}, after checking their shape (every size the sample shape knows) and values.
     */
    public static INDArray checkedSamples(String what, INDArray array, Shape sampleShape, DataType dataType,
            String firstLayer) {
        if (array == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        long[] shape = array.shape();
        boolean fits = sampleShape.matches(shape) && shape[0] > 0 && Arrays.stream(shape).allMatch(size -> size > 0);
        if (!fits) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + " but the model "
                    + "takes samples of shape " + sampleShape.sizesText() + " (the input of layer '" + firstLayer
                    + "'): give an array of shape [samples, " + sampleShape.sizesText().substring(1));
        }
        if (!array.dataType().isFPType() && !array.dataType().isIntType()) {
            throw new IllegalArgumentException(what + " has data type " + array.dataType() + ": numbers are needed");
        }
        checkFinite(what, array);
        INDArray typed = array.dataType() == dataType ? array : array.castTo(dataType);
        return typed.ordering() == 'c' && !typed.isView() ? typed : typed.dup('c');
    }

    /**
     * Checks that {@code array} holds finite numbers (any rank, at least one value) and returns it in {@code dataType}
     * ('c' order, a copy only when the type or layout differs).
     */
    public static INDArray checkedArray(String what, INDArray array, DataType dataType) {
        if (array == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (array.length() == 0 || array.rank() == 0) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(array.shape())
                    + ": at least one value is needed");
        }
        if (!array.dataType().isFPType() && !array.dataType().isIntType()) {
            throw new IllegalArgumentException(what + " has data type " + array.dataType() + ": numbers are needed");
        }
        checkFinite(what, array);
        INDArray typed = array.dataType() == dataType ? array : array.castTo(dataType);
        return typed.ordering() == 'c' && !typed.isView() ? typed : typed.dup('c');
    }

    /** Whether the first {@code length} values of {@code data} (at most {@link #IN_PLACE_CHECK_LIMIT}) are finite. */
    private static boolean allFinite(DataBuffer data, long length) {
        // A bulk copy out of native memory and an integer scan the JIT vectorizes: 0.1-0.2 us for a 784-value row,
        // where reading value by value through the buffer took 1.4 us.
        if (data.dataType() == DataType.FLOAT && data.pointer() instanceof FloatPointer values) {
            float[] copy = FLOAT_SCRATCH.get();
            values.get(copy, 0, (int) length);
            return FiniteScan.allFinite(copy, (int) length);
        }
        if (data.dataType() == DataType.DOUBLE && data.pointer() instanceof DoublePointer values) {
            double[] copy = DOUBLE_SCRATCH.get();
            values.get(copy, 0, (int) length);
            return FiniteScan.allFinite(copy, (int) length);
        }
        for (long i = 0; i < length; i++) {
            if (!Double.isFinite(data.getDouble(i))) {
                return false;
            }
        }
        return true;
    }

    private static void checkFinite(String what, INDArray array) {
        if (!array.dataType().isFPType()) {
            return;
        }
        // A small plain array (a served request's row) is read in place, cheaper than a native reduction, which
        // creates its result array; a larger one takes one native reduction. The scan below only locates a bad value.
        if (array.length() <= IN_PLACE_CHECK_LIMIT && !array.isView() && array.data().length() == array.length()
                && array.data().offset() == 0) {
            if (allFinite(array.data(), array.length())) {
                return;
            }
        } else if (Double.isFinite(array.sumNumber().doubleValue())) {
            return;
        }
        if (array.rank() != 2) {
            double[] flat = array.dup('c').data().asDouble();
            for (int i = 0; i < flat.length; i++) {
                if (!Double.isFinite(flat[i])) {
                    throw new IllegalArgumentException(what + " contains " + (Double.isNaN(flat[i]) ? "NaN" : flat[i])
                            + " at " + position(array.shape(), i) + ": every value must be a finite number");
                }
            }
            return;
        }
        double[][] values = array.toDoubleMatrix();
        for (int row = 0; row < values.length; row++) {
            for (int column = 0; column < values[row].length; column++) {
                double value = values[row][column];
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(what + " contains " + (Double.isNaN(value) ? "NaN" : value)
                            + " at row " + row + ", column " + column + ": every value must be a finite number");
                }
            }
        }
    }

    /** Where flat C-order index {@code index} lies: {@code sample 3, timestep 4, feature 0}. */
    private static String position(long[] shape, long index) {
        String[] axes = shape.length == 3 ? new String[] {"sample", "timestep", "feature"}
                : new String[] {"sample", "height", "width", "channel"};
        long[] at = new long[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            at[axis] = index % shape[axis];
            index /= shape[axis];
        }
        StringBuilder text = new StringBuilder();
        for (int axis = 0; axis < shape.length; axis++) {
            text.append(axis == 0 ? "" : ", ").append(axis < axes.length ? axes[axis] : "axis " + axis).append(' ')
                    .append(at[axis]);
        }
        return text.toString();
    }

    /** The values of a matrix in row-major order, without an ND4J op when it is already a plain 'c' or 'f' array. */
    public static double[] rowMajor(INDArray matrix) {
        int rows = (int) matrix.rows();
        int columns = (int) matrix.columns();
        if (!matrix.isView() && matrix.length() == (long) rows * columns) {
            double[] data = matrix.data().asDouble();
            if (matrix.ordering() == 'c' || rows == 1 || columns == 1) {
                return data.length == rows * columns ? data : Arrays.copyOf(data, rows * columns);
            }
            double[] transposed = new double[rows * columns];
            for (int column = 0; column < columns; column++) {
                for (int row = 0; row < rows; row++) {
                    transposed[row * columns + column] = data[column * rows + row];
                }
            }
            return transposed;
        }
        return matrix.dup('c').data().asDouble();
    }
}
