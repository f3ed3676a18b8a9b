package io.github.keras4j.callbacks;

import io.github.keras4j.internal.AtomicFiles;
import io.github.keras4j.internal.PythonRepr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one CSV row per epoch with the epoch's logs: Keras's {@code keras.callbacks.CSVLogger}.
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(100).callbacks(new CSVLogger("training.log")));
 * }</pre>
 * Defaults, as Keras's: {@code separator ","}, {@code append false} (the file is overwritten when training begins).
 *
 * <p>The file is what Keras writes through Python's {@code csv} module (the {@code excel} dialect): a header
 * {@code epoch,} then the log keys sorted; when the first epoch has no {@code val_} keys, Keras adds a
 * {@code val_} column for every key (filled with {@code NA}) so that validation metrics appearing later have a
 * column; one row per epoch, the epoch counted from 0, numbers as Python's {@code repr} writes them
 * ({@code 0.2479}, {@code 1e-05}, {@code nan}); lines end in {@code \r\n}; fields holding the separator, a quote or a
 * line break are quoted (RFC 4180). The file is rewritten whole and atomically ({@code AtomicFiles}) after each epoch,
 * so each row is there at once, as Keras's flushed row is, and a crash never leaves half a file; the rewrites are
 * forced to the disk at most once a second and when training ends (a power failure may lose the last second's
 * rows). The columns are
 * fixed by the first epoch this instance logs; a later fit of the same instance keeps them (keys it lacks are
 * written as {@code NA}, new ones dropped), as in Keras.
 *
 * <p>With {@code append(true)} rows are added to an existing file, whose header is kept (a header is written only
 * when the file is missing or empty).
 */
public final class CSVLogger extends Callback {

    private static final String LINE_END = "\r\n";

    private final Path filename;
    private final String separator;
    private final boolean append;

    /** Everything the file holds so far; null outside a fit. */
    private StringBuilder file;
    private long lastWrite;
    private List<String> keys;
    private boolean headerWritten;
    private boolean appendHeader = true;

    /** Logs to {@code filename}, overwriting it; separator {@code ","}. */
    public CSVLogger(String filename) {
        this(Path.of(Objects.requireNonNull(filename, "filename")));
    }

    /** Logs to {@code filename}, overwriting it; separator {@code ","}. */
    public CSVLogger(Path filename) {
        this(filename, ",", false);
    }

    private CSVLogger(Path filename, String separator, boolean append) {
        this.filename = Objects.requireNonNull(filename, "filename");
        if (separator == null || separator.length() != 1) {
            // Python's csv module: '"delimiter" must be a 1-character string'.
            throw new IllegalArgumentException("separator must be a 1-character string, received: "
                    + (separator == null ? "null" : "'" + separator + "'"));
        }
        if (separator.equals("\"") || separator.equals("\r") || separator.equals("\n")) {
            throw new IllegalArgumentException("separator cannot be a quote or a line break, received: '"
                    + separator.replace("\r", "\\r").replace("\n", "\\n") + "'");
        }
        this.separator = separator;
        this.append = append;
    }

    /** The string between fields; one character, default {@code ","}. */
    public CSVLogger separator(String separator) {
        return new CSVLogger(filename, separator, append);
    }

    /** true: add to an existing file; false (default): overwrite it. */
    public CSVLogger append(boolean append) {
        return new CSVLogger(filename, separator, append);
    }

    public Path filename() {
        return filename;
    }

    public String separator() {
        return separator;
    }

    public boolean append() {
        return append;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        Path folder = filename.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new UncheckedIOException("CSVLogger cannot open " + filename + ": its folder " + folder
                    + " does not exist", new IOException(folder.toString()));
        }
        StringBuilder content = new StringBuilder();
        try {
            if (append && Files.exists(filename)) {
                // Keras's "not bool(len(f.readline()))": only an empty file gets a header.
                appendHeader = Files.size(filename) == 0;
                content.append(Files.readString(filename, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot open " + filename + ": " + e.getMessage(), e);
        }
        try {
            AtomicFiles.writeString(filename, content.toString());
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("CSVLogger cannot open " + filename + ": " + e.getMessage(), e.getCause());
        }
        file = content;
        lastWrite = System.nanoTime();
        headerWritten = false;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (file == null) {
            throw new IllegalStateException("CSVLogger's onEpochEnd was called before onTrainBegin");
        }
        if (keys == null) {
            keys = new ArrayList<>(logs.keySet());
            keys.sort(null);
            if (keys.stream().noneMatch(key -> key.startsWith("val_"))) {
                List<String> validationKeys = new ArrayList<>();
                for (String key : keys) {
                    validationKeys.add("val_" + key);
                }
                keys.addAll(validationKeys);
            }
        }
        StringBuilder text = new StringBuilder();
        if (!headerWritten) {
            if (appendHeader) {
                text.append(field("epoch"));
                for (String key : keys) {
                    text.append(separator).append(field(key));
                }
                text.append(LINE_END);
            }
            headerWritten = true;
        }
        text.append(epoch);
        for (String key : keys) {
            Double value = logs.get(key);
            text.append(separator).append(field(value == null ? "NA" : PythonRepr.of(value)));
        }
        text.append(LINE_END);
        file.append(text);
        write(System.nanoTime() - lastWrite >= FORCE_INTERVAL_NANOS);
    }

    /** How often the rewrites are forced to the disk during a fit, at most (a forced write takes milliseconds). */
    private static final long FORCE_INTERVAL_NANOS = 1_000_000_000L;

    private void write(boolean force) {
        try {
            AtomicFiles.writeString(filename, file.toString(), force);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("CSVLogger cannot write to " + filename + ": " + e.getMessage(),
                    e.getCause());
        }
        if (force) {
            lastWrite = System.nanoTime();
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (file == null) {
            return;
        }
        try {
            write(true);
        } finally {
            file = null;
        }
    }

    /** A field as Python's csv module writes it with QUOTE_MINIMAL: quoted, quotes doubled, when it must be. */
    private String field(String value) {
        if (value.contains(separator) || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    @Override
    public String toString() {
        return "CSVLogger(filename=" + filename + ", separator=" + separator + ", append=" + append + ")";
    }
}
