package io.github.keras4j.data;

import io.github.keras4j.internal.Registry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns the fields of one CSV line into feature and label numbers, checking every cell it reads: a bad cell is a
 * {@link CsvFormatException} naming the file, the line and the column, never a skipped row or a default value.
 */
final class RowDecoder {

    private final String fileName;
    private final List<String> header;
    private final int[] featureColumns;
    private final int[] labelColumns;
    private final LabelEncoding encoding;
    private final int numClasses;
    /** Class name to index, in the given order; null when the classes are integers 0..k-1. */
    private final Map<String, Integer> classIndices;
    private final DataType dataType;
    private final int labelWidth;

    RowDecoder(String fileName, List<String> header, int[] featureColumns, int[] labelColumns,
            LabelEncoding encoding, int numClasses, List<String> classNames, DataType dataType) {
        this.fileName = fileName;
        this.header = List.copyOf(header);
        this.featureColumns = featureColumns.clone();
        this.labelColumns = labelColumns.clone();
        this.encoding = encoding;
        this.numClasses = numClasses;
        if (classNames == null) {
            this.classIndices = null;
        } else {
            this.classIndices = new LinkedHashMap<>();
            for (String name : classNames) {
                classIndices.put(name, classIndices.size());
            }
        }
        this.dataType = dataType;
        this.labelWidth = labelColumns.length == 0 ? 0
                : encoding == LabelEncoding.ONE_HOT ? numClasses
                : encoding == LabelEncoding.CLASS_INDEX ? 1 : labelColumns.length;
    }

    /** The number of feature values per row. */
    int featureWidth() {
        return featureColumns.length;
    }

    /** The number of label values per row after encoding (0 without label columns). */
    int labelWidth() {
        return labelWidth;
    }

    /**
     * Decodes line {@code line} into {@code features[featureOffset..]} and {@code labels[labelOffset..]}.
     *
     * @throws CsvFormatException for a row of the wrong length or a bad cell
     */
    void decode(List<Writable> record, long line, double[] features, int featureOffset, double[] labels,
            int labelOffset) {
        if (record.size() != header.size()) {
            boolean blank = record.size() == 1 && record.get(0).toString().isBlank();
            throw new CsvFormatException(fileName, line, (blank ? "the line is blank, but every row needs "
                    : "the row has " + record.size() + (record.size() == 1 ? " field" : " fields") + ", but it needs ")
                    + header.size() + " as the header (line 1) has" + (blank ? " (blank lines are not skipped)" : ""));
        }
        for (int i = 0; i < featureColumns.length; i++) {
            int column = featureColumns[i];
            features[featureOffset + i] = number(record.get(column).toString(), line, column);
        }
        switch (encoding) {
            case NUMERIC:
                for (int i = 0; i < labelColumns.length; i++) {
                    int column = labelColumns[i];
                    labels[labelOffset + i] = number(record.get(column).toString(), line, column);
                }
                break;
            case ONE_HOT:
                Arrays.fill(labels, labelOffset, labelOffset + numClasses, 0.0);
                labels[labelOffset + classOf(record, line)] = 1.0;
                break;
            case CLASS_INDEX:
                labels[labelOffset] = classOf(record, line);
                break;
            default:
                throw new IllegalStateException("unhandled label encoding " + encoding);
        }
    }

    private int classOf(List<Writable> record, long line) {
        int column = labelColumns[0];
        String cell = record.get(column).toString();
        if (classIndices != null) {
            Integer index = classIndices.get(cell);
            if (index == null) {
                throw new CsvFormatException(fileName, line, header.get(column), column + 1,
                        Registry.unknown("class", cell, classIndices.keySet()).getMessage());
            }
            return index;
        }
        double value = number(cell, line, column);
        if (value != Math.rint(value)) {
            throw new CsvFormatException(fileName, line, header.get(column), column + 1, "'" + cell + "' is not a "
                    + "class index: the labels must be integers from 0 to " + (numClasses - 1));
        }
        if (value < 0 || value >= numClasses) {
            throw new CsvFormatException(fileName, line, header.get(column), column + 1, "class index '" + cell
                    + "' is out of range for " + numClasses + " classes (0 to " + (numClasses - 1) + ")");
        }
        return (int) value;
    }

    /** The finite number in {@code cell}; surrounding spaces are allowed, as pandas allows them. */
    private double number(String cell, long line, int column) {
        int from = 0;
        int to = cell.length();
        // Java's parseDouble trims the same characters (every char up to ' ').
        while (from < to && cell.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && cell.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to) {
            throw cellError(line, column, "the cell is empty, but a number is required (missing values are not "
                    + "supported)");
        }
        if (!isDecimal(cell, from, to)) {
            String word = cell.substring(from, to).toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
            if (word.equals("nan")) {
                throw cellError(line, column, "'" + cell + "' is NaN, but every value must be a finite number "
                        + "(missing values are not supported)");
            }
            if (word.equals("inf") || word.equals("infinity")) {
                throw cellError(line, column, "'" + cell + "' is infinite, but every value must be a finite number");
            }
            throw cellError(line, column, "'" + cell + "' is not a number");
        }
        double value = Double.parseDouble(cell);
        if (Double.isInfinite(value)) {
            throw cellError(line, column, "'" + cell + "' is beyond the range of float64 (infinite), but every "
                    + "value must be a finite number");
        }
        if (dataType == DataType.FLOAT && Float.isInfinite((float) value)) {
            throw cellError(line, column, "'" + cell + "' is beyond the range of float32 (+-" + Float.MAX_VALUE
                    + "); use dtype float64 for such values");
        }
        return value;
    }

    /**
     * Whether {@code s[from, to)} is a decimal number: optional sign, digits with an optional point (at least one
     * digit), optional exponent. Java's parseDouble also takes hexadecimal, "NaN", "Infinity" and a trailing 'f' or
     * 'd', which no CSV writer means as numbers.
     */
    static boolean isDecimal(String s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == to;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private CsvFormatException cellError(long line, int column, String detail) {
        return new CsvFormatException(fileName, line, header.get(column), column + 1, detail);
    }

    /** A {@code rows x width} matrix of the dataset's type from the first {@code rows * width} values. */
    INDArray matrix(double[] values, int rows, int width) {
        int length = rows * width;
        double[] exact = values.length == length ? values : Arrays.copyOf(values, length);
        return Nd4j.create(exact, new long[] {rows, width}, dataType);
    }
}
