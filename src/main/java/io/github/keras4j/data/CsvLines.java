package io.github.keras4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

/**
 * The lines of a CSV file, one record at a time, through DataVec's {@link CSVRecordReader} (which streams the file:
 * a line is read when it is asked for). DataVec does not say where a record came from in its errors, so this class
 * counts the lines itself; the header is line 1.
 */
final class CsvLines implements Closeable {

    private static final char QUOTE = '"';
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String fileName;
    private final CSVRecordReader reader;
    private long line;

    /** Opens {@code file}; the first {@link #next()} is its header. */
    CsvLines(Path file, String fileName, char delimiter) {
        this.fileName = fileName;
        requireRegularFile(file, fileName);
        this.reader = new CSVRecordReader(0, delimiter, QUOTE);
        try {
            reader.initialize(new FileSplit(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + fileName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + fileName, e);
        }
    }

    /** The check DataVec's FileSplit lacks: given an absolute path that does not exist, it creates an empty file. */
    static void requireRegularFile(Path file, String fileName) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(fileName + " does not exist (absolute path: " + file.toAbsolutePath()
                    + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(fileName + " is not a regular file: give one CSV file");
        }
    }

    /** Reads the header (line 1) of {@code file} and checks that a data row follows it. */
    static List<String> header(Path file, String fileName, char delimiter) {
        try (CsvLines lines = new CsvLines(file, fileName, delimiter)) {
            return lines.readHeader(true);
        }
    }

    /**
     * Reads line 1 as the header: column names, distinct, a leading UTF-8 byte order mark removed (it marks the
     * encoding, it is not part of the first name).
     *
     * @param requireRows whether a data row must follow
     */
    List<String> readHeader(boolean requireRows) {
        if (line != 0) {
            throw new IllegalStateException("the header is line 1, but line " + line + " was read already");
        }
        if (!hasNext()) {
            throw new CsvFormatException(fileName, 1, "the file is empty, but a header row naming the columns is "
                    + "required");
        }
        List<Writable> record = next();
        List<String> names = new ArrayList<>(record.size());
        for (Writable field : record) {
            names.add(field.toString());
        }
        if (!names.isEmpty() && !names.get(0).isEmpty() && names.get(0).charAt(0) == BYTE_ORDER_MARK) {
            names.set(0, names.get(0).substring(1));
        }
        if (names.size() == 1 && names.get(0).isBlank()) {
            throw new CsvFormatException(fileName, 1, "the line is blank, but a header row naming the columns is "
                    + "required");
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).indexOf('\uFFFD') >= 0 || names.get(i).indexOf('\u0000') >= 0) {
                // DataVec decodes bytes that are not UTF-8 as replacement characters: the name would be lost.
                throw new CsvFormatException(fileName, 1, null, 0, "column " + (i + 1) + "'s name is not UTF-8 text "
                        + "(a binary file, or another encoding?)");
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer earlier = seen.putIfAbsent(names.get(i), i);
            if (earlier != null) {
                throw new CsvFormatException(fileName, 1, names.get(i), i + 1, "duplicate column name (also column "
                        + (earlier + 1) + "); every column needs its own name");
            }
        }
        if (requireRows && !hasNext()) {
            throw new CsvFormatException(fileName, 1, "the header has no data rows after it");
        }
        return names;
    }

    boolean hasNext() {
        try {
            return reader.hasNext();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read " + fileName + " after line " + line, e);
        }
    }

    /** The fields of the next line; {@link #line()} is then its number. */
    List<Writable> next() {
        line++;
        try {
            return reader.next();
        } catch (RuntimeException e) {
            // DataVec wraps its parser's IOException (an unterminated quote) in a RuntimeException.
            if (e.getCause() instanceof IOException && e.getCause().getMessage() != null
                    && e.getCause().getMessage().contains("quoted field")) {
                throw new CsvFormatException(fileName, line, e.getCause().getMessage()
                        + " (a quoted field cannot span lines)");
            }
            throw new IllegalStateException("cannot read " + fileName + " line " + line, e);
        }
    }

    /** The number of the line last returned by {@link #next()}, 0 before the first. */
    long line() {
        return line;
    }

    /** Starts again at line 1. */
    void reset() {
        reader.reset();
        line = 0;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + fileName, e);
        }
    }
}
