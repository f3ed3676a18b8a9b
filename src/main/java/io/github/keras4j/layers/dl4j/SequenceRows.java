package io.github.keras4j.layers.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The one layout keras4j uses between a sequence {@code [samples, timesteps, features]} and its timesteps as rows of a
 * matrix {@code [samples * timesteps, features]}: C order, so that row {@code s * timesteps + t} is timestep t of
 * sample s, and a mask {@code [samples, timesteps]} becomes the column {@code [samples * timesteps, 1]} in the same
 * order. (DL4J's own time-series reshapes order masks by timestep first, data by sample first.)
 */
final class SequenceRows {

    private SequenceRows() {
    }

    /** The timesteps of {@code sequence} as rows (a view when it is already a plain C-order array). */
    static INDArray toRows(INDArray sequence) {
        if (sequence.rank() != 3) {
            throw new IllegalArgumentException("expected a sequence [samples, timesteps, features], received shape "
                    + Arrays.toString(sequence.shape()));
        }
        INDArray plain = sequence.ordering() == 'c' && Shape.hasDefaultStridesForShape(sequence) ? sequence
                : sequence.dup('c');
        return plain.reshape('c', sequence.size(0) * sequence.size(1), sequence.size(2));
    }

    /** Rows {@code [samples * timesteps, features]} back to a sequence of {@code samples}. */
    static INDArray toSequence(INDArray rows, long samples) {
        if (rows.rank() != 2 || rows.size(0) % samples != 0) {
            throw new IllegalArgumentException("expected " + samples + " samples' timesteps as rows, received shape "
                    + Arrays.toString(rows.shape()));
        }
        INDArray plain = rows.ordering() == 'c' && Shape.hasDefaultStridesForShape(rows) ? rows : rows.dup('c');
        return plain.reshape('c', samples, rows.size(0) / samples, rows.size(1));
    }

    /** A timestep mask {@code [samples, timesteps]} as the column of its rows, or null for none. */
    static INDArray maskToRows(INDArray mask) {
        return mask == null ? null : mask.dup('c').reshape('c', mask.length(), 1);
    }

    /** The column mask of rows back to {@code [samples, timesteps]}, or null for none. */
    static INDArray maskToSequence(INDArray rowMask, long samples) {
        return rowMask == null ? null : rowMask.dup('c').reshape('c', samples, rowMask.length() / samples);
    }
}
