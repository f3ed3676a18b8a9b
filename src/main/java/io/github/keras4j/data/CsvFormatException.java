package io.github.keras4j.data;

/**
 * A CSV file that does not hold what its {@link CsvDataset} asks for: a cell that is not a finite number, a row
 * whose field count differs from the header's, an unknown class, an empty file. The message names the file, the
 * line (counted from 1, the header being line 1, as an editor counts) and, for a cell, the column by name and by
 * position (counted from 1 as well, like the line: {@code column 'x2' (2)} is the second column):
 * {@code datasets/xor.csv line 4, column 'x2' (2): 'abc' is not a number}.
 *
 * <p>Keras has no CSV reader; pandas raises {@code ParserError} / {@code ValueError} for such files. Nothing is
 * ever skipped or repaired: the first bad value stops reading.
 */
public class CsvFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String columnName;
    private final int columnNumber;

    /** An error about a whole line (field count, quoting) or, with line 1, about the header. */
    public CsvFormatException(String file, long line, String detail) {
        this(file, line, null, 0, detail);
    }

    /**
     * An error about one cell.
     *
     * @param columnName the header's name of the column, or null when the error is about a whole line
     * @param columnNumber the column's position counted from 1, or 0 when the error is about a whole line
     */
    public CsvFormatException(String file, long line, String columnName, int columnNumber, String detail) {
        super(file + " line " + line + (columnName == null ? "" : ", column '" + columnName + "' (" + columnNumber
                + ")") + ": " + detail);
        this.file = file;
        this.line = line;
        this.columnName = columnName;
        this.columnNumber = columnNumber;
    }

    /** The file, as the dataset was given it. */
    public String file() {
        return file;
    }

    /** The line, counted from 1 (the header is line 1). */
    public long line() {
        return line;
    }

    /** The column's header name, or null when the error is about a whole line. */
    public String columnName() {
        return columnName;
    }

    /** The column's position counted from 1, or 0 when the error is about a whole line. */
    public int columnNumber() {
        return columnNumber;
    }
}
