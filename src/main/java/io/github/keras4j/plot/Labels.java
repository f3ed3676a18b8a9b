package io.github.keras4j.plot;

import io.github.keras4j.internal.ArrayInput;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Features and class labels as plain Java arrays (copies: plots keep nothing of ND4J's off-heap memory). */
final class Labels {

    private Labels() {
    }

    /** The rows of {@code x}, which must be a matrix of {@code columns} columns with at least one row. */
    static double[][] features(INDArray x, long columns) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (x.rank() != 2 || x.rows() < 1) {
            throw new IllegalArgumentException("x must be a matrix with one row per sample, received shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (x.columns() != columns) {
            throw new IllegalArgumentException("x has " + x.columns() + " columns but the model takes " + columns
                    + " input features");
        }
        return rows(x);
    }

    /**
     * The class of each row of {@code y}: the column of the largest value when {@code y} has one column per class
     * (one-hot), else the value itself, which must then be a whole number in [0, classes).
     */
    static int[] classes(INDArray y, int rows, int classes) {
        if (y == null) {
            throw new IllegalArgumentException("y must not be null: points are coloured by their label");
        }
        if (y.rank() != 2 || y.rows() != rows) {
            throw new IllegalArgumentException("y must have one row per sample of x (" + rows + "), received shape "
                    + java.util.Arrays.toString(y.shape()));
        }
        double[][] values = rows(y);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            double[] row = values[i];
            if (row.length > 1) {
                int best = 0;
                for (int k = 1; k < row.length; k++) {
                    if (row[k] > row[best]) {
                        best = k;
                    }
                }
                labels[i] = best;
            } else {
                double value = row[0];
                if (value != Math.rint(value) || value < 0) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "y[%d] = %s is not a class "
                            + "number: a one-column y must hold whole class numbers 0, 1, ...", i, value));
                }
                labels[i] = (int) value;
            }
            if (labels[i] >= classes) {
                throw new IllegalArgumentException("y[" + i + "] is class " + labels[i] + " but the model predicts "
                        + classes + " classes (0 to " + (classes - 1) + ")");
            }
        }
        return labels;
    }

    /**
     * A matrix as Java rows, read in one copy ({@code INDArray.toDoubleMatrix()} makes a native call per row, which
     * takes seconds for the hundreds of thousands of rows of a decision-region grid).
     */
    static double[][] rows(INDArray matrix) {
        double[] values = ArrayInput.rowMajor(matrix);
        int columns = (int) matrix.columns();
        double[][] rows = new double[(int) matrix.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = java.util.Arrays.copyOfRange(values, r * columns, (r + 1) * columns);
        }
        return rows;
    }
}
